#include "app/cli/parsing/conv_input_reader.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "app/cli/output/stderr_silencer.h"
#include "app/cli/parsing/usage_error.h"
#include "core/imaging/image_loader.h"

namespace convscope::cli {

namespace {

constexpr std::uintmax_t kMaxTextBytes = std::uintmax_t{1} << 20;
const std::string kSide = std::to_string(kMaxTraceSide);

std::string lineError(int line, const std::string& what) {
    return "line " + std::to_string(line) + ": " + what;
}

// A token echoed in a message: short, and without bytes that would break the one-line error promise.
std::string printable(const std::string& token) {
    std::string shown;
    for (const char c : token.substr(0, 20)) {
        const auto u = static_cast<unsigned char>(c);
        shown += (u < 0x20 || u >= 0x7F) ? '?' : c;
    }
    return token.size() > 20 ? shown + "..." : shown;
}

// Locale-independent, like the kernel files: "1.5" is one and a half whatever LC_NUMERIC says.
double parseValue(const std::string& token, int line) {
    const char* first = token.data();
    const char* last = token.data() + token.size();
    if (first != last && *first == '+') ++first;
    double value = 0.0;
    const auto [end, error] = std::from_chars(first, last, value);
    if (error != std::errc() || end != last || !std::isfinite(value)) {
        throw std::invalid_argument(lineError(line, "'" + printable(token) + "' is not a finite number"));
    }
    return value;
}

std::string trimmed(const std::string& text) {
    const std::size_t first = text.find_first_not_of(" \t\r\f\v");
    if (first == std::string::npos) return {};
    return text.substr(first, text.find_last_not_of(" \t\r\f\v") - first + 1);
}

// One line of numbers; fields between commas must not be empty, blanks separate numbers too.
std::vector<double> parseRow(const std::string& line, int lineNumber) {
    std::vector<double> row;
    std::size_t start = 0;
    const bool hasComma = line.find(',') != std::string::npos;
    while (true) {
        const std::size_t comma = line.find(',', start);
        const std::string field =
            line.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        std::istringstream tokens(field);
        std::string token;
        bool any = false;
        while (tokens >> token) {
            row.push_back(parseValue(token, lineNumber));
            any = true;
            if (row.size() > static_cast<std::size_t>(kMaxTraceSide)) {
                throw std::invalid_argument(lineError(lineNumber, "more than " + kSide +
                                                                      " values; conv-trace reads at most " +
                                                                      kSide + "x" + kSide + ": crop it"));
            }
        }
        if (!any && hasComma)
            throw std::invalid_argument(lineError(lineNumber, "empty value between commas"));
        if (comma == std::string::npos) return row;
        start = comma + 1;
    }
}

struct Channel {
    int firstLine = 0;
    int width = 0;
    std::vector<std::vector<double>> rows;
};

std::string readTextFile(const std::string& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status)) throw std::runtime_error("cannot read input '" + path + "': no such file");
    if (!fs::is_regular_file(status))
        throw std::runtime_error("cannot read input '" + path + "': not a file");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read input '" + path + "': " + std::strerror(errno));
    std::string text(static_cast<std::size_t>(kMaxTextBytes) + 1, '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    if (in.bad()) throw std::runtime_error("cannot read input '" + path + "': read error");
    text.resize(static_cast<std::size_t>(in.gcount()));
    if (text.size() > kMaxTextBytes) {
        throw std::runtime_error("cannot read input '" + path + "': a text input is at most 1 MiB");
    }
    return text;
}

bool isImagePath(const std::string& path) {
    std::string ext = std::filesystem::path(path).extension().string();
    if (ext.empty()) return false;
    ext = ext.substr(1);
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    const std::vector<std::string> known = imaging::supportedExtensions();
    return std::find(known.begin(), known.end(), ext) != known.end();
}

TraceInput readImageInput(const std::string& path, int channels) {
    if (channels != 0 && channels != 1 && channels != 3) {
        throw UsageError("--channels must be 1 (grey) or 3 (RGB) for an image input, got " +
                         std::to_string(channels));
    }
    imaging::LoadedImage image;
    {
        const StderrSilencer quiet;
        image = imaging::loadImage(path);
    }
    const cv::Mat& pixels = image.pixels;
    if (pixels.cols > kMaxTraceSide || pixels.rows > kMaxTraceSide) {
        throw std::runtime_error(path + " is " + std::to_string(pixels.cols) + " x " +
                                 std::to_string(pixels.rows) + " pixels; conv-trace reads at most " + kSide +
                                 " x " + kSide + " because a trace is for reading: crop a small patch first");
    }
    const bool rgb = channels == 3;
    cv::Mat converted;
    if (rgb) {
        cv::cvtColor(pixels, converted, pixels.channels() == 1 ? cv::COLOR_GRAY2RGB : cv::COLOR_BGR2RGB);
    } else if (pixels.channels() == 3) {
        cv::cvtColor(pixels, converted, cv::COLOR_BGR2GRAY);  // BT.601 luminance, as filter --gray
    } else {
        converted = pixels;
    }
    const int c = converted.channels();
    conv::Volume volume(c, converted.rows, converted.cols);
    for (int y = 0; y < converted.rows; ++y) {
        const std::uint8_t* row = converted.ptr<std::uint8_t>(y);
        for (int x = 0; x < converted.cols; ++x) {
            for (int k = 0; k < c; ++k) volume.at(k, y, x) = row[x * c + k];
        }
    }
    return {volume, path + " (" + image.format + ", " + (rgb ? "RGB" : "grey") + " values 0..255)"};
}

}  // namespace

conv::Volume parseVolumeText(const std::string& text) {
    std::istringstream lines(text);
    std::string line;
    std::vector<Channel> channels;
    bool channelOpen = false;
    int lineNumber = 0;
    while (std::getline(lines, line)) {
        ++lineNumber;
        const std::string content = trimmed(line);
        if (content.empty()) {
            channelOpen = false;
            continue;
        }
        if (content[0] == '#') continue;
        std::vector<double> row = parseRow(content, lineNumber);
        if (!channelOpen) {
            if (channels.size() == static_cast<std::size_t>(kMaxTraceChannels)) {
                throw std::invalid_argument(
                    lineError(lineNumber, "more than " + std::to_string(kMaxTraceChannels) + " channels"));
            }
            channels.push_back({lineNumber, static_cast<int>(row.size()), {}});
            channelOpen = true;
        }
        Channel& channel = channels.back();
        if (static_cast<int>(row.size()) != channel.width) {
            throw std::invalid_argument(lineError(lineNumber, "has " + std::to_string(row.size()) +
                                                                  " values but the rows above have " +
                                                                  std::to_string(channel.width)));
        }
        if (channel.rows.size() == static_cast<std::size_t>(kMaxTraceSide)) {
            throw std::invalid_argument(lineError(lineNumber, "more than " + kSide +
                                                                  " rows in one channel; conv-trace reads at "
                                                                  "most " +
                                                                  kSide + "x" + kSide + ": crop it"));
        }
        channel.rows.push_back(std::move(row));
    }
    if (channels.empty()) throw std::invalid_argument("no numbers found (only blank or comment lines)");
    const Channel& first = channels.front();
    const int height = static_cast<int>(first.rows.size());
    for (std::size_t c = 1; c < channels.size(); ++c) {
        const Channel& channel = channels[c];
        if (static_cast<int>(channel.rows.size()) != height || channel.width != first.width) {
            throw std::invalid_argument(lineError(
                channel.firstLine,
                "channel " + std::to_string(c + 1) + " is " + std::to_string(channel.rows.size()) + "x" +
                    std::to_string(channel.width) + " but channel 1 is " + std::to_string(height) + "x" +
                    std::to_string(first.width) + " (rows x columns)"));
        }
    }
    conv::Volume volume(static_cast<int>(channels.size()), height, first.width);
    for (std::size_t c = 0; c < channels.size(); ++c) {
        for (int y = 0; y < height; ++y) {
            for (int x = 0; x < first.width; ++x)
                volume.at(static_cast<int>(c), y, x) = channels[c].rows[y][x];
        }
    }
    return volume;
}

TraceInput readTraceInput(const std::string& path, int channels) {
    if (isImagePath(path)) return readImageInput(path, channels);
    const std::string text = readTextFile(path);
    conv::Volume volume;
    try {
        volume = parseVolumeText(text);
    } catch (const std::invalid_argument& e) {
        throw std::invalid_argument(path + ": " + e.what());
    }
    if (channels != 0 && channels != volume.channels) {
        throw std::runtime_error(path + " holds " + std::to_string(volume.channels) +
                                 (volume.channels == 1 ? " channel" : " channels") + " but --channels is " +
                                 std::to_string(channels) + " (channels are separated by blank lines)");
    }
    return {volume, path + " (text, " + std::to_string(volume.channels) +
                        (volume.channels == 1 ? " channel)" : " channels)")};
}

}  // namespace convscope::cli
