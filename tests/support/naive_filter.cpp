#include "tests/support/naive_filter.h"

#include <cmath>
#include <cstdint>

namespace naive {

int borderSource(int i, int n, Border border) {
    if (i >= 0 && i < n) return i;
    switch (border) {
        case Border::Zero:
            return -1;
        case Border::Replicate:
            return i < 0 ? 0 : n - 1;
        case Border::Wrap:
            return ((i % n) + n) % n;
        case Border::Reflect101:
            if (n == 1) return 0;
            while (i < 0 || i >= n) i = i < 0 ? -i : 2 * (n - 1) - i;
            return i;
    }
    return -1;
}

double Kernel::sumAbs() const {
    double s = 0;
    for (double v : values) s += std::abs(v);
    return s;
}

bool Kernel::hasNegative() const {
    for (double v : values) {
        if (v < 0) return true;
    }
    return false;
}

namespace {

// The sum for one output position; `read(sy, sx)` gives the input value at an in-image position.
template <class Read>
double sumAt(int rows, int cols, const Kernel& kernel, bool convolve, Border border, int x, int y,
             Read read) {
    double sum = 0;
    for (int r = 0; r < kernel.rows; ++r) {
        for (int c = 0; c < kernel.cols; ++c) {
            const int dy = convolve ? kernel.anchorRow() - r : r - kernel.anchorRow();
            const int dx = convolve ? kernel.anchorCol() - c : c - kernel.anchorCol();
            const int sy = borderSource(y + dy, rows, border);
            const int sx = borderSource(x + dx, cols, border);
            if (sy < 0 || sx < 0) continue;
            sum += read(sy, sx) * kernel.at(r, c);
        }
    }
    return sum;
}

}  // namespace

std::vector<double> filterPlane(const std::vector<double>& plane, int rows, int cols, const Kernel& kernel,
                                bool convolve, Border border) {
    std::vector<double> out(static_cast<std::size_t>(rows) * cols, 0.0);
    auto read = [&](int sy, int sx) { return plane[static_cast<std::size_t>(sy) * cols + sx]; };
    for (int y = 0; y < rows; ++y)
        for (int x = 0; x < cols; ++x)
            out[static_cast<std::size_t>(y) * cols + x] =
                sumAt(rows, cols, kernel, convolve, border, x, y, read);
    return out;
}

double filterAt(const cv::Mat& src, const Kernel& kernel, bool convolve, Border border, int x, int y,
                int channel) {
    const int channels = src.channels();
    auto read = [&](int sy, int sx) { return double(src.ptr<std::uint8_t>(sy)[sx * channels + channel]); };
    return sumAt(src.rows, src.cols, kernel, convolve, border, x, y, read);
}

cv::Mat filter(const cv::Mat& src, const Kernel& kernel, bool convolve, Border border) {
    const int channels = src.channels();
    cv::Mat out(src.rows, src.cols, CV_64FC(channels));
    for (int y = 0; y < src.rows; ++y)
        for (int x = 0; x < src.cols; ++x)
            for (int ch = 0; ch < channels; ++ch)
                out.ptr<double>(y)[x * channels + ch] = filterAt(src, kernel, convolve, border, x, y, ch);
    return out;
}

cv::Mat luminance(const cv::Mat& bgr) {
    cv::Mat out(bgr.rows, bgr.cols, CV_8UC1);
    for (int y = 0; y < bgr.rows; ++y) {
        for (int x = 0; x < bgr.cols; ++x) {
            const cv::Vec3b p = bgr.at<cv::Vec3b>(y, x);
            out.at<std::uint8_t>(y, x) =
                static_cast<std::uint8_t>(std::lround(0.299 * p[2] + 0.587 * p[1] + 0.114 * p[0]));
        }
    }
    return out;
}

}  // namespace naive
