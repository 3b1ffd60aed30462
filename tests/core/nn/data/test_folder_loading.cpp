// The image folder's one loading path (nn::loadImageFolder, shared by the CLI and the Training panel) with a
// decoder made here: a file's pixels are 100 × its class + its number, so every image says where it came
// from. The class subset is taken before the limit, the normalisation is that of the images trained on
// (checked against naive sums over the expected files), and the warnings, the checks and the progress.
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <stdexcept>

#include "core/nn/data/dataset_subset.h"
#include "core/nn/data/folder_loading.h"
#include "tests/support/test_main.h"

using namespace convscope::nn;
namespace fs = std::filesystem;

namespace {

constexpr int kSize = 4;

void touch(const fs::path& path) {
    fs::create_directories(path.parent_path());
    std::ofstream(path) << "x";
}

// `n` files 00.png, 01.png … in dir/name.
void makeClass(const fs::path& dir, const std::string& name, int n) {
    fs::create_directories(dir / name);
    for (int i = 0; i < n; ++i) {
        char file[16];
        std::snprintf(file, sizeof file, "%02d.png", i);
        touch(dir / name / file);
    }
}

// The value of every pixel of `path`: 100 × its class (a, b, c) + its number; false for a file named bad.
int valueOf(const std::string& path) {
    const fs::path p(path);
    const int cls = p.parent_path().filename().string()[0] - 'a';
    return 100 * cls + std::stoi(p.stem().string());
}

std::atomic<int> g_decoded{0};

bool fakeDecoder(const std::string& path, int size, int channels, std::uint8_t* out, std::string& error) {
    ++g_decoded;
    if (fs::path(path).stem() == "bad") {
        error = path + " is not an image";
        return false;
    }
    std::fill(out, out + std::size_t(channels) * size * size, std::uint8_t(valueOf(path)));
    return true;
}

// Population mean and standard deviation of these pixel values (every image has one value), scaled to 0 … 1.
std::pair<double, double> naiveStats(const std::vector<int>& values) {
    double sum = 0.0;
    for (int v : values) sum += v;
    const double mean = sum / double(values.size());
    double squares = 0.0;
    for (int v : values) squares += (v - mean) * (v - mean);
    return {mean / 255.0, std::sqrt(squares / double(values.size())) / 255.0};
}

std::vector<int> valuesOf(const ImageDataset& d) {
    std::vector<int> out;
    for (std::int64_t i = 0; i < d.size(); ++i) out.push_back(d.images[i][0][0][0].item<int>());
    return out;
}

}  // namespace

class TestFolderLoading : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    fs::path m_root;

    FolderLoadOptions options() const {
        FolderLoadOptions o;
        o.folder = m_root.string();
        o.size = kSize;
        o.threads = 2;
        return o;
    }

private Q_SLOTS:
    void initTestCase() {
        m_root = fs::path(m_tmp.path().toStdString()) / "abc";
        for (const char* c : {"a", "b", "c"}) {
            makeClass(m_root / "train", c, 10);
            makeClass(m_root / "test", c, 4);
        }
    }

    // With the old order (the first 6 files of every class, then the subset) only 4 of b and c were
    // decoded, and the mean counted class a's dark images too.
    void classSubsetBeforeTheLimit() {
        FolderLoadOptions o = options();
        o.classSubset = {2, 1};
        o.limitTrain = 6;
        o.limitTest = 3;
        const LoadedFolder f = loadImageFolder(o, fakeDecoder);
        QCOMPARE(f.train.data.size(), std::int64_t(6));
        QCOMPARE(f.test.data.size(), std::int64_t(3));
        // The files of b and c taking turns: 00 of b, 00 of c, 01 of b, …
        QCOMPARE(valuesOf(f.train.data), (std::vector<int>{100, 200, 101, 201, 102, 202}));
        QCOMPARE(valuesOf(f.test.data), (std::vector<int>{100, 200, 101}));
        // The labels are the folder's; the trainer's selection keeps all six, relabelled (c first).
        const ImageDataset run = selectForRun(f.train.data, o.classSubset, 0, o.seed, o.limitTrain);
        QCOMPARE(run.size(), std::int64_t(6));
        QCOMPARE(run.labels[0].item<std::int64_t>(), std::int64_t(1));  // b is the second class listed
        const auto [mean, stdev] = naiveStats({100, 101, 102, 200, 201, 202});
        QVERIFY(std::abs(f.mean - mean) < 1e-12);
        QVERIFY(std::abs(f.stdev - stdev) < 1e-12);
        QVERIFY(f.warnings.empty());
    }

    // Images per class need every image of the subset (their choice is seeded over all of them); the
    // normalisation is that of the few chosen.
    void imagesPerClassNormaliseOverTheChosenImages() {
        FolderLoadOptions o = options();
        o.classSubset = {0, 2};
        o.perClass = 2;
        o.seed = 5;
        o.limitTrain = 3;
        o.decodeTest = false;
        const LoadedFolder f = loadImageFolder(o, fakeDecoder);
        QCOMPARE(f.train.data.size(), std::int64_t(20));
        QCOMPARE(f.test.data.size(), std::int64_t(0));
        const std::vector<int> chosen = valuesOf(selectForRun(f.train.data, {0, 2}, 2, 5, 3));
        QCOMPARE(chosen.size(), std::size_t(3));
        const auto [mean, stdev] = naiveStats(chosen);
        QVERIFY2(std::abs(f.mean - mean) < 1e-12, qPrintable(QString::number(f.mean)));
        QVERIFY(std::abs(f.stdev - stdev) < 1e-12);
        const auto [allMean, allStdev] = naiveStats(valuesOf(f.train.data));
        QVERIFY(std::abs(f.mean - allMean) > 1e-3 || std::abs(f.stdev - allStdev) > 1e-3);
    }

    void warningsAndProgress() {
        const fs::path root = fs::path(m_tmp.path().toStdString()) / "warn";
        makeClass(root / "train", "a", 3);
        makeClass(root / "train", "b", 3);
        fs::create_directories(root / "train" / "c");
        makeClass(root / "test", "a", 1);
        makeClass(root / "test", "b", 1);
        fs::create_directories(root / "test" / "c");
        touch(root / "train" / "a" / "notes.txt");
        touch(root / "train" / "b" / "bad.png");
        FolderLoadOptions o = options();
        o.folder = root.string();
        std::int64_t lastDone = -1, lastTotal = -1;
        FolderLoadCallbacks cb;
        cb.progress = [&](std::int64_t done, std::int64_t total) {
            QVERIFY(done <= total);
            lastDone = done;
            lastTotal = total;
        };
        const LoadedFolder f = loadImageFolder(o, fakeDecoder, cb);
        QCOMPARE(lastTotal, std::int64_t(9));  // 7 training and 2 test files
        QCOMPARE(lastDone, lastTotal);
        QCOMPARE(f.train.data.size(), std::int64_t(6));
        QCOMPARE(f.warnings.size(), std::size_t(3));
        QCOMPARE(
            f.warnings[0],
            std::string("1 file(s) in the class folders are not images and are left out: train/a/notes.txt"));
        QCOMPARE(f.warnings[1], std::string("1 class(es) have no image files: c"));
        QCOMPARE(f.warnings[2],
                 std::string("1 of 7 training files could not be decoded and were skipped: train/b/bad.png"));
    }

    void sentencesAndChecks() {
        FolderLoadOptions o = options();
        o.classSubset = {0, 3};
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, loadImageFolder(o, fakeDecoder));
        o.classSubset.clear();
        o.channels = 2;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, loadImageFolder(o, fakeDecoder));
        o.channels = 1;
        // The check after the scan runs before any file is decoded.
        g_decoded = 0;
        FolderLoadCallbacks cb;
        cb.onScanned = [](const ImageFolderScan& scan) {
            QCOMPARE(scan.classNames.size(), std::size_t(3));
            throw std::runtime_error("not these classes");
        };
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, loadImageFolder(o, fakeDecoder, cb));
        QCOMPARE(g_decoded.load(), 0);
        // One class is no classifier; every training file refused is an error, not a warning.
        const fs::path one = fs::path(m_tmp.path().toStdString()) / "one";
        makeClass(one, "a", 3);
        o.folder = one.string();
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, loadImageFolder(o, fakeDecoder));
        const fs::path bad = fs::path(m_tmp.path().toStdString()) / "bad";
        touch(bad / "train" / "a" / "bad.png");
        touch(bad / "train" / "b" / "bad.png");
        makeClass(bad / "test", "a", 1);
        makeClass(bad / "test", "b", 1);
        o.folder = bad.string();
        try {
            (void)loadImageFolder(o, fakeDecoder);
            QFAIL("a folder whose training files all fail was loaded");
        } catch (const std::runtime_error& e) {
            QVERIFY2(std::string(e.what()).find("None of the 2 training files") != std::string::npos,
                     e.what());
        }
    }

    void listsTheFirstFewNames() {
        QCOMPARE(listOfNames({"a", "b"}), std::string("a, b"));
        QCOMPARE(listOfNames({"1", "2", "3", "4", "5", "6", "7"}), std::string("1, 2, 3, 4, 5 and 2 more"));
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestFolderLoading)
#include "test_folder_loading.moc"
