#include "widgets/image/image_view.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

#include "widgets/image/view_overlays.h"

namespace convscope::widgets {

namespace {
constexpr double kWheelStep = 1.25;   // zoom factor per wheel notch and per zoomIn/zoomOut
constexpr double kClickSlop = 4.0;    // a press and release closer than this (Manhattan, px) is a click
constexpr double kGridZoom = 24.0;    // from here on the pixel grid is drawn
constexpr double kDividerGrab = 6.0;  // how close (px) the cursor must be to grab the divider
const QColor kBackground(0x3c, 0x3c, 0x3e);
const QColor kHighlight(255, 214, 0);

double clampZoom(double zoom) {
    if (!std::isfinite(zoom)) return 1.0;
    return std::clamp(zoom, ImageView::kMinZoom, ImageView::kMaxZoom);
}
}  // namespace

ImageView::ImageView(QWidget* parent) : QWidget(parent) {
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setMinimumSize(120, 90);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setAccessibleName(tr("Image view"));
    setAccessibleDescription(
        tr("Wheel or +/- to zoom, drag or arrow keys to pan, 0 to fit, 1 for actual size"));
}

void ImageView::setImage(const QImage& image) {
    const bool sizeChanged = image.size() != m_image.size();
    m_image = image;
    m_pyramid.setImage(image);
    if (!m_image.isNull() && (sizeChanged || m_fit)) {
        m_fit = true;
        applyFit();
    }
    if (m_image.isNull() && m_lastHover != QPoint(-1, -1)) {
        m_lastHover = QPoint(-1, -1);
        Q_EMIT hoveredPixel(m_lastHover);
    }
    update();
}

void ImageView::setSecondaryImage(const QImage& image) {
    m_secondary = image;
    m_secondaryPyramid.setImage(image);
    if (m_splitEnabled) update();
}

void ImageView::setSplitEnabled(bool enabled) {
    if (m_splitEnabled == enabled) return;
    m_splitEnabled = enabled;
    update();
}

void ImageView::setSplitPosition(double fraction) {
    if (!std::isfinite(fraction)) return;
    m_splitPosition = std::clamp(fraction, 0.0, 1.0);
    if (m_splitEnabled) update();
}

void ImageView::setCaption(const QString& caption) {
    m_caption = caption;
    update();
}

void ImageView::setSplitCaptions(const QString& left, const QString& right) {
    m_leftCaption = left;
    m_rightCaption = right;
    update();
}

void ImageView::setHighlight(const QRect& imageRect) {
    if (m_highlight == imageRect) return;
    m_highlight = imageRect;
    update();
}

void ImageView::setPlaceholderText(const QString& text) {
    m_placeholder = text;
    if (m_image.isNull()) update();
}

void ImageView::setView(double zoom, const QPointF& center) {
    setZoomValue(clampZoom(zoom));
    m_center = center;
    m_fit = false;
    clampCenter();
    update();
}

QPointF ImageView::widgetToImage(const QPointF& p) const {
    const QPointF widgetCenter(width() / 2.0, height() / 2.0);
    return (p - widgetCenter) / m_zoom + m_center;
}

QPointF ImageView::imageToWidget(const QPointF& p) const {
    const QPointF widgetCenter(width() / 2.0, height() / 2.0);
    return (p - m_center) * m_zoom + widgetCenter;
}

void ImageView::zoomIn() {
    if (!m_image.isNull()) zoomAround(kWheelStep, QPointF(width() / 2.0, height() / 2.0));
}

void ImageView::zoomOut() {
    if (!m_image.isNull()) zoomAround(1.0 / kWheelStep, QPointF(width() / 2.0, height() / 2.0));
}

void ImageView::zoomToFit() {
    if (m_image.isNull()) return;
    m_fit = true;
    applyFit();
    update();
    emitView();
}

void ImageView::zoomActualSize() {
    if (m_image.isNull()) return;
    setZoomValue(1.0);
    m_fit = false;
    clampCenter();
    update();
    emitView();
}

void ImageView::zoomAround(double factor, const QPointF& widgetPos) {
    const double zoom = clampZoom(m_zoom * factor);
    if (zoom == m_zoom) return;
    // Keep the image point under widgetPos where it is: solve widgetToImage(widgetPos) == before for
    // m_center.
    const QPointF before = widgetToImage(widgetPos);
    setZoomValue(zoom);
    m_center = before - (widgetPos - QPointF(width() / 2.0, height() / 2.0)) / m_zoom;
    m_fit = false;
    clampCenter();
    update();
    emitView();
}

double ImageView::fitZoom() const {
    if (m_image.isNull() || width() <= 0 || height() <= 0) return 1.0;
    return clampZoom(std::min(double(width()) / m_image.width(), double(height()) / m_image.height()));
}

void ImageView::applyFit() {
    setZoomValue(fitZoom());
    m_center = QPointF(m_image.width() / 2.0, m_image.height() / 2.0);
}

void ImageView::setZoomValue(double zoom) {
    if (zoom == m_zoom) return;
    m_zoom = zoom;
    Q_EMIT zoomChanged(m_zoom);
}

void ImageView::clampCenter() {
    // The centre stays on the image, so some of it is always in view and a lost image cannot happen.
    m_center.setX(std::clamp(m_center.x(), 0.0, double(std::max(0, m_image.width()))));
    m_center.setY(std::clamp(m_center.y(), 0.0, double(std::max(0, m_image.height()))));
}

void ImageView::emitView() {
    Q_EMIT viewChanged(m_zoom, m_center);
}

void ImageView::panBy(const QPointF& widgetDelta) {
    m_center -= widgetDelta / m_zoom;
    m_fit = false;
    clampCenter();
    update();
    emitView();
}

QPoint ImageView::pixelAt(const QPointF& widgetPos) const {
    if (m_image.isNull()) return {-1, -1};
    const QPointF p = widgetToImage(widgetPos);
    const int x = static_cast<int>(std::floor(p.x()));
    const int y = static_cast<int>(std::floor(p.y()));
    if (x < 0 || y < 0 || x >= m_image.width() || y >= m_image.height()) return {-1, -1};
    return {x, y};
}

void ImageView::updateHover(const QPointF& widgetPos) {
    const QPoint pixel = pixelAt(widgetPos);
    if (pixel == m_lastHover) return;
    m_lastHover = pixel;
    Q_EMIT hoveredPixel(pixel);
}

double ImageView::dividerX() const {
    return std::round(m_splitPosition * width());
}

bool ImageView::nearDivider(const QPointF& widgetPos) const {
    return m_splitEnabled && !m_image.isNull() && std::abs(widgetPos.x() - dividerX()) <= kDividerGrab;
}

void ImageView::updateCursor(const QPointF& widgetPos) {
    if (m_drag == Drag::Split || nearDivider(widgetPos)) {
        setCursor(Qt::SplitHCursor);
    } else if (m_drag == Drag::Pan && m_moved) {
        setCursor(Qt::ClosedHandCursor);
    } else if (pixelAt(widgetPos) != QPoint(-1, -1)) {
        setCursor(Qt::CrossCursor);  // precise pixel picking is the main use of hovering
    } else {
        unsetCursor();
    }
}

void ImageView::wheelEvent(QWheelEvent* event) {
    const QPoint delta = event->angleDelta();
    const int steps = delta.y() != 0 ? delta.y() : delta.x();
    if (m_image.isNull() || steps == 0) {
        event->ignore();
        return;
    }
    // Fractional notches (high-resolution wheels, touchpads) zoom proportionally.
    zoomAround(std::pow(kWheelStep, steps / 120.0), event->position());
    event->accept();
}

void ImageView::mousePressEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton || m_image.isNull()) {
        QWidget::mousePressEvent(event);
        return;
    }
    m_pressPos = event->position();
    m_lastPos = m_pressPos;
    m_moved = false;
    m_drag = nearDivider(m_pressPos) ? Drag::Split : Drag::Pan;
    updateCursor(m_pressPos);
    event->accept();
}

void ImageView::mouseMoveEvent(QMouseEvent* event) {
    const QPointF pos = event->position();
    if (m_drag == Drag::Split) {
        m_moved = true;
        const double fraction = width() > 0 ? std::clamp(pos.x() / width(), 0.0, 1.0) : 0.5;
        if (fraction != m_splitPosition) {
            m_splitPosition = fraction;
            update();
            Q_EMIT splitPositionChanged(m_splitPosition);
        }
    } else if (m_drag == Drag::Pan) {
        // Panning starts only past the click slop, so a slightly shaky click does not nudge the view.
        if (!m_moved && (pos - m_pressPos).manhattanLength() >= kClickSlop) m_moved = true;
        if (m_moved) {
            panBy(pos - m_lastPos);
            m_lastPos = pos;
        }
    }
    if (m_drag != Drag::Split) updateHover(pos);
    updateCursor(pos);
    event->accept();
}

void ImageView::mouseReleaseEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton || m_drag == Drag::None) {
        QWidget::mouseReleaseEvent(event);
        return;
    }
    const QPointF pos = event->position();
    const bool click = m_drag == Drag::Pan && !m_moved && (pos - m_pressPos).manhattanLength() < kClickSlop;
    m_drag = Drag::None;
    m_moved = false;
    if (click) {
        const QPoint pixel = pixelAt(pos);
        if (pixel != QPoint(-1, -1)) Q_EMIT clickedPixel(pixel);
    }
    updateCursor(pos);
    event->accept();
}

void ImageView::leaveEvent(QEvent* event) {
    if (m_lastHover != QPoint(-1, -1)) {
        m_lastHover = QPoint(-1, -1);
        Q_EMIT hoveredPixel(m_lastHover);
    }
    QWidget::leaveEvent(event);
}

void ImageView::resizeEvent(QResizeEvent* event) {
    if (m_fit && !m_image.isNull()) applyFit();
    QWidget::resizeEvent(event);
}

void ImageView::keyPressEvent(QKeyEvent* event) {
    if (m_image.isNull()) {
        QWidget::keyPressEvent(event);
        return;
    }
    const double step = std::max(16.0, std::min(width(), height()) / 8.0);
    switch (event->key()) {
        case Qt::Key_Plus:
        case Qt::Key_Equal:
            zoomIn();
            break;
        case Qt::Key_Minus:
            zoomOut();
            break;
        case Qt::Key_0:
            zoomToFit();
            break;
        case Qt::Key_1:
            zoomActualSize();
            break;
        case Qt::Key_Left:
            panBy(QPointF(step, 0));
            break;
        case Qt::Key_Right:
            panBy(QPointF(-step, 0));
            break;
        case Qt::Key_Up:
            panBy(QPointF(0, step));
            break;
        case Qt::Key_Down:
            panBy(QPointF(0, -step));
            break;
        default:
            QWidget::keyPressEvent(event);
            return;
    }
    event->accept();
}

QPointF ImageView::paintOrigin() const {
    // Snap the image origin to whole device pixels so magnified pixels get sharp, evenly placed edges.
    const double dpr = devicePixelRatioF();
    const QPointF origin = imageToWidget(QPointF(0, 0));
    return QPointF(std::round(origin.x() * dpr) / dpr, std::round(origin.y() * dpr) / dpr);
}

QRectF ImageView::paintRect(const QRectF& imageRect) const {
    const QPointF origin = paintOrigin();
    return QRectF(origin + imageRect.topLeft() * m_zoom, imageRect.size() * m_zoom);
}

void ImageView::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.fillRect(rect(), kBackground);
    if (m_image.isNull()) {
        drawPlaceholderText(painter, rect(), m_placeholder);
        return;
    }
    const QRectF all(0, 0, width(), height());
    if (m_splitEnabled) {
        const double x = dividerX();
        const QRectF left(0, 0, x, height());
        const QRectF right(x, 0, width() - x, height());
        drawLayer(painter, m_pyramid, left);
        if (!m_secondaryPyramid.isNull()) drawLayer(painter, m_secondaryPyramid, right);
        if (m_zoom >= kGridZoom)
            drawPixelGrid(painter, paintOrigin(), m_zoom, visiblePixels(all, m_image.size()));
        if (!m_highlight.isEmpty()) drawHighlightOutline(painter, paintRect(QRectF(m_highlight)), kHighlight);
        drawSplitDivider(painter, x, height());
        const QString leftText = m_leftCaption.isEmpty() ? m_caption : m_leftCaption;
        drawCaptionBox(painter, font(), leftText, left, Qt::AlignLeft);
        drawCaptionBox(painter, font(), m_rightCaption, right, Qt::AlignRight);
    } else {
        drawLayer(painter, m_pyramid, all);
        if (m_zoom >= kGridZoom)
            drawPixelGrid(painter, paintOrigin(), m_zoom, visiblePixels(all, m_image.size()));
        if (!m_highlight.isEmpty()) drawHighlightOutline(painter, paintRect(QRectF(m_highlight)), kHighlight);
        drawCaptionBox(painter, font(), m_caption, all, Qt::AlignLeft);
    }
}

void ImageView::drawLayer(QPainter& painter, ImagePyramid& pyramid, const QRectF& clip) {
    const QImage& base = pyramid.base();
    if (base.isNull() || clip.isEmpty()) return;
    // Only the source pixels that land inside `clip` are handed to QPainter: a 12-megapixel image at high
    // zoom then costs no more than a small one.
    const QRect pixels = visiblePixels(clip, base.size());
    if (pixels.isEmpty()) return;
    painter.save();
    painter.setClipRect(clip);
    if (m_zoom >= 1.0) {
        painter.setRenderHint(QPainter::SmoothPixmapTransform, false);
        painter.drawImage(paintRect(QRectF(pixels)), base, pixels);
    } else {
        const QImage& level = pyramid.levelFor(m_zoom * devicePixelRatioF());
        const double sx = double(level.width()) / base.width();
        const double sy = double(level.height()) / base.height();
        const QRect source(QPoint(int(std::floor(pixels.left() * sx)), int(std::floor(pixels.top() * sy))),
                           QPoint(int(std::ceil((pixels.right() + 1) * sx)) - 1,
                                  int(std::ceil((pixels.bottom() + 1) * sy)) - 1));
        const QRectF sourceInImage(source.x() / sx, source.y() / sy, source.width() / sx,
                                   source.height() / sy);
        painter.setRenderHint(QPainter::SmoothPixmapTransform, true);
        painter.drawImage(paintRect(sourceInImage), level, source);
    }
    painter.restore();
}

QRect ImageView::visiblePixels(const QRectF& clip, const QSize& imageSize) const {
    const QPointF origin = paintOrigin();
    const QRectF visible = QRectF((clip.topLeft() - origin) / m_zoom, clip.size() / m_zoom)
                               .intersected(QRectF(QPointF(0, 0), QSizeF(imageSize)));
    if (visible.isEmpty()) return {};
    return QRect(QPoint(int(std::floor(visible.left())), int(std::floor(visible.top()))),
                 QPoint(int(std::ceil(visible.right())) - 1, int(std::ceil(visible.bottom())) - 1));
}

}  // namespace convscope::widgets
