#pragma once

#include <QImage>
#include <QVector>

namespace convscope::widgets {

/// Successive half-size copies of an image, built on demand, so that a reduced view of a large image can be
/// painted from a level with about as many pixels as the screen shows instead of re-scaling the full image on
/// every paint. Level 0 is the image itself; the others are 2x2 box averages in RGB32 (ARGB32 premultiplied
/// when the image has alpha).
class ImagePyramid {
public:
    void setImage(const QImage& image);
    bool isNull() const { return m_levels.isEmpty(); }
    const QImage& base() const;
    /// The smallest level that still has at least `pixelsPerImagePixel` pixels per image pixel (level 0 when
    /// the value is 1 or more). Builds the missing levels.
    const QImage& levelFor(double pixelsPerImagePixel);
    void clear() { m_levels.clear(); }

private:
    QVector<QImage> m_levels;
};

}  // namespace convscope::widgets
