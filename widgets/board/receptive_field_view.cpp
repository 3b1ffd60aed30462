#include "widgets/board/receptive_field_view.h"

#include <QMouseEvent>
#include <QPaintEvent>
#include <QPainter>
#include <QPolygonF>
#include <algorithm>
#include <cmath>
#include <limits>

#include "widgets/common/number_text.h"

namespace convscope::widgets {

namespace {
constexpr int kMargin = 12;
constexpr double kMaxCell = 44.0;
constexpr int kMinRow = 14;
constexpr int kMaxRow = 30;
constexpr int kMinGap = 12;
constexpr int kMaxGap = 64;
constexpr int kLabelCell = 18;     // units at least this wide carry their index
constexpr int kBorderCell = 6;     // narrower units are drawn without borders
const QColor kAccent(230, 97, 0);  // the selected unit and its cone, as on the convolution board
const QColor kSpanFill(253, 208, 162);
const QColor kUnitFill(226, 231, 238);
const QColor kUnitBorder(150, 155, 162);
const QColor kPaddingBorder(150, 150, 150);
const QColor kText(35, 35, 35);
const QColor kMuted(110, 110, 110);

QString indexText(int index) {
    return withTypographicMinus(QString::number(index));
}

QString fieldText(int pixels) {
    return ReceptiveFieldView::tr("RF = %1 px").arg(pixels);
}

// The units a level draws: 0..size-1 plus the padding positions the selected cone reaches.
int lowestUnit(const FieldLevel& level) {
    return std::min(0, level.first);
}
int highestUnit(const FieldLevel& level) {
    return std::max(level.size - 1, level.last);
}
}  // namespace

ReceptiveFieldView::ReceptiveFieldView(QWidget* parent) : QWidget(parent) {
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    setAccessibleName(tr("Receptive field"));
}

void ReceptiveFieldView::setLevels(const QVector<FieldLevel>& levels, int selectedUnit) {
    m_levels = levels;
    // Levels without units cannot be drawn or clicked; they are kept out rather than trusted.
    m_levels.erase(
        std::remove_if(m_levels.begin(), m_levels.end(), [](const FieldLevel& l) { return l.size <= 0; }),
        m_levels.end());
    m_selected = selectedUnit;
    updateGeometry();
    update();
}

ReceptiveFieldView::Geometry ReceptiveFieldView::geometry() const {
    Geometry g;
    const QFontMetrics fm = fontMetrics();
    const QRect area = rect().adjusted(kMargin, kMargin, -kMargin, -kMargin);
    QFont bold = font();
    bold.setBold(true);
    const QFontMetrics bfm(bold);  // the top level's name is bold
    int nameW = 0;
    int fieldW = 0;
    for (const FieldLevel& level : m_levels) {
        nameW = std::max(nameW, bfm.horizontalAdvance(level.name) + 4);
        fieldW = std::max(fieldW, fm.horizontalAdvance(fieldText(level.receptiveField)) + 4);
    }
    nameW = std::min(nameW, std::max(60, area.width() / 4)) + 12;
    fieldW += 12;
    g.header = QRect(area.left(), area.top(), area.width(), fm.height() + 4);
    g.names = QRect(area.left(), 0, nameW - 12, 0);
    const int plotLeft = area.left() + nameW;
    const int plotRight = area.right() + 1 - fieldW;
    g.fields = QRect(plotRight + 12, 0, fieldW - 12, 0);

    // Unit u of a level sits at u − (size−1)/2 around a common centre, so that a valid convolution's output
    // lines up with the middle of the inputs it reads.
    double lo = std::numeric_limits<double>::infinity();
    double hi = -lo;
    for (const FieldLevel& level : m_levels) {
        const double centre = (level.size - 1) / 2.0;
        lo = std::min(lo, lowestUnit(level) - centre - 0.5);
        hi = std::max(hi, highestUnit(level) - centre + 0.5);
    }
    if (!(hi > lo)) return g;
    g.cell = std::min(kMaxCell, std::max(1, plotRight - plotLeft) / (hi - lo));
    if (g.cell >= 4.0) g.cell = std::floor(g.cell);  // whole pixels keep the borders crisp
    g.originX = (plotLeft + plotRight) / 2.0 - (lo + hi) / 2.0 * g.cell;

    const int n = m_levels.size();
    g.rowH = std::clamp(int(g.cell), kMinRow, kMaxRow);
    const int availH = area.bottom() + 1 - g.header.bottom() - 8;
    const int gap = n > 1 ? std::clamp((availH - n * g.rowH) / (n - 1), kMinGap, kMaxGap) : 0;
    const int total = n * g.rowH + (n - 1) * gap;
    const int top = g.header.bottom() + 8 + std::max(0, (availH - total) / 2);
    g.rowTop.resize(n);
    for (int level = 0; level < n; ++level) g.rowTop[level] = top + (n - 1 - level) * (g.rowH + gap);
    return g;
}

double ReceptiveFieldView::unitLeft(const Geometry& g, int level, int unit) const {
    const double centre = (m_levels[level].size - 1) / 2.0;
    return g.originX + (unit - centre - 0.5) * g.cell;
}

QRectF ReceptiveFieldView::unitRect(int level, int unit) const {
    if (level < 0 || level >= m_levels.size()) return {};
    const Geometry g = geometry();
    if (g.cell <= 0.0) return {};
    return QRectF(unitLeft(g, level, unit), g.rowTop[level], g.cell, g.rowH);
}

QSize ReceptiveFieldView::sizeHint() const {
    const int n = std::max(1, int(m_levels.size()));
    return {640, 2 * kMargin + fontMetrics().height() + 12 + n * kMaxRow + (n - 1) * 48};
}

QSize ReceptiveFieldView::minimumSizeHint() const {
    const int n = std::max(1, int(m_levels.size()));
    return {300, 2 * kMargin + fontMetrics().height() + 12 + n * kMinRow + (n - 1) * kMinGap};
}

void ReceptiveFieldView::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    const QFontMetrics fm = fontMetrics();
    if (m_levels.isEmpty()) {
        painter.setPen(kMuted);
        painter.drawText(rect(), Qt::AlignCenter, tr("No layers to show"));
        return;
    }
    const Geometry g = geometry();
    if (g.cell <= 0.0) return;
    const int n = m_levels.size();
    const FieldLevel& top = m_levels.last();
    const FieldLevel& input = m_levels.first();

    painter.setPen(kText);
    const QString header =
        tr("%1, unit %2, sees input units %3 to %4 (RF = %5 px) · click a unit of the top row to choose "
           "another")
            .arg(top.name, indexText(m_selected), indexText(input.first), indexText(input.last))
            .arg(top.receptiveField);
    painter.drawText(g.header, Qt::AlignLeft | Qt::AlignVCenter,
                     fm.elidedText(header, Qt::ElideRight, g.header.width()));

    // The cone: from each level's span down to the span below it.
    painter.setRenderHint(QPainter::Antialiasing, true);
    QColor coneFill = kAccent;
    coneFill.setAlpha(45);
    QColor coneEdge = kAccent;
    coneEdge.setAlpha(130);
    painter.setPen(QPen(coneEdge, 1));
    painter.setBrush(coneFill);
    for (int level = n - 1; level >= 1; --level) {
        const FieldLevel& upper = m_levels[level];
        const FieldLevel& lower = m_levels[level - 1];
        if (upper.first > upper.last || lower.first > lower.last) continue;
        const double yUp = g.rowTop[level] + g.rowH;
        const double yLow = g.rowTop[level - 1];
        const QPolygonF cone({QPointF(unitLeft(g, level, upper.first), yUp),
                              QPointF(unitLeft(g, level, upper.last) + g.cell, yUp),
                              QPointF(unitLeft(g, level - 1, lower.last) + g.cell, yLow),
                              QPointF(unitLeft(g, level - 1, lower.first), yLow)});
        painter.drawPolygon(cone);
    }
    painter.setBrush(Qt::NoBrush);
    painter.setRenderHint(QPainter::Antialiasing, false);
    for (int level = 0; level < n; ++level) paintLevel(painter, g, level);
}

void ReceptiveFieldView::paintLevel(QPainter& painter, const Geometry& g, int level) const {
    const FieldLevel& l = m_levels[level];
    const bool isTop = level == m_levels.size() - 1;
    const int y = g.rowTop[level];
    QFont bold = font();
    bold.setBold(isTop);
    painter.setFont(bold);
    painter.setPen(kText);
    const QRect nameRect(g.names.left(), y, g.names.width(), g.rowH);
    painter.drawText(nameRect, Qt::AlignRight | Qt::AlignVCenter,
                     QFontMetrics(bold).elidedText(l.name, Qt::ElideRight, nameRect.width()));
    painter.setFont(font());
    painter.drawText(QRect(g.fields.left(), y, g.fields.width(), g.rowH), Qt::AlignLeft | Qt::AlignVCenter,
                     fieldText(l.receptiveField));

    auto unitFill = [&](int u) {
        if (isTop && u == m_selected) return kAccent;
        return (u >= l.first && u <= l.last) ? kSpanFill : kUnitFill;
    };
    if (g.cell < 2.0) {
        // Too many units for cells: the row as one bar with the span (and the selection) marked on it.
        const QRectF row(unitLeft(g, level, 0), y, l.size * g.cell, g.rowH);
        painter.fillRect(row, kUnitFill);
        if (l.first <= l.last) {
            const double x0 = unitLeft(g, level, l.first);
            const QRectF span(x0, y, std::max(2.0, (l.last - l.first + 1) * g.cell), g.rowH);
            painter.fillRect(span, isTop ? kAccent : kSpanFill);
        }
        painter.setPen(QPen(kUnitBorder, 0));
        painter.drawRect(row);
        if (lowestUnit(l) < 0 || highestUnit(l) >= l.size) {
            painter.setPen(QPen(kPaddingBorder, 1, Qt::DashLine));
            const double x0 = unitLeft(g, level, lowestUnit(l));
            painter.drawRect(QRectF(x0, y, (highestUnit(l) - lowestUnit(l) + 1) * g.cell, g.rowH - 1));
        }
        return;
    }
    QFont small = font();
    small.setPixelSize(std::clamp(int(g.cell * 0.42), 8, 11));
    painter.setFont(small);
    for (int u = lowestUnit(l); u <= highestUnit(l); ++u) {
        const QRectF cell(unitLeft(g, level, u), y, g.cell, g.rowH);
        const bool padding = u < 0 || u >= l.size;
        if (padding) {
            // Padding positions exist only for the computation: dashed, empty.
            painter.setPen(QPen(kPaddingBorder, 1, Qt::DashLine));
            painter.drawRect(cell.adjusted(1, 1, -2, -2));
        } else {
            painter.fillRect(cell, unitFill(u));
            if (g.cell >= kBorderCell) {
                painter.setPen(QPen(kUnitBorder, 0));
                painter.drawRect(cell.adjusted(0, 0, -1, -1));
            }
        }
        if (g.cell >= kLabelCell) {
            painter.setPen(padding ? kMuted : (isTop && u == m_selected) ? QColor(Qt::white) : kText);
            painter.drawText(cell, Qt::AlignCenter, indexText(u));
        }
    }
    if (g.cell < kBorderCell) {  // borderless units: one frame around the row shows where it ends
        painter.setPen(QPen(kUnitBorder, 0));
        painter.drawRect(QRectF(unitLeft(g, level, 0), y, l.size * g.cell, g.rowH - 1));
    }
}

void ReceptiveFieldView::mousePressEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton || m_levels.isEmpty()) {
        QWidget::mousePressEvent(event);
        return;
    }
    const Geometry g = geometry();
    const int top = m_levels.size() - 1;
    const QPointF pos = event->position();
    if (g.cell > 0.0 && pos.y() >= g.rowTop[top] && pos.y() < g.rowTop[top] + g.rowH) {
        const double centre = (m_levels[top].size - 1) / 2.0;
        const double u = std::floor((pos.x() - g.originX) / g.cell + centre + 0.5);
        if (u >= 0 && u < m_levels[top].size) Q_EMIT unitClicked(int(u));
    }
    event->accept();
}

}  // namespace convscope::widgets
