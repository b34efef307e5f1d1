// The CNN weight loader: the seed weights, and files that miss a tensor or
// hold one with the wrong shape.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

#include "io_test_util.h"
#include "mxaccel/cnn.h"
#include "mxaccel/io.h"

namespace {

using iotest::is_one_line_error;
using iotest::ScratchDir;
using iotest::seed_weights_path;

uint32_t bits_of(float f)
{
    uint32_t u;
    std::memcpy(&u, &f, 4);
    return u;
}

TEST(CnnWeights, LoadsSeedWeights)
{
    mx_safetensors st;
    mx_cnn_weights w;
    char err[512] = "";
    ASSERT_EQ(mx_safetensors_read(seed_weights_path().c_str(), &st, err, sizeof err), 0) << err;
    ASSERT_EQ(mx_cnn_weights_load(seed_weights_path().c_str(), &w, err, sizeof err), 0) << err;
    const struct {
        const char *name;
        const float *data;
    } fields[] = {{"conv1.weight", w.conv1_w}, {"conv1.bias", w.conv1_b},
                  {"conv2.weight", w.conv2_w}, {"conv2.bias", w.conv2_b},
                  {"fc1.weight", w.fc1_w},     {"fc1.bias", w.fc1_b},
                  {"fc2.weight", w.fc2_w},     {"fc2.bias", w.fc2_b}};
    for (const auto &f : fields) {
        SCOPED_TRACE(f.name);
        const mx_tensor *t = mx_safetensors_find(&st, f.name);
        ASSERT_NE(t, nullptr);
        ASSERT_NE(f.data, nullptr);
        EXPECT_EQ(std::memcmp(f.data, t->data, t->count * 4), 0);
    }
    EXPECT_EQ(bits_of(w.conv1_w[0]), 0x3e09a755u);
    EXPECT_NE(w.storage, nullptr);
    mx_cnn_weights_free(&w);
    EXPECT_EQ(w.fc1_w, nullptr);
    EXPECT_EQ(w.storage, nullptr);
    mx_safetensors_free(&st);
}

// The seed tensors, changed by `edit`, written to a scratch file.
class CnnWeightsEdited : public ::testing::Test {
protected:
    void SetUp() override
    {
        char err[512] = "";
        ASSERT_EQ(mx_safetensors_read(seed_weights_path().c_str(), &st_, err, sizeof err), 0)
            << err;
        tensors_.assign(st_.tensors, st_.tensors + st_.count);
    }
    void TearDown() override { mx_safetensors_free(&st_); }

    mx_tensor &tensor(const char *name)
    {
        for (mx_tensor &t : tensors_) {
            if (std::strcmp(t.name, name) == 0) {
                return t;
            }
        }
        throw std::runtime_error(name);
    }

    std::string write()
    {
        char err[512] = "";
        const std::string path = dir_.file("edited.safetensors");
        EXPECT_EQ(mx_safetensors_write(path.c_str(), tensors_.data(),
                                       static_cast<int>(tensors_.size()), err, sizeof err),
                  0)
            << err;
        return path;
    }

    ScratchDir dir_;
    mx_safetensors st_ = {0, nullptr};
    std::vector<mx_tensor> tensors_;
};

TEST_F(CnnWeightsEdited, WrongShapeNamesTensorAndBothShapes)
{
    mx_tensor &t = tensor("fc1.weight");
    t.shape[0] = 9216;
    t.shape[1] = 128;
    const std::string path = write();
    mx_cnn_weights w;
    char err[512] = "";
    const int rc = mx_cnn_weights_load(path.c_str(), &w, err, sizeof err);
    EXPECT_TRUE(is_one_line_error(
        rc, err, path, "tensor 'fc1.weight' has shape [9216, 128], expected [128, 9216]"));
    EXPECT_EQ(w.storage, nullptr);
    EXPECT_EQ(w.conv1_w, nullptr);
}

TEST_F(CnnWeightsEdited, WrongRankIsRejected)
{
    mx_tensor &t = tensor("conv1.bias");
    t.ndim = 2;
    t.shape[1] = 1;
    const std::string path = write();
    mx_cnn_weights w;
    char err[512] = "";
    EXPECT_TRUE(is_one_line_error(mx_cnn_weights_load(path.c_str(), &w, err, sizeof err), err,
                                  path, "'conv1.bias' has shape [32, 1], expected [32]"));
}

TEST_F(CnnWeightsEdited, MissingTensorIsNamed)
{
    tensors_.pop_back(); // fc2.bias
    const std::string path = write();
    mx_cnn_weights w;
    char err[512] = "";
    EXPECT_TRUE(is_one_line_error(mx_cnn_weights_load(path.c_str(), &w, err, sizeof err), err,
                                  path, "tensor 'fc2.bias' is missing (expected shape [10])"));
}

TEST_F(CnnWeightsEdited, ExtraTensorsAreIgnored)
{
    float extra[3] = {1.0f, 2.0f, 3.0f};
    mx_tensor t = {};
    std::snprintf(t.name, sizeof t.name, "fc3.weight");
    t.ndim = 1;
    t.shape[0] = 3;
    t.count = 3;
    t.data = extra;
    tensors_.insert(tensors_.begin(), t);
    const std::string path = write();
    mx_cnn_weights w;
    char err[512] = "";
    ASSERT_EQ(mx_cnn_weights_load(path.c_str(), &w, err, sizeof err), 0) << err;
    EXPECT_EQ(bits_of(w.conv1_w[0]), 0x3e09a755u);
    mx_cnn_weights_free(&w);
}

TEST(CnnWeights, UnreadableFileFails)
{
    ScratchDir dir;
    const std::string path = dir.file("none.safetensors");
    mx_cnn_weights w;
    char err[512] = "";
    EXPECT_TRUE(is_one_line_error(mx_cnn_weights_load(path.c_str(), &w, err, sizeof err), err,
                                  path, "No such file"));
    EXPECT_EQ(w.storage, nullptr);
}

}  // namespace
