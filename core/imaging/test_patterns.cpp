#include "core/imaging/test_patterns.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <sstream>
#include <stdexcept>

#include <opencv2/core.hpp>

namespace convscope::imaging {

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr int kMaxSide = 16384;

uchar toByte(double v) {
    return static_cast<uchar>(std::lround(std::clamp(v, 0.0, 255.0)));
}

std::string number(double v) {
    std::ostringstream out;
    out << v;
    return out.str();
}

void validate(PatternKind kind, const PatternParams& p) {
    if (p.width < 1 || p.width > kMaxSide || p.height < 1 || p.height > kMaxSide) {
        throw std::invalid_argument("pattern size must be 1 to " + std::to_string(kMaxSide) +
                                    " pixels per side, got " + std::to_string(p.width) + "x" +
                                    std::to_string(p.height));
    }
    switch (kind) {
        case PatternKind::Grating:
            if (!(p.frequency > 0.0 && p.frequency <= 0.5)) {
                throw std::invalid_argument(
                    "grating frequency must be above 0 and at most 0.5 cycles/pixel, got " +
                    number(p.frequency));
            }
            if (!std::isfinite(p.angleDegrees))
                throw std::invalid_argument("grating angle must be a finite number");
            break;
        case PatternKind::ZonePlate:
            if (!(p.maxFrequency > 0.0 && p.maxFrequency <= 0.5)) {
                throw std::invalid_argument(
                    "zone plate maximum frequency must be above 0 and at most 0.5 cycles/pixel, got " +
                    number(p.maxFrequency));
            }
            break;
        case PatternKind::Checkerboard:
            if (p.cellSize < 1 || p.cellSize > kMaxSide) {
                throw std::invalid_argument("checkerboard cell size must be 1 to " +
                                            std::to_string(kMaxSide) + " pixels, got " +
                                            std::to_string(p.cellSize));
            }
            break;
        case PatternKind::StepEdges:
            if (p.steps < 2 || p.steps > 32) {
                throw std::invalid_argument("step edges need 2 to 32 grey levels, got " +
                                            std::to_string(p.steps));
            }
            break;
        default:
            break;
    }
}

// Fills every pixel from f(x, y), rows in parallel (a 16384 x 16384 zone plate is 268 million cosines).
template <typename F>
cv::Mat generate(const PatternParams& p, F f) {
    cv::Mat image(p.height, p.width, CV_8UC1);
    cv::parallel_for_(cv::Range(0, p.height), [&](const cv::Range& rows) {
        for (int y = rows.start; y < rows.end; ++y) {
            uchar* row = image.ptr<uchar>(y);
            for (int x = 0; x < p.width; ++x) row[x] = f(x, y);
        }
    });
    return image;
}

// Phase pi * fmax * r^2 / R has local frequency (1/2pi) d(phase)/dr = fmax * r / R cycles per pixel: 0 at
// the centre, fmax at r = R = min(width, height) / 2. The centre is the middle of the pixel grid, so the
// pattern is symmetric under horizontal and vertical flips.
cv::Mat zonePlate(const PatternParams& p) {
    const double cx = 0.5 * (p.width - 1), cy = 0.5 * (p.height - 1);
    const double radius = 0.5 * std::min(p.width, p.height);
    const double k = kPi * p.maxFrequency / radius;
    return generate(p, [&](int x, int y) {
        const double dx = x - cx, dy = y - cy;
        return toByte(127.5 * (1.0 + std::cos(k * (dx * dx + dy * dy))));
    });
}

// Coordinates from the image centre with y pointing up, so the angle turns counter-clockwise on screen
// (the convention of the kernel library's oriented presets).
cv::Mat grating(const PatternParams& p) {
    const double cx = 0.5 * (p.width - 1), cy = 0.5 * (p.height - 1);
    const double a = p.angleDegrees * kPi / 180.0;
    const double kx = 2.0 * kPi * p.frequency * std::cos(a), ky = 2.0 * kPi * p.frequency * std::sin(a);
    return generate(
        p, [&](int x, int y) { return toByte(127.5 * (1.0 + std::cos(kx * (x - cx) + ky * (cy - y)))); });
}

cv::Mat checkerboard(const PatternParams& p) {
    return generate(
        p, [&](int x, int y) { return static_cast<uchar>(((x / p.cellSize + y / p.cellSize) % 2) * 255); });
}

cv::Mat stepEdges(const PatternParams& p) {
    const int half = p.height / 2;
    return generate(p, [&](int x, int y) {
        if (y >= half) return uchar{0};
        const int band = static_cast<int>(static_cast<long long>(x) * p.steps / p.width);
        return toByte(255.0 * band / (p.steps - 1));
    });
}

cv::Mat impulse(const PatternParams& p) {
    cv::Mat image = cv::Mat::zeros(p.height, p.width, CV_8UC1);
    image.at<uchar>(p.height / 2, p.width / 2) = 255;
    return image;
}

// The top 8 bits of each 64-bit draw: std::mt19937_64's sequence is fixed by the standard, unlike the
// distributions', so the same seed gives the same image with every compiler.
cv::Mat whiteNoise(const PatternParams& p) {
    std::mt19937_64 engine(p.seed);
    cv::Mat image(p.height, p.width, CV_8UC1);
    for (int y = 0; y < p.height; ++y) {
        uchar* row = image.ptr<uchar>(y);
        for (int x = 0; x < p.width; ++x) row[x] = static_cast<uchar>(engine() >> 56);
    }
    return image;
}

}  // namespace

const std::vector<PatternInfo>& patternList() {
    static const std::vector<PatternInfo> list = {
        {PatternKind::ZonePlate, "zone-plate", "Zone plate (chirp)",
         "Rings whose frequency grows from 0 at the centre to the maximum at the edges: a filter's frequency "
         "response and aliasing at a glance"},
        {PatternKind::Checkerboard, "checkerboard", "Checkerboard",
         "Black and white squares starting black at the top-left: edges in both directions and corners"},
        {PatternKind::StepEdges, "step-edges", "Step edges",
         "Grey bands of increasing level above a black lower half: vertical and horizontal edges of known "
         "height"},
        {PatternKind::Grating, "grating", "Sinusoidal grating",
         "A single frequency at a chosen angle: shows how a filter passes or blocks one spatial frequency"},
        {PatternKind::Impulse, "impulse", "Impulse",
         "One white pixel on black: filtering it draws the kernel (convolution) or its flip (correlation)"},
        {PatternKind::WhiteNoise, "noise", "White noise",
         "Independent uniform grey values (reproducible from the seed): all frequencies at once"},
    };
    return list;
}

PatternKind parsePatternKind(const std::string& name) {
    std::string known;
    for (const PatternInfo& info : patternList()) {
        if (info.name == name) return info.kind;
        known += (known.empty() ? "" : ", ") + info.name;
    }
    throw std::invalid_argument("unknown pattern '" + name + "'; known patterns: " + known);
}

cv::Mat makePattern(PatternKind kind, const PatternParams& params) {
    validate(kind, params);
    switch (kind) {
        case PatternKind::ZonePlate:
            return zonePlate(params);
        case PatternKind::Checkerboard:
            return checkerboard(params);
        case PatternKind::StepEdges:
            return stepEdges(params);
        case PatternKind::Grating:
            return grating(params);
        case PatternKind::Impulse:
            return impulse(params);
        case PatternKind::WhiteNoise:
            return whiteNoise(params);
    }
    throw std::invalid_argument("unknown pattern kind");
}

}  // namespace convscope::imaging
