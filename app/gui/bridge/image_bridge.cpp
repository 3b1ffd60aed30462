#include "app/gui/bridge/image_bridge.h"

#include <opencv2/core.hpp>

namespace convscope::gui::bridge {

QImage toQImage(const cv::Mat& mat) {
    if (mat.empty() || mat.depth() != CV_8U) return {};
    QImage::Format format;
    switch (mat.channels()) {
        case 1:
            format = QImage::Format_Grayscale8;
            break;
        case 3:
            format = QImage::Format_BGR888;
            break;
        case 4:
            format = QImage::Format_ARGB32;  // BGRA bytes on little-endian
            break;
        default:
            return {};
    }
    // Wrap with the Mat's stride, then copy once: the result owns its pixels.
    const QImage view(mat.data, mat.cols, mat.rows, static_cast<qsizetype>(mat.step), format);
    return view.copy();
}

QImage allocateImage(int width, int height, int channels) {
    return QImage(width, height, channels == 1 ? QImage::Format_Grayscale8 : QImage::Format_BGR888);
}

cv::Mat wrap(QImage& image) {
    if (image.isNull()) return {};
    const int type = image.format() == QImage::Format_Grayscale8 ? CV_8UC1
                     : image.format() == QImage::Format_BGR888   ? CV_8UC3
                                                                 : -1;
    if (type < 0) return {};
    uchar* bits = image.bits();  // detaches, so the Mat writes into this QImage only
    return cv::Mat(image.height(), image.width(), type, bits, static_cast<size_t>(image.bytesPerLine()));
}

cv::Mat toMat(const QImage& image) {
    if (image.isNull()) return {};
    if (image.isGrayscale()) {
        const QImage gray = image.convertToFormat(QImage::Format_Grayscale8);
        return cv::Mat(gray.height(), gray.width(), CV_8UC1, const_cast<uchar*>(gray.constBits()),
                       static_cast<size_t>(gray.bytesPerLine()))
            .clone();
    }
    const QImage bgr = image.convertToFormat(QImage::Format_BGR888);
    return cv::Mat(bgr.height(), bgr.width(), CV_8UC3, const_cast<uchar*>(bgr.constBits()),
                   static_cast<size_t>(bgr.bytesPerLine()))
        .clone();
}

}  // namespace convscope::gui::bridge
