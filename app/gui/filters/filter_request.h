#pragma once

#include <QImage>
#include <QMetaType>
#include <QSize>
#include <QString>

#include <memory>

#include <opencv2/core/mat.hpp>

#include "core/common/kernel.h"
#include "core/imaging/filter_engine.h"
#include "core/imaging/filter_options.h"

namespace convscope::gui {

/// One filtering job for the FilterController: the image (a shared, never-modified cv::Mat header, see
/// ImageDocument), the kernel and the options.
struct FilterRequest {
    cv::Mat image;  ///< CV_8UC1 or CV_8UC3 (BGR)
    common::Kernel kernel;
    imaging::FilterOptions options;
    imaging::DisplayOptions display;
    /// Large images first get a quick result on a reduced copy; false computes the full resolution only.
    bool allowPreview = true;
    /// Scale the preview's view image up to the image's size (the split view needs both sides equal);
    /// otherwise it stays at the reduced size and the views scale it, which is much cheaper.
    bool previewAtImageSize = false;
};

/// One result as the views use it: the picture (already a QImage, rendered into by the engine), the exact
/// float values (shared, never copied; only the panel reads them) and the true range of those values.
struct FilterFrame {
    quint64 generation = 0;
    /// Computed on a reduced copy of the image: `display`, `values` and `range` are the reduced copy's.
    bool preview = false;
    /// The engine's 8-bit picture (Grayscale8, or BGR888 in the engine's channel order), for export and the
    /// clipboard.
    QImage display;
    /// The same picture as RGB32, the format QPainter draws directly, converted on the worker so the GUI
    /// thread does not have to; for previews possibly scaled up to imageSize (FilterRequest).
    QImage view;
    std::shared_ptr<const cv::Mat> values;  ///< CV_32FC1 or CV_32FC3 (BGR), computedSize
    imaging::ValueRange range;
    QSize computedSize;         ///< size of the image that was actually filtered
    QSize imageSize;            ///< size of the request's image (equals computedSize unless preview)
    double milliseconds = 0.0;  ///< filtering, range and rendering, as measured on the worker
    bool fft = false;  ///< filtered through the FFT (the cost model's choice), not by direct summation

    bool isValid() const { return !display.isNull() && !view.isNull() && values != nullptr; }
};

/// The "all filters" grid: every preset with its default parameters on a reduced copy of the image.
struct AllFiltersRequest {
    cv::Mat image;
    imaging::FilterOptions options;
    /// Only Diverging is taken from it: every tile is stretched to its own range, |v| to 0..max|v| for
    /// signed results (or the diverging colormap), min..max for non-negative ones.
    imaging::DisplayOptions display;
    int maxSide = 512;  ///< the reduced copy's longest side
};

/// One tile of the "all filters" grid; `error` is set instead of `frame` when that preset failed.
struct FilterTileResult {
    quint64 generation = 0;
    int index = 0;  ///< position in imaging::kernelPresets()
    FilterFrame frame;
    QString error;
};

}  // namespace convscope::gui

Q_DECLARE_METATYPE(convscope::gui::FilterRequest)
Q_DECLARE_METATYPE(convscope::gui::FilterFrame)
Q_DECLARE_METATYPE(convscope::gui::AllFiltersRequest)
Q_DECLARE_METATYPE(convscope::gui::FilterTileResult)
