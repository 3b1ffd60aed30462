#include "naive_filter.h"

#include <cmath>

namespace naive {

namespace {

// Index of the image row/column that supplies position i (-1: the zero border supplies 0).
int source(int i, int n, Border border) {
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

}  // namespace

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

cv::Mat filter(const cv::Mat& src, const Kernel& kernel, bool convolve, Border border) {
    const int channels = src.channels();
    cv::Mat out(src.rows, src.cols, CV_64FC(channels));
    const int ar = (kernel.rows - 1) / 2, ac = (kernel.cols - 1) / 2;
    for (int y = 0; y < src.rows; ++y) {
        for (int x = 0; x < src.cols; ++x) {
            for (int ch = 0; ch < channels; ++ch) {
                double sum = 0;
                for (int r = 0; r < kernel.rows; ++r) {
                    for (int c = 0; c < kernel.cols; ++c) {
                        const int dy = convolve ? -(r - ar) : r - ar;
                        const int dx = convolve ? -(c - ac) : c - ac;
                        const int sy = source(y + dy, src.rows, border);
                        const int sx = source(x + dx, src.cols, border);
                        if (sy < 0 || sx < 0) continue;
                        sum += src.ptr<std::uint8_t>(sy)[sx * channels + ch] * kernel.at(r, c);
                    }
                }
                out.ptr<double>(y)[x * channels + ch] = sum;
            }
        }
    }
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
