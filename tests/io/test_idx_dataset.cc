// IDX data sets: Fashion-MNIST as installed by dataset-fashion-mnist, and
// small hand-made files for every validation rule.
#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdint>
#include <string>
#include <vector>

#include "io_test_util.h"
#include "mxaccel/io.h"

namespace {

using iotest::is_one_line_error;
using iotest::ScratchDir;
using iotest::write_bytes;

void expect_balanced(const mx_dataset &ds, int per_class)
{
    int counts[10] = {};
    for (int i = 0; i < ds.count; i++) {
        ASSERT_LE(ds.labels[i], 9);
        counts[ds.labels[i]]++;
    }
    for (int c = 0; c < 10; c++) {
        EXPECT_EQ(counts[c], per_class) << "class " << c;
    }
}

TEST(IdxDataset, LoadsFashionMnistTestSet)
{
    mx_dataset ds;
    char err[512] = "";
    ASSERT_EQ(mx_dataset_load(MX_DEFAULT_DATA_DIR, 0, &ds, err, sizeof err), 0) << err;
    EXPECT_EQ(ds.count, 10000);
    EXPECT_EQ(ds.rows, 28);
    EXPECT_EQ(ds.cols, 28);
    // The first test images are an ankle boot (9), a pullover (2) and two trousers (1).
    EXPECT_EQ(ds.labels[0], 9);
    EXPECT_EQ(ds.labels[1], 2);
    EXPECT_EQ(ds.labels[2], 1);
    EXPECT_EQ(ds.labels[3], 1);
    uint64_t first = 0;
    uint64_t all = 0;
    for (size_t i = 0; i < size_t{10000} * 784; i++) {
        all += ds.images[i];
        first += i < 784 ? ds.images[i] : 0;
    }
    EXPECT_EQ(first, 33456u);
    EXPECT_EQ(all, 573469082u);
    expect_balanced(ds, 1000);
    mx_dataset_free(&ds);
    EXPECT_EQ(ds.images, nullptr);
    EXPECT_EQ(ds.count, 0);
}

TEST(IdxDataset, LoadsFashionMnistTrainingSet)
{
    mx_dataset ds;
    char err[512] = "";
    ASSERT_EQ(mx_dataset_load(MX_DEFAULT_DATA_DIR, 1, &ds, err, sizeof err), 0) << err;
    EXPECT_EQ(ds.count, 60000);
    EXPECT_EQ(ds.rows, 28);
    EXPECT_EQ(ds.cols, 28);
    EXPECT_EQ(ds.labels[0], 9);
    expect_balanced(ds, 6000);
    mx_dataset_free(&ds);
}

std::string be32(uint32_t v)
{
    return std::string{static_cast<char>(v >> 24), static_cast<char>(v >> 16),
                       static_cast<char>(v >> 8), static_cast<char>(v)};
}

// A small valid set: 5 images of 4x3 pixels, labels 0..4.
struct Idx {
    uint32_t images_magic = 0x803, labels_magic = 0x801;
    uint32_t images_count = 5, labels_count = 5, rows = 4, cols = 3;
    std::string pixels, labels;

    Idx()
    {
        for (int i = 0; i < 5 * 4 * 3; i++) {
            pixels.push_back(static_cast<char>(i * 4));
        }
        labels = std::string("\0\1\2\3\4", 5);
    }
    std::string images_file() const
    {
        return be32(images_magic) + be32(images_count) + be32(rows) + be32(cols) + pixels;
    }
    std::string labels_file() const { return be32(labels_magic) + be32(labels_count) + labels; }
};

void write_gz(const std::string &path, const std::string &bytes)
{
    gzFile f = gzopen(path.c_str(), "wb9");
    ASSERT_NE(f, nullptr);
    ASSERT_EQ(gzwrite(f, bytes.data(), static_cast<unsigned>(bytes.size())),
              static_cast<int>(bytes.size()));
    ASSERT_EQ(gzclose(f), Z_OK);
}

void write_set(const ScratchDir &dir, const Idx &idx, bool gz)
{
    const std::string images = dir.file("t10k-images-idx3-ubyte");
    const std::string labels = dir.file("t10k-labels-idx1-ubyte");
    if (gz) {
        write_gz(images + ".gz", idx.images_file());
        write_gz(labels + ".gz", idx.labels_file());
    } else {
        write_bytes(images, idx.images_file());
        write_bytes(labels, idx.labels_file());
    }
}

void expect_small_set(const ScratchDir &dir)
{
    mx_dataset ds;
    char err[512] = "";
    ASSERT_EQ(mx_dataset_load(dir.path().c_str(), 0, &ds, err, sizeof err), 0) << err;
    EXPECT_EQ(ds.count, 5);
    EXPECT_EQ(ds.rows, 4);
    EXPECT_EQ(ds.cols, 3);
    EXPECT_EQ(ds.images[59], 236);
    EXPECT_EQ(ds.labels[4], 4);
    mx_dataset_free(&ds);
}

TEST(IdxDataset, ReadsGzipFiles)
{
    ScratchDir dir;
    write_set(dir, Idx(), true);
    expect_small_set(dir);
}

TEST(IdxDataset, ReadsUncompressedFiles)
{
    ScratchDir dir;
    write_set(dir, Idx(), false);
    expect_small_set(dir);
}

TEST(IdxDataset, MissingDirectoryFails)
{
    ScratchDir dir;
    const std::string missing = dir.file("nothing");
    mx_dataset ds;
    char err[512] = "";
    const std::string file = missing + "/t10k-images-idx3-ubyte.gz";
    EXPECT_TRUE(is_one_line_error(mx_dataset_load(missing.c_str(), 0, &ds, err, sizeof err), err,
                                  file, "No such file"));
    EXPECT_EQ(ds.images, nullptr);
}

// One broken set: the file the message must name and a word it must contain.
struct Broken {
    const char *name;
    void (*edit)(Idx &);
    const char *file; // "images" or "labels"
    const char *keyword;
};

const Broken kBroken[] = {
    {"ImagesWrongMagic", [](Idx &x) { x.images_magic = 0x801; }, "images", "bad magic number"},
    {"LabelsWrongMagic", [](Idx &x) { x.labels_magic = 0x803; }, "labels", "bad magic number"},
    {"CountMismatch", [](Idx &x) { x.labels_count = 4; x.labels.pop_back(); }, "labels",
     "holds 4 labels but"},
    {"ImagesTruncated", [](Idx &x) { x.pixels.pop_back(); }, "images", "truncated"},
    {"LabelsTruncated", [](Idx &x) { x.labels.pop_back(); }, "labels", "truncated"},
    {"ImagesTrailingBytes", [](Idx &x) { x.pixels.push_back('\0'); }, "images", "trailing"},
    {"LabelsTrailingBytes", [](Idx &x) { x.labels.push_back('\0'); }, "labels", "trailing"},
    {"BadLabel", [](Idx &x) { x.labels[3] = 10; }, "labels", "label 10 of item 3"},
    {"ZeroRows", [](Idx &x) { x.rows = 0; }, "images", "image size 0x3"},
    {"TooManyCols", [](Idx &x) { x.cols = 2000; }, "images", "image size 4x2000"},
    {"NoImages", [](Idx &x) { x.images_count = 0; x.labels_count = 0; }, "images",
     "image count 0"},
    {"HugeCountTruncated",
     [](Idx &x) { x.images_count = 0x7fffffff; x.labels_count = 0x7fffffff; x.rows = 1024;
                  x.cols = 1024; },
     "images", "truncated"},
};

class IdxBroken : public ::testing::TestWithParam<size_t> {};

TEST_P(IdxBroken, FailsWithOneLineMessage)
{
    const Broken &b = kBroken[GetParam()];
    for (bool gz : {true, false}) {
        SCOPED_TRACE(gz ? "gzip" : "plain");
        ScratchDir dir;
        Idx idx;
        b.edit(idx);
        write_set(dir, idx, gz);
        const std::string file = dir.file(std::string("t10k-") + b.file +
                                          (std::string(b.file) == "images" ? "-idx3-ubyte"
                                                                           : "-idx1-ubyte") +
                                          (gz ? ".gz" : ""));
        mx_dataset ds = {7, 1, 1, nullptr, nullptr};
        char err[512] = "";
        const int rc = mx_dataset_load(dir.path().c_str(), 0, &ds, err, sizeof err);
        EXPECT_TRUE(is_one_line_error(rc, err, file, b.keyword));
        EXPECT_EQ(ds.count, 0);
        EXPECT_EQ(ds.images, nullptr);
        EXPECT_EQ(ds.labels, nullptr);
    }
}

INSTANTIATE_TEST_SUITE_P(Cases, IdxBroken,
                         ::testing::Range<size_t>(0, sizeof kBroken / sizeof kBroken[0]),
                         [](const ::testing::TestParamInfo<size_t> &info) {
                             return std::string(kBroken[info.param].name);
                         });

TEST(IdxDataset, MissingLabelsFileIsNamed)
{
    ScratchDir dir;
    write_set(dir, Idx(), true);
    std::remove(dir.file("t10k-labels-idx1-ubyte.gz").c_str());
    mx_dataset ds;
    char err[512] = "";
    EXPECT_TRUE(is_one_line_error(mx_dataset_load(dir.path().c_str(), 0, &ds, err, sizeof err),
                                  err, dir.file("t10k-labels-idx1-ubyte.gz"), "No such file"));
}

TEST(IdxDataset, CorruptGzipStreamFails)
{
    ScratchDir dir;
    write_set(dir, Idx(), true);
    const std::string path = dir.file("t10k-images-idx3-ubyte.gz");
    std::string bytes = iotest::read_bytes(path);
    for (size_t i = 10; i < bytes.size() - 8; i++) {
        bytes[i] = static_cast<char>(0xff); // deflate data replaced by garbage
    }
    write_bytes(path, bytes);
    mx_dataset ds;
    char err[512] = "";
    EXPECT_TRUE(is_one_line_error(mx_dataset_load(dir.path().c_str(), 0, &ds, err, sizeof err),
                                  err, path, "read error"));
}

}  // namespace
