#pragma once

#include <QImage>
#include <QPointF>
#include <QRect>
#include <QString>
#include <QWidget>

#include "widgets/image/image_pyramid.h"

class QPainter;

namespace convscope::widgets {

/// Shows an image with zoom (wheel, around the cursor) and pan (left drag). Pixels are drawn as crisp squares
/// when magnified, smoothly when reduced. Optionally a second image is shown right of a draggable vertical
/// divider (split view), both at the same zoom and pan, and a rectangle in image coordinates can be
/// highlighted (e.g. the kernel footprint). Emits the image pixel under the cursor.
/// Keyboard: + and - zoom, 0 fits, 1 shows actual size, the arrow keys pan.
class ImageView : public QWidget {
    Q_OBJECT
public:
    explicit ImageView(QWidget* parent = nullptr);

    /// Replaces the image. Keeps zoom and pan when the size is unchanged; otherwise fits it to the view.
    void setImage(const QImage& image);
    QImage image() const { return m_image; }

    /// Split mode: `image` (same size as the main image) is drawn right of the divider.
    void setSecondaryImage(const QImage& image);
    QImage secondaryImage() const { return m_secondary; }
    void setSplitEnabled(bool enabled);
    bool splitEnabled() const { return m_splitEnabled; }
    /// Divider position as a fraction 0..1 of the widget width.
    void setSplitPosition(double fraction);
    double splitPosition() const { return m_splitPosition; }

    /// Text drawn in the top-left corner (e.g. "Original", "Result · preview"); empty hides it.
    void setCaption(const QString& caption);
    /// Captions for the two sides in split mode.
    void setSplitCaptions(const QString& left, const QString& right);
    /// Outline drawn around this rectangle of image pixels; an empty rect removes it.
    void setHighlight(const QRect& imageRect);
    /// Text drawn centred when there is no image.
    void setPlaceholderText(const QString& text);

    /// Zoom factor (screen pixels per image pixel) and the image point at the centre of the view.
    double zoom() const { return m_zoom; }
    QPointF center() const { return m_center; }
    /// Sets zoom and centre without emitting viewChanged (used to follow another view).
    void setView(double zoom, const QPointF& center);
    bool fitsWindow() const { return m_fit; }

    QPointF widgetToImage(const QPointF& p) const;
    QPointF imageToWidget(const QPointF& p) const;

    static constexpr double kMinZoom = 1.0 / 64.0;
    static constexpr double kMaxZoom = 64.0;

public Q_SLOTS:
    void zoomIn();
    void zoomOut();
    void zoomToFit();
    void zoomActualSize();

Q_SIGNALS:
    /// The user changed zoom or pan (wheel, drag, zoom slots). Not emitted by setView.
    void viewChanged(double zoom, QPointF center);
    /// The zoom changed for any reason: the user, setView, or refitting to a new size or image.
    void zoomChanged(double zoom);
    /// Image pixel under the cursor, or (-1, -1) when the cursor leaves the image.
    void hoveredPixel(QPoint imagePos);
    /// A click (press and release without dragging) on an image pixel.
    void clickedPixel(QPoint imagePos);
    /// The user dragged the divider (not emitted by setSplitPosition).
    void splitPositionChanged(double fraction);

protected:
    void paintEvent(QPaintEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    void zoomAround(double factor, const QPointF& widgetPos);
    double fitZoom() const;
    void setZoomValue(double zoom);
    void clampCenter();
    void emitView();
    void applyFit();
    void panBy(const QPointF& widgetDelta);
    QPoint pixelAt(const QPointF& widgetPos) const;
    void updateHover(const QPointF& widgetPos);
    void updateCursor(const QPointF& widgetPos);
    bool nearDivider(const QPointF& widgetPos) const;
    double dividerX() const;
    QPointF paintOrigin() const;
    QRectF paintRect(const QRectF& imageRect) const;
    void drawLayer(QPainter& painter, ImagePyramid& pyramid, const QRectF& clip);
    QRect visiblePixels(const QRectF& clip, const QSize& imageSize) const;

    QImage m_image;
    QImage m_secondary;
    QString m_caption;
    QString m_leftCaption;
    QString m_rightCaption;
    QString m_placeholder;
    QRect m_highlight;
    double m_zoom = 1.0;  ///< set through setZoomValue, which announces changes
    QPointF m_center;
    bool m_fit = true;
    bool m_splitEnabled = false;
    double m_splitPosition = 0.5;
    enum class Drag { None, Pan, Split } m_drag = Drag::None;
    QPointF m_pressPos;
    QPointF m_lastPos;
    bool m_moved = false;
    QPoint m_lastHover{-1, -1};
    ImagePyramid m_pyramid;
    ImagePyramid m_secondaryPyramid;
};

}  // namespace convscope::widgets
