#pragma once

#include <QImage>
#include <QSize>
#include <QString>

#include <opencv2/core/mat.hpp>

#include "app/gui/filters/filter_request.h"
#include "core/common/job_control.h"
#include "core/common/kernel.h"
#include "core/imaging/filter_options.h"

namespace convscope::gui {

class ImageBufferPool;

/// The worker's compute step, shared with the benchmarks and with synchronous exports so that all three
/// measure and produce exactly the same thing: allocates the result QImage, wraps it as the engine's display
/// target (no copy), runs imaging::filterForDisplay, converts the picture for the views (toViewImage) and
/// returns the frame (generation 0, not a preview).
/// Any thread. Throws what filterForDisplay throws (std::invalid_argument, common::Cancelled).
/// With a `pool`, the QImages come from it (recycled buffers, see ImageBufferPool).
FilterFrame computeFilterFrame(const cv::Mat& src, const common::Kernel& kernel,
                               const imaging::FilterOptions& options, const imaging::DisplayOptions& display,
                               const common::JobControl& control = {}, ImageBufferPool* pool = nullptr);

/// Channels of the picture filterForDisplay draws for `src` under these options: 1 (grey) or 3 (BGR).
int displayChannels(const cv::Mat& src, const imaging::FilterOptions& options,
                    const imaging::DisplayOptions& display);

/// A copy of `src` whose longest side is at most `longestSide` (INTER_AREA, which averages rather than
/// aliases); `src` itself (shared, not copied) when it is small enough already.
cv::Mat reducedCopy(const cv::Mat& src, int longestSide);

/// An engine picture (Grayscale8 or BGR888) as RGB32, the format QPainter draws without converting, scaled
/// to `size` with nearest-neighbour sampling when given (a preview then shows its own pixels honestly, as
/// blocks, when zoomed in). Uses OpenCV's parallel conversion; any thread. Null for other formats.
QImage toViewImage(const QImage& picture, const QSize& size = {}, ImageBufferPool* pool = nullptr);

/// Writes a full-resolution frame: .tif/.tiff as its 32-bit float values, any other extension as its 8-bit
/// picture (imaging::saveImage picks the format). Returns an empty string on success, else the reason.
QString saveFrame(const FilterFrame& frame, const QString& path);

}  // namespace convscope::gui
