#include "app/cli/output/feature_grid_image.h"

#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

#include "core/common/colormap.h"

namespace convscope::cli {

cv::Mat featureGridImage(const nn::TapActivation& tap, int maxChannels) {
    const torch::Tensor& v = tap.value;  // C x H x W float, CPU, contiguous
    const int channels = int(v.size(0)), h = int(v.size(1)), w = int(v.size(2));
    const int shown = std::min(channels, maxChannels);
    const int cols = int(std::ceil(std::sqrt(double(shown)))), rows = (shown + cols - 1) / cols;
    const int scale = std::max(1, 64 / std::max(h, w));  // a 1x1 map becomes a 64 x 64 block
    const int cellW = w * scale, cellH = h * scale, gap = 4, label = 14, title = 44;
    cv::Mat out(title + rows * (cellH + label + gap) + gap, std::max(gap + cols * (cellW + gap), 520),
                CV_8UC3, cv::Scalar(255, 255, 255));
    const auto& table = common::colormapTable(common::Colormap::Viridis);
    const float* data = v.data_ptr<float>();
    for (int ch = 0; ch < shown; ++ch) {
        const float* p = data + std::ptrdiff_t(ch) * h * w;
        const auto [lo, hi] = std::minmax_element(p, p + std::ptrdiff_t(h) * w);
        const float range = *hi - *lo;
        cv::Mat cell(h, w, CV_8UC3);
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x) {
                const int index = range > 0 ? int(std::lround((p[y * w + x] - *lo) / range * 255.0f)) : 0;
                const common::Rgb c = table[std::size_t(std::clamp(index, 0, 255))];
                cell.at<cv::Vec3b>(y, x) = cv::Vec3b(c.b, c.g, c.r);
            }
        const int x0 = gap + (ch % cols) * (cellW + gap), y0 = title + (ch / cols) * (cellH + label + gap);
        cv::Mat big;
        cv::resize(cell, big, cv::Size(cellW, cellH), 0, 0, cv::INTER_NEAREST);
        big.copyTo(out(cv::Rect(x0, y0, cellW, cellH)));
        cv::putText(out, std::to_string(ch), cv::Point(x0, y0 + cellH + 11), cv::FONT_HERSHEY_SIMPLEX, 0.35,
                    cv::Scalar(60, 60, 60), 1, cv::LINE_AA);
    }
    const std::string heading = tap.name + "  " + std::to_string(channels) + " x " + std::to_string(h) +
                                " x " + std::to_string(w) +
                                (shown < channels ? "  (first " + std::to_string(shown) + " channels)" : "");
    cv::putText(out, heading, cv::Point(gap, 18), cv::FONT_HERSHEY_SIMPLEX, 0.55, cv::Scalar(20, 20, 20), 1,
                cv::LINE_AA);
    cv::putText(out, "each channel scaled to its own min..max (viridis: dark low, yellow high)",
                cv::Point(gap, 36), cv::FONT_HERSHEY_SIMPLEX, 0.4, cv::Scalar(90, 90, 90), 1, cv::LINE_AA);
    return out;
}

}  // namespace convscope::cli
