/**
 * @file infer_dump.c
 * Layer dump of one image (see infer_dump.h).
 */
#include "infer_dump.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

static void print_layer(FILE *out, int index, int layer, const float *values, size_t n)
{
    fprintf(out, "layer %d %s %s", index, mx_cnn_layer_name(layer), mx_cnn_layer_shape(layer));
    for (size_t i = 0; i < n; ++i) {
        uint32_t bits;
        memcpy(&bits, &values[i], sizeof(bits));
        fprintf(out, " %08" PRIx32, bits);
    }
    fputc('\n', out);
}

int infer_dump_layers(FILE *out, const mx_cnn *net, const uint8_t *image, int index)
{
    float *layers[MX_CNN_LAYERS] = {0};
    int status = 0;
    for (int l = 0; l < MX_CNN_LAYERS; ++l) {
        layers[l] = malloc(mx_cnn_layer_size(l) * sizeof(float));
        if (layers[l] == NULL) {
            status = -1;
        }
    }
    if (status == 0) {
        mx_cnn_dump_layers(net, image, layers);
        for (int l = 0; l < MX_CNN_LAYERS; ++l) {
            print_layer(out, index, l, layers[l], mx_cnn_layer_size(l));
        }
    }
    for (int l = 0; l < MX_CNN_LAYERS; ++l) {
        free(layers[l]);
    }
    return status;
}
