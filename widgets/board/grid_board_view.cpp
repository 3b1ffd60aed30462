#include "widgets/board/grid_board_view.h"

#include <QMouseEvent>
#include <QPainter>
#include <QTimer>
#include <QToolTip>
#include <algorithm>
#include <cmath>
#include <limits>

#include "widgets/board/channel_summary_painter.h"
#include "widgets/board/grid_board_painter.h"
#include "widgets/common/number_text.h"

namespace convscope::widgets {

namespace {
constexpr int kRepaintMs = 16;  // at most ~60 repaints a second however fast frames arrive
const QSize kLargestHint(1200, 900);
const QSize kMinimum(320, 200);

QString indexText(int index) {
    return withTypographicMinus(QString::number(index));
}

// Frames of one animation differ in values only; the layout (and so the size hint) changes with the planes.
bool sameShape(const GridBoardFrame& a, const GridBoardFrame& b) {
    if (a.planes.size() != b.planes.size() || a.channels.tiles.size() != b.channels.tiles.size())
        return false;
    for (int i = 0; i < a.planes.size(); ++i) {
        const GridPlane& p = a.planes[i];
        const GridPlane& q = b.planes[i];
        if (p.rows != q.rows || p.cols != q.cols || p.layoutRow != q.layoutRow || p.title != q.title ||
            p.showIndices != q.showIndices || p.operatorAfter != q.operatorAfter ||
            p.besideRows != q.besideRows || p.operatorBefore != q.operatorBefore)
            return false;
    }
    return true;
}
}  // namespace

GridBoardView::GridBoardView(QWidget* parent) : QWidget(parent) {
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setAccessibleName(tr("Convolution board"));
    m_repaint = new QTimer(this);
    m_repaint->setSingleShot(true);
    m_repaint->setInterval(kRepaintMs);
    connect(m_repaint, &QTimer::timeout, this, [this] {
        setAccessibleDescription(m_frame.status + QLatin1Char('\n') + m_frame.caption);
        update();
    });
}

void GridBoardView::setFrame(const GridBoardFrame& frame) {
    const bool reshaped = !sameShape(m_frame, frame);
    m_frame = frame;
    if (reshaped) {
        m_preferred = QSize();
        updateGeometry();
    }
    if (!m_repaint->isActive()) m_repaint->start();
}

QImage GridBoardView::render(const QSize& size) const {
    const QSize target = size.isEmpty() ? this->size() : size;
    if (target.isEmpty()) return {};
    QImage image(target, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter painter(&image);
    GridBoardPainter::paint(painter, image.rect(), m_frame);
    return image;
}

QSize GridBoardView::sizeHint() const {
    if (!m_preferred.isValid()) m_preferred = GridBoardPainter::preferredSize(m_frame);
    return m_preferred.boundedTo(kLargestHint).expandedTo(kMinimum);
}

QSize GridBoardView::minimumSizeHint() const {
    return kMinimum;
}

QString GridBoardView::toolTipAt(const QPoint& pos) const {
    const int tile = channelTileAt(pos);
    if (tile >= 0) return ChannelSummaryPainter::toolTip(m_frame.channels.tiles[tile]);
    int plane = -1;
    int row = -1;
    int col = -1;
    if (!GridBoardPainter::cellAt(rect(), m_frame, pos, &plane, &row, &col)) return {};
    const GridPlane& p = m_frame.planes[plane];
    const int i = row * p.cols + col;
    const double value = i < p.values.size() ? p.values[i] : std::numeric_limits<double>::quiet_NaN();
    const quint8 flags = i < p.flags.size() ? p.flags[i] : quint8(CellNone);
    const QString name = p.title.isEmpty() ? tr("Plane %1").arg(plane) : p.title;
    QString text =
        tr("%1 row %2, col %3: %4")
            .arg(name, indexText(p.firstRowIndex + row), indexText(p.firstColIndex + col),
                 std::isnan(value) ? tr("not computed yet") : withTypographicMinus(exactNumber(value)));
    QStringList notes;
    if (flags & CellPadded) notes << tr("padding");
    if (flags & CellInWindow) notes << tr("under the kernel window");
    if (flags & CellSkipped) notes << tr("skipped: a hole of the dilated kernel");
    if (flags & CellCurrent) notes << tr("being computed");
    if (flags & CellWinner) notes << tr("the maximum");
    if (flags & CellCropped) notes << tr("cropped by the padding");
    if (!notes.isEmpty()) text += QStringLiteral(" (") + notes.join(QStringLiteral(", ")) + QLatin1Char(')');
    return text;
}

int GridBoardView::channelTileAt(const QPoint& pos) const {
    const QRect strip = ChannelSummaryPainter::split(rect(), m_frame.channels, nullptr);
    return ChannelSummaryPainter::tileAt(strip, m_frame.channels, pos);
}

void GridBoardView::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    GridBoardPainter::paint(painter, rect(), m_frame);
}

void GridBoardView::mouseMoveEvent(QMouseEvent* event) {
    const QString tip = toolTipAt(event->position().toPoint());
    if (tip != toolTip()) {
        setToolTip(tip);
        // A tooltip already on screen follows the mouse from cell to cell instead of going stale.
        if (tip.isEmpty())
            QToolTip::hideText();
        else if (QToolTip::isVisible())
            QToolTip::showText(event->globalPosition().toPoint(), tip, this);
    }
    if (tip.isEmpty())
        unsetCursor();
    else
        setCursor(Qt::PointingHandCursor);
    QWidget::mouseMoveEvent(event);
}

void GridBoardView::mousePressEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton) {
        QWidget::mousePressEvent(event);
        return;
    }
    const int tile = channelTileAt(event->position().toPoint());
    if (tile >= 0) Q_EMIT channelClicked(m_frame.channels.tiles[tile].channel);
    int plane = -1;
    int row = -1;
    int col = -1;
    if (GridBoardPainter::cellAt(rect(), m_frame, event->position().toPoint(), &plane, &row, &col))
        Q_EMIT cellClicked(plane, row, col);
    event->accept();
}

}  // namespace convscope::widgets
