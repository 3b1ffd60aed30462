#include "core/nn/imported/import_options.h"

#include <cmath>
#include <fstream>
#include <stdexcept>

namespace convscope::nn {

namespace {

std::string trimmed(const std::string& s) {
    const auto a = s.find_first_not_of(" \t\r\n");
    if (a == std::string::npos) return {};
    const auto b = s.find_last_not_of(" \t\r\n");
    return s.substr(a, b - a + 1);
}

std::vector<std::string> splitOn(const std::string& text, const std::vector<std::string>& separators) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (true) {
        std::size_t best = std::string::npos, length = 0;
        for (const std::string& sep : separators) {
            const auto at = text.find(sep, start);
            if (at < best) {
                best = at;
                length = sep.size();
            }
        }
        parts.push_back(text.substr(start, best == std::string::npos ? std::string::npos : best - start));
        if (best == std::string::npos) return parts;
        start = best + length;
    }
}

}  // namespace

const std::vector<std::string>& normalisationPresets() {
    static const std::vector<std::string> presets{"none", "imagenet", "fashion-mnist"};
    return presets;
}

std::vector<std::int64_t> parseInputShape(const std::string& text) {
    const auto parts = splitOn(trimmed(text), {"x", "X", "×", ","});
    std::vector<std::int64_t> shape;
    bool ok = parts.size() == 3;
    for (const std::string& p : parts) {
        const std::string t = trimmed(p);
        std::size_t used = 0;
        long long v = -1;
        try {
            v = std::stoll(t, &used);
        } catch (const std::exception&) {
            used = 0;
        }
        ok = ok && !t.empty() && used == t.size() && v >= 1;
        shape.push_back(v);
    }
    if (!ok || shape[0] > 64 || shape[1] > 4096 || shape[2] > 4096)
        throw std::invalid_argument("The input shape '" + text +
                                    "' is not C×H×W (e.g. 1x28x28 or 3x224x224, at most 64 channels and "
                                    "4096 pixels a side).");
    return shape;
}

std::vector<double> parseNumberList(const std::string& text, const std::string& what) {
    std::vector<double> values;
    for (const std::string& p : splitOn(text, {","})) {
        const std::string t = trimmed(p);
        std::size_t used = 0;
        double v = NAN;
        try {
            v = std::stod(t, &used);
        } catch (const std::exception&) {
            used = 0;
        }
        if (t.empty() || used != t.size() || !std::isfinite(v))
            throw std::invalid_argument(what + ": '" + text + "' is not a comma-separated list of numbers.");
        values.push_back(v);
    }
    return values;
}

std::vector<std::string> readClassNames(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("The class names file " + path + " cannot be read.");
    std::vector<std::string> names;
    for (std::string line; std::getline(in, line);) names.push_back(trimmed(line));
    while (!names.empty() && names.back().empty()) names.pop_back();
    if (names.empty()) throw std::runtime_error("The class names file " + path + " is empty.");
    return names;
}

TrainConfig importedConfig(const ImportOptions& o, int classes) {
    if (o.inputShape.size() != 3) throw std::invalid_argument("The input shape must be C×H×W.");
    if (o.inputShape[1] != o.inputShape[2])
        throw std::invalid_argument("ConvScope feeds square images to models: give an input of C×S×S (got " +
                                    std::to_string(o.inputShape[1]) + "×" + std::to_string(o.inputShape[2]) +
                                    "); describe takes any shape.");
    TrainConfig c;
    const int channels = int(o.inputShape[0]);
    c.model.name = "torchscript";
    c.model.file = o.file;
    c.model.inChannels = channels;
    c.model.inputSize = c.input.size = int(o.inputShape[1]);
    c.model.classes = classes;
    c.input.channels = channels;
    c.input.mean = 0.0;
    c.input.stdev = 1.0;
    std::vector<double> mean = o.mean, stdev = o.stdev;
    if (o.normalisation == "imagenet") {
        mean = {0.485, 0.456, 0.406};
        stdev = {0.229, 0.224, 0.225};
        if (channels != 3)
            throw std::invalid_argument(
                "ImageNet's normalisation is for 3 colour channels; the model takes " +
                std::to_string(channels) + ".");
    } else if (o.normalisation == "fashion-mnist") {
        mean = {InputTransform{}.mean};
        stdev = {InputTransform{}.stdev};
    } else if (o.normalisation == "none") {
        mean.clear();
        stdev.clear();
    } else if (o.normalisation != "custom") {
        throw std::invalid_argument("Unknown normalisation '" + o.normalisation +
                                    "' (choose none, imagenet, fashion-mnist or give --mean and --std).");
    }
    if (mean.size() != stdev.size())
        throw std::invalid_argument("Give as many standard deviations as means.");
    for (double s : stdev)
        if (!(s > 0.0)) throw std::invalid_argument("Standard deviations must be positive.");
    if (mean.size() == 1) {
        c.input.mean = mean[0];
        c.input.stdev = stdev[0];
    } else if (!mean.empty()) {
        if (int(mean.size()) != channels)
            throw std::invalid_argument("The normalisation has " + std::to_string(mean.size()) +
                                        " values; the model takes " + std::to_string(channels) +
                                        " channels.");
        c.input.channelMean = mean;
        c.input.channelStd = stdev;
    }
    if (!o.classNames.empty() && int(o.classNames.size()) != classes)
        throw std::invalid_argument("The class names file lists " + std::to_string(o.classNames.size()) +
                                    " names; the model has " + std::to_string(classes) + " classes.");
    c.classNames = o.classNames;
    if (c.classNames.empty())
        for (int k = 0; k < classes; ++k) c.classNames.push_back("class " + std::to_string(k));
    return c;
}

}  // namespace convscope::nn
