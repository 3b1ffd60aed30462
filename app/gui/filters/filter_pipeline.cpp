#include "app/gui/filters/filter_pipeline.h"

#include <QElapsedTimer>
#include <QFileInfo>

#include <algorithm>
#include <cmath>
#include <exception>

#include <opencv2/imgproc.hpp>

#include "app/gui/bridge/image_bridge.h"
#include "app/gui/filters/image_buffer_pool.h"
#include "core/imaging/filter_engine.h"
#include "core/imaging/image_loader.h"

namespace convscope::gui {

int displayChannels(const cv::Mat& src, const imaging::FilterOptions& options,
                    const imaging::DisplayOptions& display) {
    if (display.mode == imaging::SignedDisplay::Diverging) return 3;  // colormapped
    return (options.grayscale || src.channels() == 1) ? 1 : 3;
}

FilterFrame computeFilterFrame(const cv::Mat& src, const common::Kernel& kernel,
                               const imaging::FilterOptions& options, const imaging::DisplayOptions& display,
                               const common::JobControl& control, ImageBufferPool* pool) {
    QElapsedTimer timer;
    timer.start();
    FilterFrame frame;
    const int channels = displayChannels(src, options, display);
    frame.display = pool ? pool->acquire(src.cols, src.rows,
                                         channels == 1 ? QImage::Format_Grayscale8 : QImage::Format_BGR888)
                         : bridge::allocateImage(src.cols, src.rows, channels);
    cv::Mat target = bridge::wrap(frame.display);
    imaging::FilterOutput out = imaging::filterForDisplay(src, kernel, options, display, control, &target);
    // The engine writes into `target` when its size and type fit; if it ever had to allocate its own
    // picture instead, take that one (a copy), so the frame shows what the engine produced.
    if (out.display.data != target.data) frame.display = bridge::toQImage(out.display);
    frame.view = toViewImage(frame.display, {}, pool);
    frame.values = std::make_shared<const cv::Mat>(std::move(out.values));
    frame.range = out.range;
    frame.computedSize = QSize(src.cols, src.rows);
    frame.imageSize = frame.computedSize;
    frame.milliseconds = static_cast<double>(timer.nsecsElapsed()) / 1e6;
    frame.fft = imaging::resolveFilterMethod(src, kernel, options) == imaging::FilterMethod::Fft;
    return frame;
}

cv::Mat reducedCopy(const cv::Mat& src, int longestSide) {
    const int side = std::max(src.cols, src.rows);
    if (side <= longestSide || side == 0) return src;
    const double scale = static_cast<double>(longestSide) / side;
    const cv::Size size(std::max(1, static_cast<int>(std::lround(src.cols * scale))),
                        std::max(1, static_cast<int>(std::lround(src.rows * scale))));
    cv::Mat reduced;
    cv::resize(src, reduced, size, 0, 0, cv::INTER_AREA);
    return reduced;
}

QImage toViewImage(const QImage& picture, const QSize& size, ImageBufferPool* pool) {
    if (picture.format() != QImage::Format_Grayscale8 && picture.format() != QImage::Format_BGR888) return {};
    // Read-only header over the picture: constBits() does not detach.
    const bool gray = picture.format() == QImage::Format_Grayscale8;
    const cv::Mat from(picture.height(), picture.width(), gray ? CV_8UC1 : CV_8UC3,
                       const_cast<uchar*>(picture.constBits()), static_cast<size_t>(picture.bytesPerLine()));
    // RGB32 is B, G, R, 0xff in memory on little-endian machines: OpenCV's BGRA with opaque alpha.
    static_assert(Q_BYTE_ORDER == Q_LITTLE_ENDIAN, "RGB32 byte order assumed little-endian");
    const QSize target = size.isValid() ? size : picture.size();
    QImage view = pool ? pool->acquire(target.width(), target.height(), QImage::Format_RGB32)
                       : QImage(target, QImage::Format_RGB32);
    cv::Mat to(view.height(), view.width(), CV_8UC4, view.bits(), static_cast<size_t>(view.bytesPerLine()));
    if (target == picture.size()) {
        cv::cvtColor(from, to, gray ? cv::COLOR_GRAY2BGRA : cv::COLOR_BGR2BGRA);
    } else {
        cv::Mat small;
        cv::cvtColor(from, small, gray ? cv::COLOR_GRAY2BGRA : cv::COLOR_BGR2BGRA);
        cv::resize(small, to, to.size(), 0, 0, cv::INTER_NEAREST);
    }
    return view;
}

QString saveFrame(const FilterFrame& frame, const QString& path) {
    if (!frame.isValid()) return QStringLiteral("There is no result to save.");
    const QString suffix = QFileInfo(path).suffix().toLower();
    try {
        if (suffix == QStringLiteral("tif") || suffix == QStringLiteral("tiff")) {
            imaging::saveImage(path.toStdString(), *frame.values);
        } else {
            // A read-only header over the picture (Grayscale8 or BGR888, the order imwrite expects).
            const QImage& picture = frame.display;
            const cv::Mat pixels(picture.height(), picture.width(),
                                 picture.format() == QImage::Format_Grayscale8 ? CV_8UC1 : CV_8UC3,
                                 const_cast<uchar*>(picture.constBits()),
                                 static_cast<size_t>(picture.bytesPerLine()));
            imaging::saveImage(path.toStdString(), pixels);
        }
    } catch (const std::exception& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

}  // namespace convscope::gui
