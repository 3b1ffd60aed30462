// Fashion-MNIST through the strict reader into tensors: the real files (when installed) and folders with
// missing, mismatched or out-of-range files, each refused with a message that says what to do.
#include <torch/torch.h>

#include <QTemporaryDir>
#include <QTest>
#include <fstream>

#include "core/nn/data/batch_transform.h"
#include "core/nn/data/idx_reader.h"
#include "core/nn/data/image_dataset.h"
#include "tests/core/nn/data/idx_test_files.h"
#include "tests/support/test_main.h"

using namespace convscope::nn;
using namespace convscope::nn::testing;

namespace {
void write(const QString& path, const std::vector<std::uint8_t>& bytes) {
    std::ofstream(path.toStdString(), std::ios::binary)
        .write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
}
std::string errorOf(const std::string& dir) {
    try {
        (void)loadFashionMnist(dir, false);
    } catch (const IdxError& e) {
        return e.what();
    }
    return {};
}
}  // namespace

class TestDataset : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void realFiles() {
        if (!QFile::exists("/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz"))
            QSKIP("dataset-fashion-mnist is not installed");
        const ImageDataset d = loadFashionMnist(defaultFashionMnistDirectory(), false);
        QCOMPARE(d.images.sizes(), (c10::IntArrayRef{10000, 1, 28, 28}));
        QCOMPARE(d.images.scalar_type(), torch::kUInt8);
        QCOMPARE(d.labels.scalar_type(), torch::kInt64);
        QCOMPARE(d.classes(), 10);
        QCOMPARE(d.classNames[9], std::string("Ankle boot"));
        QCOMPARE(d.labels.max().item<std::int64_t>(), std::int64_t(9));
        QCOMPARE(d.head(100).size(), std::int64_t(100));
        // Normalising with the stated mean and deviation centres the pixels.
        const torch::Tensor x = prepareBatch(d.images.narrow(0, 0, 2000), {}, 0, torch::kCPU);
        QVERIFY(std::abs(x.mean().item<double>()) < 0.05);
        QVERIFY(std::abs(x.std().item<double>() - 1.0) < 0.05);
    }

    void brokenFolders() {
        QTemporaryDir dir;
        QVERIFY2(
            errorOf(dir.filePath("nowhere").toStdString()).find("sudo apt install dataset-fashion-mnist") !=
                std::string::npos,
            errorOf(dir.filePath("nowhere").toStdString()).c_str());
        QVERIFY(errorOf(dir.path().toStdString()).find("are not in") != std::string::npos);
        write(dir.filePath("t10k-images-idx3-ubyte"), idxBytes({5, 28, 28}));
        write(dir.filePath("t10k-labels-idx1-ubyte.gz"), gzipBytes(idxBytes({4})));
        QVERIFY2(errorOf(dir.path().toStdString()).find("disagree: 5 images") != std::string::npos,
                 errorOf(dir.path().toStdString()).c_str());
        write(dir.filePath("t10k-labels-idx1-ubyte.gz"), gzipBytes(idxBytes({5, 2})));
        QVERIFY(errorOf(dir.path().toStdString()).find("labels must be a list") != std::string::npos);
        std::vector<std::uint8_t> labels = {0, 0, 8, 1, 0, 0, 0, 5, 1, 2, 3, 4, 12};
        write(dir.filePath("t10k-labels-idx1-ubyte.gz"), gzipBytes(labels));
        QVERIFY(errorOf(dir.path().toStdString()).find("label 4 is 12") != std::string::npos);
        labels.back() = 3;
        write(dir.filePath("t10k-labels-idx1-ubyte.gz"), gzipBytes(labels));
        const ImageDataset ok = loadFashionMnist(dir.path().toStdString(), false);
        QCOMPARE(ok.size(), std::int64_t(5));
        auto truncated = gzipBytes(idxBytes({5, 28, 28}));
        truncated.resize(truncated.size() - 10);
        write(dir.filePath("t10k-images-idx3-ubyte.gz"),
              truncated);  // the .gz is preferred over the plain file
        QVERIFY(errorOf(dir.path().toStdString()).find("truncated") != std::string::npos);
    }

    void augmentationIsReproducible() {
        const torch::Tensor images = torch::randint(0, 256, {8, 1, 28, 28}, torch::kUInt8);
        InputTransform t;
        t.augment = true;
        const torch::Tensor a = prepareBatch(images, t, 42, torch::kCPU);
        const torch::Tensor b = prepareBatch(images, t, 42, torch::kCPU);
        const torch::Tensor c = prepareBatch(images, t, 43, torch::kCPU);
        QVERIFY(torch::equal(a, b));
        QVERIFY(!torch::equal(a, c));
        t.size = 56;
        QCOMPARE(prepareBatch(images, t, 1, torch::kCPU).sizes(), (c10::IntArrayRef{8, 1, 56, 56}));
        // Without augmentation and at the stored size, the normalisation is exact.
        const torch::Tensor plain = prepareBatch(images, {}, 0, torch::kCPU);
        const torch::Tensor expected = (images.to(torch::kFloat32) / 255.0 - 0.2860) / 0.3530;
        QVERIFY(torch::allclose(plain, expected, 1e-5, 1e-6));
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestDataset)
#include "test_dataset.moc"
