#include "app/gui/document/image_document.h"

#include "app/gui/bridge/image_bridge.h"

namespace convscope::gui {

ImageDocument::ImageDocument(QObject* parent) : QObject(parent) {}

void ImageDocument::setImage(const cv::Mat& pixels, const QString& sourcePath, const QString& displayName) {
    m_pixels = pixels;
    m_qimage = bridge::toQImage(pixels);
    m_path = sourcePath;
    m_name = displayName;
    Q_EMIT imageChanged();
}

QString ImageDocument::pixelText(int x, int y) const {
    if (m_pixels.empty() || x < 0 || y < 0 || x >= m_pixels.cols || y >= m_pixels.rows) return {};
    if (m_pixels.channels() == 1) return QString::number(m_pixels.ptr<uchar>(y)[x]);
    const uchar* p = m_pixels.ptr<uchar>(y) + 3 * x;
    return QStringLiteral("R %1 G %2 B %3").arg(p[2]).arg(p[1]).arg(p[0]);
}

}  // namespace convscope::gui
