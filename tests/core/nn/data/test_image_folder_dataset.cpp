// An image folder decoded into the in-memory tensor cache with core/imaging's decoder: PNG, JPEG, BMP, TIFF
// and WebP of mixed sizes come back with the pixels written (exactly where the format is lossless), a text
// file and a corrupt image are skipped and reported, an empty class is reported, the memory limit is
// enforced before allocating, the normalisation equals the pixels' own mean and spread, and training two
// epochs decodes nothing again. Every file is generated here with OpenCV.
#include <torch/torch.h>

#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include "core/common/job_control.h"
#include "core/imaging/dataset_image_decoder.h"
#include "core/nn/data/image_folder_dataset.h"
#include "core/nn/train/trainer.h"
#include "tests/support/test_main.h"

using namespace convscope;
using namespace convscope::nn;
namespace fs = std::filesystem;

namespace {

bool decodeWithImaging(const std::string& path, int size, int channels, std::uint8_t* out,
                       std::string& error) {
    return imaging::decodeDatasetImage(path, size, channels, out, error);
}

// What the cache must hold for one file at 28x28 grey; `tolerance` for lossy formats. No entry: skipped.
struct Expected {
    cv::Mat pixels;  // CV_8UC1, 28x28
    int tolerance = 0;
};

}  // namespace

class TestImageFolderDataset : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    fs::path m_root;
    std::map<std::string, Expected> m_expected;  // file name → pixels

    void write(const std::string& cls, const std::string& name, const cv::Mat& image, const cv::Mat& expected,
               int tolerance = 0, const std::vector<int>& params = {}) {
        fs::create_directories(m_root / cls);
        QVERIFY(cv::imwrite((m_root / cls / name).string(), image, params));
        m_expected[name] = {expected, tolerance};
    }

private Q_SLOTS:
    void initTestCase() {
        m_root = fs::path(m_tmp.path().toStdString()) / "folder";
        cv::RNG rng(9);
        auto random = [&rng](int rows, int cols) {
            cv::Mat m(rows, cols, CV_8UC1);
            rng.fill(m, cv::RNG::UNIFORM, 0, 256);
            return m;
        };
        // Lossless formats at the target size: exact.
        for (int i = 0; i < 3; ++i) {
            const cv::Mat p = random(28, 28);
            write("ant", "ant" + std::to_string(i) + ".png", p, p);
        }
        const cv::Mat b = random(28, 28), t = random(28, 28), w = random(28, 28);
        write("bee", "bee.bmp", b, b);
        write("bee", "bee.tiff", t, t);
        write("bee", "bee.webp", w, w, 0, {cv::IMWRITE_WEBP_QUALITY, 101});
        // Another size: 84x84 of 3x3 blocks averages back to the block values.
        const cv::Mat small = random(28, 28);
        cv::Mat big(84, 84, CV_8UC1);
        for (int y = 0; y < 84; ++y)
            for (int x = 0; x < 84; ++x) big.at<std::uint8_t>(y, x) = small.at<std::uint8_t>(y / 3, x / 3);
        write("bee", "bee_big.png", big, small);
        // A colour JPEG of a flat colour: its luminance, within JPEG's loss.
        const cv::Mat flat(40, 30, CV_8UC3, cv::Scalar(40, 120, 200));  // B, G, R
        write("cat", "cat.jpg", flat,
              cv::Mat(28, 28, CV_8UC1, cv::Scalar(0.299 * 200 + 0.587 * 120 + 0.114 * 40)), 3,
              {cv::IMWRITE_JPEG_QUALITY, 95});
        // A small one, enlarged: flat stays flat.
        write("cat", "cat_small.png", cv::Mat(7, 9, CV_8UC1, cv::Scalar(99)),
              cv::Mat(28, 28, CV_8UC1, cv::Scalar(99)));
        // Not images, and a damaged one.
        std::ofstream((m_root / "cat" / "readme.txt").string()) << "not an image";
        std::ofstream((m_root / "cat" / "corrupt.png").string(), std::ios::binary) << "\x89PNG\r\n\x1a\n"
                                                                                   << std::string(64, 'z');
        fs::create_directories(m_root / "dog");  // an empty class
    }

    void decodesIntoTheCache() {
        const ImageFolderScan scan = scanImageFolder(m_root.string(), {0.0, 1});  // everything trains
        QCOMPARE(scan.classNames, (std::vector<std::string>{"ant", "bee", "cat", "dog"}));
        QCOMPARE(scan.emptyClasses, std::vector<std::string>{"dog"});
        QCOMPARE(scan.ignored, std::vector<std::string>{"cat/readme.txt"});
        std::int64_t lastDone = -1, calls = 0;
        FolderDecodeOptions options;
        options.threads = 3;
        const FolderDataset d = decodeImageFolder(scan, true, options, decodeWithImaging,
                                                  [&](std::int64_t done, std::int64_t total) {
                                                      QVERIFY(done <= total);
                                                      lastDone = done;
                                                      ++calls;
                                                  });
        QVERIFY(calls >= 1);
        QCOMPARE(lastDone, std::int64_t(scan.train.size()));
        QCOMPARE(d.report.files, std::int64_t(10));
        QCOMPARE(d.report.skippedCount, std::int64_t(1));
        QCOMPARE(d.report.skipped.size(), std::size_t(1));
        QCOMPARE(d.report.skipped[0].path, std::string("cat/corrupt.png"));
        QVERIFY(!d.report.skipped[0].reason.empty());
        QCOMPARE(d.data.images.sizes(), (c10::IntArrayRef{9, 1, 28, 28}));
        QCOMPARE(d.data.images.scalar_type(), torch::kUInt8);
        QCOMPARE(d.data.classNames, scan.classNames);
        // The cache follows the scan's order with the skipped file left out.
        std::int64_t row = 0;
        for (const ImageFile& f : scan.train) {
            const std::string name = fs::path(f.path).filename().string();
            const auto it = m_expected.find(name);
            if (it == m_expected.end()) continue;
            QCOMPARE(d.data.labels[row].item<std::int64_t>(), std::int64_t(f.label));
            const torch::Tensor image = d.data.images[row][0].contiguous();
            const std::uint8_t* got = image.data_ptr<std::uint8_t>();
            int worst = 0;
            for (int y = 0; y < 28; ++y)
                for (int x = 0; x < 28; ++x)
                    worst = std::max(worst, std::abs(int(got[y * 28 + x]) -
                                                     int(it->second.pixels.at<std::uint8_t>(y, x))));
            QVERIFY2(worst <= it->second.tolerance,
                     qPrintable(QString::fromStdString(name) + " differs by " + QString::number(worst)));
            ++row;
        }
        QCOMPARE(row, std::int64_t(9));
        // The normalisation: the mean and population standard deviation of the cached pixels, from 0 … 1.
        const torch::Tensor values = d.data.images.to(torch::kFloat64).div(255.0);
        const auto [mean, stdev] = d.report.meanAndStdev();
        QVERIFY(std::abs(mean - values.mean().item<double>()) < 1e-9);
        QVERIFY(std::abs(stdev - values.std(/*unbiased=*/false).item<double>()) < 1e-9);
        QCOMPARE(d.report.cacheBytes, std::uint64_t(9 * 784));
    }

    void colourAndThreadsAgree() {
        const ImageFolderScan scan = scanImageFolder(m_root.string(), {0.0, 1});
        FolderDecodeOptions options;
        options.channels = 3;
        options.size = 14;
        options.threads = 1;
        const FolderDataset one = decodeImageFolder(scan, true, options, decodeWithImaging);
        options.threads = 4;
        const FolderDataset four = decodeImageFolder(scan, true, options, decodeWithImaging);
        QCOMPARE(one.data.images.sizes(), (c10::IntArrayRef{9, 3, 14, 14}));
        QVERIFY(torch::equal(one.data.images, four.data.images));
        QVERIFY(torch::equal(one.data.labels, four.data.labels));
        // The first two files only, as --limit-train asks.
        options.limit = 2;
        QCOMPARE(decodeImageFolder(scan, true, options, decodeWithImaging).data.size(), std::int64_t(2));
    }

    void limitsAndCancellation() {
        const ImageFolderScan scan = scanImageFolder(m_root.string(), {0.0, 1});
        FolderDecodeOptions options;
        options.memoryLimitBytes = 5000;  // ten 28x28 images need 7,840 bytes
        std::atomic<int> calls{0};
        const DecodeFunction counting = [&calls](const std::string& p, int s, int c, std::uint8_t* o,
                                                 std::string& e) {
            ++calls;
            return decodeWithImaging(p, s, c, o, e);
        };
        try {
            (void)decodeImageFolder(scan, true, options, counting);
            QFAIL("the memory limit was not enforced");
        } catch (const std::runtime_error& e) {
            const std::string m = e.what();
            QVERIFY2(m.find("need 7.66 KiB") != std::string::npos &&
                         m.find("limit of 4.88 KiB") != std::string::npos,
                     e.what());
        }
        options.memoryLimitBytes = 7839;  // one byte short: the sizes in the message must still differ
        try {
            (void)decodeImageFolder(scan, true, options, counting);
            QFAIL("the memory limit was not enforced");
        } catch (const std::runtime_error& e) {
            QVERIFY2(std::string(e.what()).find("7,840 bytes") != std::string::npos, e.what());
        }
        QCOMPARE(calls.load(), 0);  // refused before anything was decoded
        options.memoryLimitBytes = 4ull << 30;
        options.channels = 2;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, decodeImageFolder(scan, true, options, counting));
        options.channels = 1;
        QVERIFY_THROWS_EXCEPTION(common::Cancelled,
                                 decodeImageFolder(scan, true, options, counting, {}, [] { return true; }));
        // A decoder that throws is a skipped file, not a failed run.
        const DecodeFunction throwing = [](const std::string&, int, int, std::uint8_t*,
                                           std::string&) -> bool { throw std::runtime_error("boom"); };
        const FolderDataset none = decodeImageFolder(scan, true, options, throwing);
        QCOMPARE(none.data.size(), std::int64_t(0));
        QCOMPARE(none.report.skippedCount, std::int64_t(10));
        QCOMPARE(none.report.skipped[0].reason, std::string("boom"));
    }

    void secondEpochDoesNotDecode() {
        const ImageFolderScan scan = scanImageFolder(m_root.string(), {0.3, 1});
        std::atomic<int> calls{0};
        const DecodeFunction counting = [&calls](const std::string& p, int s, int c, std::uint8_t* o,
                                                 std::string& e) {
            ++calls;
            return decodeWithImaging(p, s, c, o, e);
        };
        const FolderDataset train = decodeImageFolder(scan, true, {}, counting);
        const FolderDataset test = decodeImageFolder(scan, false, {}, counting);
        const int decoded = calls.load();
        QCOMPARE(decoded, int(scan.train.size() + scan.test.size()));
        TrainConfig c;
        c.model.name = "simplecnn";
        c.model.classes = int(scan.classNames.size());
        c.epochs = 2;
        c.batchSize = 4;
        std::tie(c.input.mean, c.input.stdev) = train.report.meanAndStdev();
        Trainer trainer(c, train.data, test.data);
        const TrainResult r = trainer.run({});
        QCOMPARE(r.status, TrainStatus::Finished);
        QCOMPARE(int(r.history.size()), 2);
        QCOMPARE(calls.load(), decoded);
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestImageFolderDataset)
#include "test_image_folder_dataset.moc"
