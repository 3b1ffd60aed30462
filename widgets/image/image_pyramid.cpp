#include "widgets/image/image_pyramid.h"

#include <algorithm>

namespace convscope::widgets {

namespace {
// Formats read directly by halve(); anything else is converted once.
bool readable(QImage::Format format) {
    return format == QImage::Format_RGB32 || format == QImage::Format_ARGB32_Premultiplied ||
           format == QImage::Format_RGB888 || format == QImage::Format_Grayscale8;
}

template <typename Fetch>
void halveInto(const QImage& src, QImage& dst, Fetch fetch) {
    const int w = src.width();
    const int h = src.height();
    for (int y = 0; y < dst.height(); ++y) {
        const uchar* top = src.constScanLine(2 * y);
        const uchar* bottom = src.constScanLine(std::min(2 * y + 1, h - 1));
        auto* out = reinterpret_cast<QRgb*>(dst.scanLine(y));
        for (int x = 0; x < dst.width(); ++x) {
            const int x0 = 2 * x;
            const int x1 = std::min(x0 + 1, w - 1);
            const QRgb p[4] = {fetch(top, x0), fetch(top, x1), fetch(bottom, x0), fetch(bottom, x1)};
            int r = 2, g = 2, b = 2, a = 2;  // +2: round to nearest on the division by 4
            for (QRgb q : p) {
                r += qRed(q);
                g += qGreen(q);
                b += qBlue(q);
                a += qAlpha(q);
            }
            out[x] = qRgba(r / 4, g / 4, b / 4, a / 4);
        }
    }
}

// A 2x2 box average. Much faster than QImage::scaled(SmoothTransformation) and, followed by at most a 2x
// bilinear reduction when painting, free of aliasing. Premultiplied pixels average correctly.
QImage halve(const QImage& image) {
    QImage src = image;
    if (!readable(src.format())) {
        src = src.convertToFormat(src.hasAlphaChannel() ? QImage::Format_ARGB32_Premultiplied
                                                        : QImage::Format_RGB32);
    }
    const bool alpha = src.format() == QImage::Format_ARGB32_Premultiplied;
    QImage dst(std::max(1, (src.width() + 1) / 2), std::max(1, (src.height() + 1) / 2),
               alpha ? QImage::Format_ARGB32_Premultiplied : QImage::Format_RGB32);
    switch (src.format()) {
        case QImage::Format_RGB888:
            halveInto(src, dst, [](const uchar* line, int x) {
                return qRgb(line[3 * x], line[3 * x + 1], line[3 * x + 2]);
            });
            break;
        case QImage::Format_Grayscale8:
            halveInto(src, dst, [](const uchar* line, int x) { return qRgb(line[x], line[x], line[x]); });
            break;
        default:
            halveInto(src, dst,
                      [](const uchar* line, int x) { return reinterpret_cast<const QRgb*>(line)[x]; });
            break;
    }
    return dst;
}
}  // namespace

void ImagePyramid::setImage(const QImage& image) {
    // Level 0 is kept in its own format: QPainter converts only the visible part, and a full conversion of
    // a 12-megapixel preview on every update would cost more than the painting itself.
    m_levels.clear();
    if (!image.isNull()) m_levels.push_back(image);
}

const QImage& ImagePyramid::base() const {
    static const QImage empty;
    return m_levels.isEmpty() ? empty : m_levels.front();
}

const QImage& ImagePyramid::levelFor(double pixelsPerImagePixel) {
    if (m_levels.isEmpty()) return base();
    int wanted = 0;
    double scale = 1.0;
    // Stop at a level that still has at least as many pixels as the screen shows, so the final smooth
    // reduction in QPainter is never more than 2x (bilinear filtering stays alias-free).
    while (scale * 0.5 >= pixelsPerImagePixel) {
        scale *= 0.5;
        ++wanted;
    }
    while (m_levels.size() <= wanted) {
        const QImage& last = m_levels.back();
        if (last.width() <= 1 && last.height() <= 1) break;
        m_levels.push_back(halve(last));
    }
    return m_levels.at(std::min(wanted, static_cast<int>(m_levels.size()) - 1));
}

}  // namespace convscope::widgets
