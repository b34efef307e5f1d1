/**
 * @file io.h
 * File formats: safetensors weights (header parsed with cJSON) and IDX
 * image/label files, gzip-compressed as distributed (read with zlib).
 * Every loader validates what it reads and reports a one-line error.
 */
#ifndef MXACCEL_IO_H
#define MXACCEL_IO_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MX_TENSOR_MAX_DIMS 8

/** One F32 tensor of a safetensors file. */
typedef struct mx_tensor {
    char name[128];
    int ndim;
    int64_t shape[MX_TENSOR_MAX_DIMS];
    size_t count; /**< number of elements */
    float *data;  /**< owned by the mx_safetensors that holds it */
} mx_tensor;

/** A whole safetensors file in memory (F32 tensors only). */
typedef struct mx_safetensors {
    int count;
    mx_tensor *tensors;
} mx_safetensors;

/**
 * Read a safetensors file. Validates: the 8-byte header length against the
 * file size, the header as a JSON object (cJSON), every tensor's dtype
 * (F32 only), shape (non-negative, element count matching its byte range),
 * and data_offsets (ordered, inside the data area, not overlapping).
 * @return 0, or -1 with a one-line message naming the file and the problem
 */
int mx_safetensors_read(const char *path, mx_safetensors *out, char *err, size_t errlen);

/** Write F32 tensors as a safetensors file, atomically (temp file + rename). */
int mx_safetensors_write(const char *path, const mx_tensor *tensors, int count, char *err,
                         size_t errlen);

/** The tensor with this name, or NULL. */
const mx_tensor *mx_safetensors_find(const mx_safetensors *st, const char *name);

void mx_safetensors_free(mx_safetensors *st);

/** Images and labels of an IDX data set (Fashion-MNIST or MNIST layout). */
typedef struct mx_dataset {
    int count;        /**< number of images */
    int rows, cols;   /**< 28 x 28 for (Fashion-)MNIST */
    uint8_t *images;  /**< count * rows * cols bytes, row-major */
    uint8_t *labels;  /**< count bytes, 0..9 */
} mx_dataset;

/** Default directory of the Debian package dataset-fashion-mnist. */
#define MX_DEFAULT_DATA_DIR "/usr/share/datasets/fashion-mnist"

/**
 * Load the test set (t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz)
 * or the training set (train-...) from dir. Uncompressed files of the same
 * names without .gz are accepted too. Validates magic numbers (0x00000803
 * images, 0x00000801 labels), that counts agree, that the files hold exactly
 * the data their headers announce, and that labels are 0..9.
 * @return 0, or -1 with a one-line message naming the file and the problem
 */
int mx_dataset_load(const char *dir, int train, mx_dataset *out, char *err, size_t errlen);

void mx_dataset_free(mx_dataset *ds);

#ifdef __cplusplus
}
#endif
#endif
