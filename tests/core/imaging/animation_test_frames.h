#pragma once

// Frames and helpers shared by the GIF encoder and animation writer tests: deterministic frame generators
// (diagram-like, palette noise, photo-like, video-friendly) and plain-loop conversions to RGB bytes that do
// not use the code under test.

#include <QFile>
#include <QImage>
#include <QString>

#include <cmath>
#include <cstdint>
#include <random>
#include <set>
#include <string>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

namespace animtest {

using Bytes = std::vector<std::uint8_t>;

inline Bytes readFile(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return {};
    const QByteArray data = file.readAll();
    return Bytes(data.begin(), data.end());
}

/// RGB bytes of an 8-bit gray, BGR or BGRA frame (alpha dropped).
inline Bytes toRgb(const cv::Mat& frame) {
    Bytes rgb;
    rgb.reserve(frame.total() * 3);
    const int n = frame.channels();
    for (int y = 0; y < frame.rows; ++y) {
        const std::uint8_t* row = frame.ptr<std::uint8_t>(y);
        for (int x = 0; x < frame.cols; ++x) {
            const std::uint8_t* p = row + x * n;
            if (n == 1) {
                rgb.insert(rgb.end(), {p[0], p[0], p[0]});
            } else {
                rgb.insert(rgb.end(), {p[2], p[1], p[0]});
            }
        }
    }
    return rgb;
}

/// RGB bytes of a QImage (alpha dropped).
inline Bytes toRgb(const QImage& image) {
    const QImage rgb = image.convertToFormat(QImage::Format_RGB888);
    Bytes out;
    for (int y = 0; y < rgb.height(); ++y) {
        const uchar* row = rgb.constScanLine(y);
        out.insert(out.end(), row, row + 3 * rgb.width());
    }
    return out;
}

inline int distinctColours(const Bytes& rgb) {
    std::set<std::uint32_t> colours;
    for (std::size_t i = 0; i + 2 < rgb.size(); i += 3)
        colours.insert((rgb[i] << 16) | (rgb[i + 1] << 8) | rgb[i + 2]);
    return int(colours.size());
}

/// A convolution-diagram-like BGR frame: flat cells, a moving highlighted window and a step number drawn
/// without antialiasing (a handful of colours), or with antialiasing when `smoothText` (then more than 256).
inline cv::Mat diagramFrame(cv::Size size, int step, bool smoothText = false) {
    cv::Mat frame(size, CV_8UC3, cv::Scalar(245, 245, 245));
    const int cell = std::max(2, std::min(size.width, size.height) / 8);
    const cv::Scalar fills[] = {{230, 216, 173}, {180, 229, 255}, {193, 182, 255}, {144, 238, 144}};
    for (int r = 0; r < 6; ++r) {
        for (int c = 0; c < 6; ++c) {
            cv::rectangle(frame, cv::Rect(c * cell, r * cell, cell - 1, cell - 1), fills[(r + c) % 4],
                          cv::FILLED);
        }
    }
    const int wx = (step % 4) * cell;
    const int wy = (step / 4 % 4) * cell;
    cv::rectangle(frame, cv::Rect(wx, wy, 3 * cell, 3 * cell), cv::Scalar(200, 60, 20), 2);
    const double scale = std::max(0.3, cell / 30.0);
    const int line = smoothText ? cv::LINE_AA : cv::LINE_8;
    cv::putText(frame, "step " + std::to_string(step), cv::Point(2, size.height - 4),
                cv::FONT_HERSHEY_SIMPLEX, scale, cv::Scalar(20, 20, 20), 1, line);
    if (smoothText) {
        for (int i = 0; i < 6; ++i) {
            cv::putText(frame, "y = w * x + b", cv::Point(6 * cell + 2, 12 + i * 14),
                        cv::FONT_HERSHEY_SIMPLEX, 0.45, fills[i % 4] * 0.5, 1, cv::LINE_AA);
            cv::circle(frame, cv::Point(7 * cell, 3 * cell + i * 9), 4 + i, cv::Scalar(40 * i, 90, 200), 1,
                       cv::LINE_AA);
        }
    }
    return frame;
}

/// Exactly `colours` distinct BGR colours (colours <= 256, every one used), the rest of the pixels random.
inline cv::Mat paletteNoise(cv::Size size, int colours, unsigned seed) {
    std::mt19937 rng(seed);
    std::uniform_int_distribution<int> pick(0, colours - 1);
    cv::Mat frame(size, CV_8UC3);
    for (int i = 0; i < size.area(); ++i) {
        const int k = i < colours ? i : pick(rng);
        frame.at<cv::Vec3b>(i / size.width, i % size.width) = cv::Vec3b(
            std::uint8_t(k), std::uint8_t((k * 37 + int(seed)) & 0xFF), std::uint8_t((k * 91) & 0xFF));
    }
    return frame;
}

/// A photo-like BGR frame: smooth gradients with mild noise, thousands of distinct colours.
inline cv::Mat photoFrame(cv::Size size, unsigned seed) {
    std::mt19937 rng(seed);
    std::normal_distribution<double> noise(0.0, 4.0);
    cv::Mat frame(size, CV_8UC3);
    for (int y = 0; y < size.height; ++y) {
        for (int x = 0; x < size.width; ++x) {
            const double b = 255.0 * x / size.width;
            const double g = 255.0 * y / size.height;
            const double r = 128.0 + 100.0 * std::sin(0.05 * x + 0.03 * y + seed);
            frame.at<cv::Vec3b>(y, x) = cv::Vec3b(cv::saturate_cast<std::uint8_t>(b + noise(rng)),
                                                  cv::saturate_cast<std::uint8_t>(g + noise(rng)),
                                                  cv::saturate_cast<std::uint8_t>(r + noise(rng)));
        }
    }
    return frame;
}

/// `frame` as gray (channels 1), BGR (3) or BGRA with varying alpha (4).
inline cv::Mat withChannels(const cv::Mat& bgr, int channels) {
    cv::Mat out;
    if (channels == 1) {
        cv::cvtColor(bgr, out, cv::COLOR_BGR2GRAY);
    } else if (channels == 4) {
        cv::cvtColor(bgr, out, cv::COLOR_BGR2BGRA);
        for (int y = 0; y < out.rows; ++y) {
            for (int x = 0; x < out.cols; ++x)
                out.at<cv::Vec4b>(y, x)[3] = std::uint8_t((x * 7 + y * 3) & 0xFF);
        }
    } else {
        out = bgr.clone();
    }
    return out;
}

// Smooth ramps and a flat block (JPEG-friendly content, like a diagram scaled up) whose red level and block
// position change with `index`, so that no two frames look alike.
inline cv::Mat videoFrame(cv::Size size, int index) {
    cv::Mat frame(size, CV_8UC3);
    const int red = 30 + (index * 53) % 200;
    for (int y = 0; y < size.height; ++y) {
        for (int x = 0; x < size.width; ++x) {
            frame.at<cv::Vec3b>(y, x) =
                cv::Vec3b(std::uint8_t(40 + 150 * x / size.width), std::uint8_t(40 + 150 * y / size.height),
                          std::uint8_t(red));
        }
    }
    const cv::Rect block((index * 7) % (size.width / 2 + 1), size.height / 4, size.width / 3 + 1,
                         size.height / 3 + 1);
    frame(block & cv::Rect(cv::Point(0, 0), size)).setTo(cv::Scalar(40, 200, 255 - red));
    return frame;
}

/// `frame` as BGR (alpha dropped).
inline cv::Mat toBgr(const cv::Mat& frame) {
    cv::Mat bgr;
    if (frame.channels() == 3) return frame;
    cv::cvtColor(frame, bgr, frame.channels() == 1 ? cv::COLOR_GRAY2BGR : cv::COLOR_BGRA2BGR);
    return bgr;
}

/// Mean absolute difference over all pixels and channels.
inline double meanAbsDiff(const cv::Mat& a, const cv::Mat& b) {
    cv::Mat diff;
    cv::absdiff(a, b, diff);
    const cv::Scalar m = cv::mean(diff);
    return (m[0] + m[1] + m[2]) / 3.0;
}

}  // namespace animtest
