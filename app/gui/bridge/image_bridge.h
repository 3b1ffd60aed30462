#pragma once

#include <QImage>

#include <opencv2/core/mat.hpp>

namespace convscope::gui::bridge {

/// The one place where engine images become QImages and back. Any thread.

/// Deep copy of an 8-bit image (CV_8UC1 → Grayscale8, CV_8UC3 BGR → BGR888, CV_8UC4 BGRA → ARGB32).
/// Returns a null QImage for other types.
QImage toQImage(const cv::Mat& mat);

/// An uninitialised QImage ready to be rendered into by the engine: Grayscale8 for one channel, BGR888 for
/// three (the engine's channel order, so no swizzle pass is needed).
QImage allocateImage(int width, int height, int channels);

/// A cv::Mat header over the QImage's pixels (no copy; row stride = bytesPerLine). The QImage must stay
/// alive and unshared (it is detached here) while the Mat is used. Grayscale8 → CV_8UC1, BGR888 → CV_8UC3.
cv::Mat wrap(QImage& image);

/// Deep copy of a QImage into an 8-bit BGR (or gray, for grayscale formats) cv::Mat.
cv::Mat toMat(const QImage& image);

}  // namespace convscope::gui::bridge
