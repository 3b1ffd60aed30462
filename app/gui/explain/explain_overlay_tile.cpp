#include "app/gui/explain/explain_overlay_tile.h"

#include <QMouseEvent>
#include <QPainter>
#include <algorithm>

namespace convscope::gui {

namespace {
constexpr int kTileMargin = 4;
}

ExplainOverlayTile::ExplainOverlayTile(int side, QWidget* parent) : QWidget(parent), m_side(side) {
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
}

void ExplainOverlayTile::setPicture(const QImage& overlay, int rows, int cols, const QString& title,
                                    const QString& subtitle, const QString& toolTip) {
    m_image = overlay;
    m_rows = rows;
    m_cols = cols;
    m_title = title;
    m_subtitle = subtitle;
    setToolTip(toolTip);
    setAccessibleName(title);
    setAccessibleDescription(subtitle);
    updateGeometry();
    update();
}

void ExplainOverlayTile::clear(const QString& title) {
    setPicture({}, 0, 0, title, {}, {});
    m_markRow = m_markCol = -1;
}

void ExplainOverlayTile::setSelected(bool selected) {
    if (selected == m_selected) return;
    m_selected = selected;
    update();
}

void ExplainOverlayTile::setMarkedCell(int row, int col) {
    if (row == m_markRow && col == m_markCol) return;
    m_markRow = row;
    m_markCol = col;
    update();
}

int ExplainOverlayTile::textHeight() const {
    // Two lines: the title and its display convention.
    return 2 * fontMetrics().height() + kTileMargin;
}

int ExplainOverlayTile::tileWidth() const {
    // As wide as the image or the longer caption, so that "|gradient|, scaled to max 0.21" is never cut.
    QFont bold = font();
    bold.setBold(true);
    const int text =
        std::max(QFontMetrics(bold).horizontalAdvance(m_title), fontMetrics().horizontalAdvance(m_subtitle));
    return std::max(m_side, text + 2) + 2 * kTileMargin;
}

QRect ExplainOverlayTile::imageRect() const {
    return QRect((tileWidth() - m_side) / 2, kTileMargin, m_side, m_side);
}

QPoint ExplainOverlayTile::cellCenter(int row, int col) const {
    const QRect r = imageRect();
    if (m_rows <= 0 || m_cols <= 0) return r.center();
    return QPoint(r.left() + int((col + 0.5) * r.width() / m_cols),
                  r.top() + int((row + 0.5) * r.height() / m_rows));
}

QSize ExplainOverlayTile::sizeHint() const {
    return QSize(tileWidth(), m_side + 2 * kTileMargin + textHeight());
}

void ExplainOverlayTile::paintEvent(QPaintEvent* event) {
    Q_UNUSED(event);
    QPainter p(this);
    const QRect image = imageRect();
    if (m_selected) {
        p.setPen(Qt::NoPen);
        p.setBrush(palette().color(QPalette::Highlight));
        p.drawRect(image.adjusted(-3, -3, 3, 3));
    }
    if (m_image.isNull()) {
        p.fillRect(image, palette().color(QPalette::Mid));
    } else {
        // Sharp input pixels: the overlay already holds each pixel as a block.
        p.drawImage(image, m_image);
    }
    if (m_markRow >= 0 && m_markCol >= 0 && m_rows > 0 && m_cols > 0) {
        const double cw = double(image.width()) / m_cols, ch = double(image.height()) / m_rows;
        const QRectF cell(image.left() + m_markCol * cw, image.top() + m_markRow * ch, cw, ch);
        // White over black: visible on dark background pixels and on bright map colours alike.
        p.setBrush(Qt::NoBrush);
        p.setPen(QPen(Qt::black, 3));
        p.drawRect(cell);
        p.setPen(QPen(Qt::white, 1));
        p.drawRect(cell);
    }
    const QFontMetrics fm = fontMetrics();
    QFont bold = font();
    bold.setBold(true);
    const int width = tileWidth();
    QRect line(0, image.bottom() + kTileMargin, width, fm.height());
    p.setPen(palette().color(QPalette::WindowText));
    p.setFont(bold);
    p.drawText(line, Qt::AlignHCenter | Qt::AlignTop,
               QFontMetrics(bold).elidedText(m_title, Qt::ElideRight, width));
    p.setFont(font());
    line.translate(0, fm.height());
    p.drawText(line, Qt::AlignHCenter | Qt::AlignTop, fm.elidedText(m_subtitle, Qt::ElideRight, width));
}

void ExplainOverlayTile::mouseMoveEvent(QMouseEvent* event) {
    const QRect image = imageRect();
    int row = -1, col = -1;
    const QPoint pos = event->position().toPoint();
    if (m_rows > 0 && m_cols > 0 && image.contains(pos)) {
        col = std::clamp((pos.x() - image.left()) * m_cols / image.width(), 0, m_cols - 1);
        row = std::clamp((pos.y() - image.top()) * m_rows / image.height(), 0, m_rows - 1);
    }
    if (row != m_hoverRow || col != m_hoverCol) {
        m_hoverRow = row;
        m_hoverCol = col;
        Q_EMIT cellHovered(row, col);
    }
    QWidget::mouseMoveEvent(event);
}

void ExplainOverlayTile::mousePressEvent(QMouseEvent* event) {
    if (event->button() == Qt::LeftButton) Q_EMIT clicked();
    QWidget::mousePressEvent(event);
}

void ExplainOverlayTile::leaveEvent(QEvent* event) {
    if (m_hoverRow >= 0) {
        m_hoverRow = m_hoverCol = -1;
        Q_EMIT cellHovered(-1, -1);
    }
    QWidget::leaveEvent(event);
}

}  // namespace convscope::gui
