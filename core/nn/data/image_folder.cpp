#include "core/nn/data/image_folder.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iterator>
#include <random>
#include <stdexcept>

namespace convscope::nn {

namespace fs = std::filesystem;

namespace {

std::string lowerCaseName(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}

bool isHiddenEntry(const fs::path& p) {
    const std::string name = p.filename().string();
    return !name.empty() && name.front() == '.';
}

bool isFolder(const fs::path& p) {
    std::error_code ec;
    return fs::is_directory(p, ec);
}

std::string listedNames(const std::vector<std::string>& names) {
    std::string out;
    for (std::size_t i = 0; i < names.size() && i < 5; ++i) out += (i ? ", " : "") + names[i];
    if (names.size() > 5) out += " and " + std::to_string(names.size() - 5) + " more";
    return out;
}

// The sub-folders of `dir` (following links), isHiddenEntry ones passed over, sorted by their bytes.
std::vector<std::string> classFolders(const fs::path& dir) {
    std::vector<std::string> names;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        if (!isHiddenEntry(it->path()) && isFolder(it->path()))
            names.push_back(it->path().filename().string());
    }
    if (ec) throw std::runtime_error("The folder " + dir.string() + " cannot be read: " + ec.message() + ".");
    std::sort(names.begin(), names.end());
    return names;
}

// Every file under one class folder (sub-folders included, links to folders not followed, so a loop cannot
// trap the scan), sorted by path; non-image files go to `ignored`, relative to `root`.
std::vector<std::string> classFiles(const fs::path& dir, const fs::path& root,
                                    std::vector<std::string>& ignored) {
    std::vector<std::string> files;
    std::error_code ec;
    fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
        const fs::path& p = it->path();
        if (isHiddenEntry(p)) {
            if (it->is_directory(ec)) it.disable_recursion_pending();
            ec.clear();
            continue;
        }
        std::error_code fileEc;
        if (!fs::is_regular_file(p, fileEc)) continue;
        if (hasImageExtension(p.filename().string()))
            files.push_back(p.string());
        else
            ignored.push_back(p.lexically_relative(root).string());
    }
    if (ec) throw std::runtime_error("The folder " + dir.string() + " cannot be read: " + ec.message() + ".");
    std::sort(files.begin(), files.end());
    return files;
}

// FNV-1a: a hash whose value is fixed by its definition (std::hash's is not), for the split's seed.
std::uint64_t fnv1a(const std::string& s) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (unsigned char c : s) h = (h ^ c) * 0x100000001b3ULL;
    return h;
}

// One list per class → one list, the classes taking turns.
std::vector<ImageFile> interleaveClasses(const std::vector<std::vector<std::string>>& perClass) {
    std::vector<ImageFile> out;
    std::size_t longest = 0;
    for (const auto& files : perClass) longest = std::max(longest, files.size());
    for (std::size_t i = 0; i < longest; ++i)
        for (std::size_t c = 0; c < perClass.size(); ++c)
            if (i < perClass[c].size()) out.push_back({perClass[c][i], int(c)});
    return out;
}

std::vector<std::int64_t> filesPerClass(const std::vector<std::vector<std::string>>& perClass) {
    std::vector<std::int64_t> out;
    for (const auto& files : perClass) out.push_back(std::int64_t(files.size()));
    return out;
}

}  // namespace

bool hasImageExtension(const std::string& fileName) {
    const std::string ext = lowerCaseName(fs::path(fileName).extension().string());
    for (const char* known : {".png", ".jpg", ".jpeg", ".jpe", ".bmp", ".dib", ".tif", ".tiff", ".webp",
                              ".pbm", ".pgm", ".ppm", ".pnm"})
        if (ext == known) return true;
    return false;
}

std::vector<std::size_t> testIndicesOfClass(std::size_t n, double testFraction, std::uint64_t splitSeed,
                                            const std::string& className) {
    std::size_t k = std::size_t(std::llround(testFraction * double(n)));
    // A class of one file keeps it for training; a larger one keeps at least one file on each side.
    k = n >= 2 && testFraction > 0.0 ? std::clamp<std::size_t>(k, 1, n - 1) : 0;
    std::vector<std::size_t> order(n);
    for (std::size_t i = 0; i < n; ++i) order[i] = i;
    // Fisher–Yates with an explicit modulo: std::shuffle and the standard distributions may differ between
    // standard libraries, std::mt19937_64's sequence may not.
    std::mt19937_64 rng(splitSeed * 0x9E3779B97F4A7C15ULL ^ fnv1a(className));
    for (std::size_t i = n; i > 1; --i) std::swap(order[i - 1], order[std::size_t(rng() % i)]);
    std::vector<std::size_t> test(order.begin(), order.begin() + std::ptrdiff_t(k));
    std::sort(test.begin(), test.end());
    return test;
}

ImageFolderScan scanImageFolder(const std::string& directory, const FolderScanOptions& options) {
    if (!std::isfinite(options.testFraction) || options.testFraction < 0.0 || options.testFraction >= 1.0)
        throw std::invalid_argument("The test fraction must be from 0 to below 1 (got " +
                                    std::to_string(options.testFraction) + ").");
    const fs::path root(directory);
    std::error_code ec;
    if (directory.empty()) throw std::runtime_error("No image folder was given.");
    if (!fs::exists(root, ec)) throw std::runtime_error("The image folder " + directory + " does not exist.");
    if (!isFolder(root)) throw std::runtime_error(directory + " is a file, not a folder of images.");

    ImageFolderScan scan;
    scan.root = directory;
    std::vector<std::vector<std::string>> trainFiles, testFiles;
    const fs::path trainDir = root / "train";
    if (isFolder(trainDir)) {
        const bool test = isFolder(root / "test");
        if (!test && !isFolder(root / "val"))
            throw std::runtime_error(directory +
                                     " has a train folder but no test or val folder beside it: add "
                                     "one, or choose " +
                                     trainDir.string() +
                                     " to split its class folders into training and test images.");
        const std::string testName = test ? "test" : "val";
        scan.layout = "train/" + testName;
        scan.classNames = classFolders(trainDir);
        const std::vector<std::string> testClasses = classFolders(root / testName);
        if (scan.classNames != testClasses) {
            std::vector<std::string> onlyTrain, onlyTest;
            std::set_difference(scan.classNames.begin(), scan.classNames.end(), testClasses.begin(),
                                testClasses.end(), std::back_inserter(onlyTrain));
            std::set_difference(testClasses.begin(), testClasses.end(), scan.classNames.begin(),
                                scan.classNames.end(), std::back_inserter(onlyTest));
            throw std::runtime_error(
                "The class folders of " + trainDir.string() + " and " + (root / testName).string() +
                " differ (" + (onlyTrain.empty() ? "" : "only in train: " + listedNames(onlyTrain)) +
                (onlyTrain.empty() || onlyTest.empty() ? "" : "; ") +
                (onlyTest.empty() ? "" : "only in " + testName + ": " + listedNames(onlyTest)) +
                "): both need the same classes.");
        }
        if (scan.classNames.empty())
            throw std::runtime_error(
                trainDir.string() +
                " holds no class folders: put each class's images in a folder of its own "
                "(train/cat/…, train/dog/…).");
        for (const std::string& name : scan.classNames) {
            trainFiles.push_back(classFiles(trainDir / name, root, scan.ignored));
            testFiles.push_back(classFiles(root / testName / name, root, scan.ignored));
            if (trainFiles.back().empty() && testFiles.back().empty())
                scan.emptyClasses.push_back(name);
            else if (trainFiles.back().empty())
                scan.emptyClasses.push_back(name + " (train)");
            else if (testFiles.back().empty())
                scan.emptyClasses.push_back(name + " (" + testName + ")");
        }
    } else {
        scan.layout = "split";
        scan.classNames = classFolders(root);
        if (scan.classNames.empty())
            throw std::runtime_error(
                directory +
                " holds no class folders: put each class's images in a folder of its own "
                "(" +
                directory + "/cat/…, " + directory +
                "/dog/…), or use train/<class> and test/<class> folders.");
        for (const std::string& name : scan.classNames) {
            std::vector<std::string> files = classFiles(root / name, root, scan.ignored);
            if (files.empty()) scan.emptyClasses.push_back(name);
            const std::vector<std::size_t> testIndices =
                testIndicesOfClass(files.size(), options.testFraction, options.splitSeed, name);
            std::vector<std::string> train, test;
            std::size_t next = 0;
            for (std::size_t i = 0; i < files.size(); ++i) {
                const bool isTest = next < testIndices.size() && testIndices[next] == i;
                (isTest ? test : train).push_back(files[i]);
                if (isTest) ++next;
            }
            trainFiles.push_back(std::move(train));
            testFiles.push_back(std::move(test));
        }
    }
    scan.train = interleaveClasses(trainFiles);
    scan.test = interleaveClasses(testFiles);
    scan.trainCounts = filesPerClass(trainFiles);
    scan.testCounts = filesPerClass(testFiles);
    std::sort(scan.ignored.begin(), scan.ignored.end());
    if (scan.train.empty() && scan.test.empty())
        throw std::runtime_error("The class folders of " + directory +
                                 " hold no image files (PNG, JPEG, BMP, TIFF, WebP or PNM).");
    if (scan.train.empty())
        throw std::runtime_error("The class folders of " + (root / "train").string() +
                                 " hold no image files, so there is nothing to train on.");
    return scan;
}

}  // namespace convscope::nn
