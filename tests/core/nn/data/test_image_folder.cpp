// Scanning a folder in torchvision's ImageFolder layout: classes sorted, train/test and train/val folders, a
// folder of class folders split by a seeded fraction (reproducible, independent of the other classes),
// non-image and hidden files, empty classes, and a sentence for every folder that is not a data set. The
// scan never opens a file, so the files here are empty.
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <stdexcept>

#include "core/nn/data/image_folder.h"
#include "tests/support/test_main.h"

using namespace convscope::nn;
namespace fs = std::filesystem;

namespace {

void touch(const fs::path& path) {
    fs::create_directories(path.parent_path());
    std::ofstream(path) << "x";
}

// Class `name` with `n` files name/000.png … (every third a .JPG, to check that case does not matter).
void makeClass(const fs::path& dir, const std::string& name, int n) {
    fs::create_directories(dir / name);
    for (int i = 0; i < n; ++i) {
        char file[32];
        std::snprintf(file, sizeof file, "%03d.%s", i, i % 3 == 2 ? "JPG" : "png");
        touch(dir / name / file);
    }
}

std::string errorOf(const std::string& dir, const FolderScanOptions& options = {}) {
    try {
        (void)scanImageFolder(dir, options);
    } catch (const std::exception& e) {
        return e.what();
    }
    return {};
}

std::set<std::string> paths(const std::vector<ImageFile>& files, int label) {
    std::set<std::string> out;
    for (const ImageFile& f : files)
        if (f.label == label) out.insert(fs::path(f.path).filename().string());
    return out;
}

}  // namespace

class TestImageFolder : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    fs::path dir(const std::string& name) const { return fs::path(m_tmp.path().toStdString()) / name; }

private Q_SLOTS:
    void splitLayout() {
        const fs::path root = dir("split");
        makeClass(root, "dog", 10);
        makeClass(root, "cat", 7);
        makeClass(root, "Zebra", 1);
        fs::create_directories(root / "empty");
        touch(root / "cat" / "notes.txt");
        touch(root / "cat" / ".DS_Store");
        touch(root / "cat" / ".hidden" / "x.png");
        touch(root / "cat" / "more" / "nested.png");  // sub-folders of a class belong to it
        touch(root / "README.md");                    // beside the classes: not part of the data
        fs::create_directories(root / ".ipynb_checkpoints");
        const ImageFolderScan s = scanImageFolder(root.string(), {0.25, 3});
        QCOMPARE(s.layout, std::string("split"));
        QCOMPARE(s.classNames, (std::vector<std::string>{"Zebra", "cat", "dog", "empty"}));  // bytes order
        QCOMPARE(s.emptyClasses, std::vector<std::string>{"empty"});
        QCOMPARE(s.ignored, std::vector<std::string>{"cat/notes.txt"});
        // round(0.25 n), at least one and at most n - 1 of a class of two or more; a class of one trains.
        QCOMPARE(s.testCounts, (std::vector<std::int64_t>{0, 2, 3, 0}));
        QCOMPARE(s.trainCounts, (std::vector<std::int64_t>{1, 6, 7, 0}));
        for (int c = 0; c < 3; ++c) {
            std::set<std::string> all = paths(s.train, c);
            for (const std::string& p : paths(s.test, c)) QVERIFY(all.insert(p).second);  // disjoint
            QCOMPARE(std::int64_t(all.size()), s.trainCounts[std::size_t(c)] + s.testCounts[std::size_t(c)]);
        }
        QVERIFY(paths(s.train, 1).count("nested.png") + paths(s.test, 1).count("nested.png") == 1);
        // The classes take turns: Zebra, cat, dog, then cat, dog, …
        QCOMPARE(s.train[0].label, 0);
        QCOMPARE(s.train[1].label, 1);
        QCOMPARE(s.train[2].label, 2);
        QCOMPARE(s.train[3].label, 1);
        QCOMPARE(s.train[4].label, 2);
    }

    void splitIsReproducible() {
        const fs::path root = dir("repro");
        makeClass(root, "a", 40);
        makeClass(root, "b", 40);
        const ImageFolderScan one = scanImageFolder(root.string(), {0.3, 42});
        const ImageFolderScan two = scanImageFolder(root.string(), {0.3, 42});
        QCOMPARE(paths(one.test, 0), paths(two.test, 0));
        QCOMPARE(paths(one.test, 1), paths(two.test, 1));
        QCOMPARE(one.testCounts, (std::vector<std::int64_t>{12, 12}));
        // Another seed, another split (40 choose 12: equal by chance with probability 2e-10).
        QVERIFY(paths(scanImageFolder(root.string(), {0.3, 43}).test, 0) != paths(one.test, 0));
        // Each class is drawn from the seed and its own name: a new class does not move the others' files.
        makeClass(root, "0new", 9);
        const ImageFolderScan three = scanImageFolder(root.string(), {0.3, 42});
        QCOMPARE(paths(three.test, 1), paths(one.test, 0));
        QCOMPARE(paths(three.test, 2), paths(one.test, 1));
        // The draw itself is pinned (std::mt19937_64's sequence is fixed by the C++ standard, and the shuffle
        // uses no standard distribution), so a split is the same with every compiler and platform. The values
        // come from an independent Python version: tests/data/nn/make_split_reference.py.
        QCOMPARE(testIndicesOfClass(10, 0.3, 7, "cat"), (std::vector<std::size_t>{1, 4, 8}));
        QCOMPARE(testIndicesOfClass(25, 0.2, 1, "dog"), (std::vector<std::size_t>{1, 8, 11, 15, 20}));
        QCOMPARE(testIndicesOfClass(1, 0.9, 7, "cat"), std::vector<std::size_t>{});
        QCOMPARE(testIndicesOfClass(5, 0.0, 7, "cat"), std::vector<std::size_t>{});
        QCOMPARE(testIndicesOfClass(2, 0.01, 7, "cat").size(), std::size_t(1));
    }

    void trainTestAndVal() {
        const fs::path root = dir("tt");
        makeClass(root / "train", "b", 4);
        makeClass(root / "train", "a", 3);
        makeClass(root / "val", "a", 2);
        makeClass(root / "val", "b", 0);
        ImageFolderScan s = scanImageFolder(root.string());
        QCOMPARE(s.layout, std::string("train/val"));
        QCOMPARE(s.classNames, (std::vector<std::string>{"a", "b"}));
        QCOMPARE(s.trainCounts, (std::vector<std::int64_t>{3, 4}));
        QCOMPARE(s.testCounts, (std::vector<std::int64_t>{2, 0}));
        QCOMPARE(s.emptyClasses, std::vector<std::string>{"b (val)"});
        QCOMPARE(s.train.size(), std::size_t(7));
        QCOMPARE(fs::path(s.train[0].path).parent_path().filename().string(), std::string("a"));
        // A test folder wins over val.
        makeClass(root / "test", "a", 1);
        makeClass(root / "test", "b", 1);
        s = scanImageFolder(root.string());
        QCOMPARE(s.layout, std::string("train/test"));
        QCOMPARE(s.testCounts, (std::vector<std::int64_t>{1, 1}));
        QVERIFY(s.emptyClasses.empty());
    }

    void foldersThatAreNotDataSets() {
        QVERIFY(errorOf(dir("nowhere").string()).find("does not exist") != std::string::npos);
        touch(dir("afile"));
        QVERIFY(errorOf(dir("afile").string()).find("not a folder") != std::string::npos);
        touch(dir("flat") / "a.png");
        QVERIFY(errorOf(dir("flat").string()).find("no class folders") != std::string::npos);
        makeClass(dir("notest") / "train", "a", 2);
        QVERIFY(errorOf(dir("notest").string()).find("no test or val folder") != std::string::npos);
        makeClass(dir("differ") / "train", "a", 2);
        makeClass(dir("differ") / "train", "b", 2);
        makeClass(dir("differ") / "test", "a", 2);
        makeClass(dir("differ") / "test", "c", 2);
        const std::string differ = errorOf(dir("differ").string());
        QVERIFY2(differ.find("only in train: b") != std::string::npos &&
                     differ.find("only in test: c") != std::string::npos,
                 differ.c_str());
        touch(dir("noimages") / "a" / "x.txt");
        fs::create_directories(dir("noimages") / "b");
        QVERIFY(errorOf(dir("noimages").string()).find("no image files") != std::string::npos);
        makeClass(dir("notrain") / "train", "a", 0);
        makeClass(dir("notrain") / "test", "a", 2);
        QVERIFY(errorOf(dir("notrain").string()).find("nothing to train on") != std::string::npos);
        makeClass(dir("fraction"), "a", 2);
        for (double bad : {-0.1, 1.0, std::nan("")}) {
            FolderScanOptions o;
            o.testFraction = bad;
            QVERIFY(errorOf(dir("fraction").string(), o).find("test fraction") != std::string::npos);
        }
    }

    void imageExtensions() {
        for (const char* name : {"a.png", "b.JPEG", "c.jpg", "d.Bmp", "e.tif", "f.tiff", "g.webp", "h.pgm"})
            QVERIFY2(hasImageExtension(name), name);
        for (const char* name : {"a.txt", "b.gif", "png", "c.png.txt", "d"})
            QVERIFY2(!hasImageExtension(name), name);
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestImageFolder)
#include "test_image_folder.moc"
