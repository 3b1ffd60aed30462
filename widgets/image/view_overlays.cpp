#include "widgets/image/view_overlays.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>

namespace convscope::widgets {

void drawCaptionBox(QPainter& painter, const QFont& font, const QString& text, const QRectF& area,
                    Qt::Alignment align) {
    if (text.isEmpty()) return;
    const QFontMetricsF fm(font);
    const double margin = 8.0;
    const double padX = 6.0;
    const double padY = 3.0;
    const double maxText = area.width() - 2 * margin - 2 * padX;
    if (maxText < fm.averageCharWidth() * 3) return;
    const QString shown = fm.elidedText(text, Qt::ElideRight, maxText);
    const QSizeF box(fm.horizontalAdvance(shown) + 2 * padX, fm.height() + 2 * padY);
    const double left = (align & Qt::AlignRight) ? area.right() - margin - box.width() : area.left() + margin;
    const QRectF boxRect(QPointF(left, area.top() + margin), box);
    painter.save();
    painter.setFont(font);
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(0, 0, 0, 160));
    painter.drawRoundedRect(boxRect, 4, 4);
    painter.setPen(Qt::white);
    painter.drawText(boxRect, Qt::AlignCenter, shown);
    painter.restore();
}

void drawHighlightOutline(QPainter& painter, QRectF rect, const QColor& color) {
    const double minSide = 6.0;
    if (rect.width() < minSide)
        rect.adjust(-(minSide - rect.width()) / 2, 0, (minSide - rect.width()) / 2, 0);
    if (rect.height() < minSide) {
        rect.adjust(0, -(minSide - rect.height()) / 2, 0, (minSide - rect.height()) / 2);
    }
    // A 2 px pen centred 1 px outside the rectangle covers exactly the two pixel rows around it, so the
    // highlighted pixels themselves stay visible.
    const QRectF ring = rect.adjusted(-1, -1, 1, 1);
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, false);
    painter.setBrush(Qt::NoBrush);
    painter.setPen(QPen(QColor(0, 0, 0, 170), 4, Qt::SolidLine, Qt::SquareCap, Qt::MiterJoin));
    painter.drawRect(ring);
    painter.setPen(QPen(color, 2, Qt::SolidLine, Qt::SquareCap, Qt::MiterJoin));
    painter.drawRect(ring);
    painter.restore();
}

void drawSplitDivider(QPainter& painter, double x, double height) {
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setPen(QPen(QColor(0, 0, 0, 150), 4));
    painter.drawLine(QPointF(x, 0), QPointF(x, height));
    painter.setPen(QPen(Qt::white, 2));
    painter.drawLine(QPointF(x, 0), QPointF(x, height));
    // The grip: a pill with two arrows saying "drag me sideways".
    const QRectF grip(x - 11, height / 2.0 - 22, 22, 44);
    painter.setPen(QPen(QColor(0, 0, 0, 170), 1));
    painter.setBrush(Qt::white);
    painter.drawRoundedRect(grip, 11, 11);
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(60, 60, 60));
    const double cy = grip.center().y();
    QPainterPath arrows;
    arrows.moveTo(x - 2, cy - 7);
    arrows.lineTo(x - 8, cy);
    arrows.lineTo(x - 2, cy + 7);
    arrows.closeSubpath();
    arrows.moveTo(x + 2, cy - 7);
    arrows.lineTo(x + 8, cy);
    arrows.lineTo(x + 2, cy + 7);
    arrows.closeSubpath();
    painter.drawPath(arrows);
    painter.restore();
}

void drawPixelGrid(QPainter& painter, const QPointF& origin, double zoom, const QRect& pixels) {
    if (pixels.isEmpty()) return;
    const double left = origin.x() + pixels.left() * zoom;
    const double right = origin.x() + (pixels.right() + 1) * zoom;
    const double top = origin.y() + pixels.top() * zoom;
    const double bottom = origin.y() + (pixels.bottom() + 1) * zoom;
    painter.save();
    // Mid grey at low opacity stays visible on both dark and bright pixels without hiding them; a cosmetic
    // pen is one device pixel wide at any scale factor.
    painter.setPen(QPen(QColor(128, 128, 128, 110), 0));
    for (int x = pixels.left(); x <= pixels.right() + 1; ++x) {
        const double wx = origin.x() + x * zoom;
        painter.drawLine(QPointF(wx, top), QPointF(wx, bottom));
    }
    for (int y = pixels.top(); y <= pixels.bottom() + 1; ++y) {
        const double wy = origin.y() + y * zoom;
        painter.drawLine(QPointF(left, wy), QPointF(right, wy));
    }
    painter.restore();
}

void drawPlaceholderText(QPainter& painter, const QRect& rect, const QString& text) {
    if (text.isEmpty()) return;
    painter.save();
    painter.setPen(QColor(205, 205, 205));
    painter.drawText(rect.adjusted(24, 24, -24, -24), Qt::AlignCenter | Qt::TextWordWrap, text);
    painter.restore();
}

}  // namespace convscope::widgets
