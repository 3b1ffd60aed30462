#include "widgets/board/channel_wiring_view.h"

#include <QPaintEvent>
#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>

namespace convscope::widgets {

namespace {
constexpr int kMargin = 12;
constexpr int kMaxSlots = 24;  // boxes per side before the column is thinned
constexpr int kEnds = 10;      // channels kept at each end of a thinned column
constexpr int kMaxChannels = 1 << 20;
constexpr int kMaxBox = 26;
constexpr int kMinBox = 9;
constexpr int kCaptionLines = 3;
constexpr int kMaxSpan = 420;  // edges longer than this only spread the drawing thin
// Tableau 10: distinguishable qualitative colours that stay readable as thin lines on white.
const QColor kGroupColors[] = {{78, 121, 167}, {242, 142, 43}, {225, 87, 89},   {118, 183, 178},
                               {89, 161, 79},  {237, 201, 72}, {176, 122, 161}, {255, 157, 167},
                               {156, 117, 95}, {186, 176, 172}};
const QColor kText(35, 35, 35);
const QColor kMuted(110, 110, 110);
const QColor kHighlight(25, 25, 25);

QColor groupColor(int group) {
    return kGroupColors[std::max(0, group) % int(std::size(kGroupColors))];
}

QColor mix(const QColor& a, const QColor& b, double t) {
    return QColor(int(std::lround(a.red() + (b.red() - a.red()) * t)),
                  int(std::lround(a.green() + (b.green() - a.green()) * t)),
                  int(std::lround(a.blue() + (b.blue() - a.blue()) * t)));
}

// The rows of one column: channel numbers, or −n for an ellipsis standing for n hidden channels. Long columns
// keep both ends and the channels in `keep` (those of the highlighted step).
QVector<int> slotsFor(int count, QVector<int> keep) {
    QVector<int> entries;
    if (count <= kMaxSlots) {
        for (int c = 0; c < count; ++c) entries << c;
        return entries;
    }
    for (int c = 0; c < kEnds; ++c) keep << c << count - 1 - c;
    keep.erase(std::remove_if(keep.begin(), keep.end(), [count](int c) { return c < 0 || c >= count; }),
               keep.end());
    std::sort(keep.begin(), keep.end());
    keep.erase(std::unique(keep.begin(), keep.end()), keep.end());
    int previous = -1;
    for (int c : std::as_const(keep)) {
        if (c - previous > 1) entries << -(c - previous - 1);
        entries << c;
        previous = c;
    }
    return entries;
}

double slotCentre(int top, double slotH, int k) {
    return top + (k + 0.5) * slotH;
}
}  // namespace

ChannelWiringView::ChannelWiringView(QWidget* parent) : QWidget(parent) {
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    setAccessibleName(tr("Channel wiring"));
}

void ChannelWiringView::setWiring(const ChannelWiring& wiring) {
    m_wiring = wiring;
    setAccessibleDescription(problem().isEmpty() ? wiring.caption : problem());
    updateGeometry();
    update();
}

QString ChannelWiringView::problem() const {
    const ChannelWiring& w = m_wiring;
    if (w.inChannels < 1 || w.outChannels < 1)
        return tr("Channel counts must be at least 1 (got %1 in, %2 out)")
            .arg(w.inChannels)
            .arg(w.outChannels);
    if (w.inChannels > kMaxChannels || w.outChannels > kMaxChannels)
        return tr("Too many channels to draw (at most %1 per side)").arg(kMaxChannels);
    if (w.oneToOne) {
        if (w.inChannels != w.outChannels)
            return tr("One-to-one wiring needs as many outputs as inputs (got %1 in, %2 out)")
                .arg(w.inChannels)
                .arg(w.outChannels);
        return {};
    }
    if (w.groups < 1) return tr("groups must be at least 1 (got %1)").arg(w.groups);
    if (w.inChannels % w.groups != 0 || w.outChannels % w.groups != 0)
        return tr("groups = %1 must divide both the %2 input and the %3 output channels")
            .arg(w.groups)
            .arg(w.inChannels)
            .arg(w.outChannels);
    return {};
}

int ChannelWiringView::edgeCount() const {
    if (!problem().isEmpty()) return 0;
    if (m_wiring.oneToOne) return m_wiring.inChannels;
    return m_wiring.inChannels / m_wiring.groups * m_wiring.outChannels;
}

int ChannelWiringView::groupOfInput(int channel) const {
    return m_wiring.oneToOne ? 0 : channel / (m_wiring.inChannels / m_wiring.groups);
}

int ChannelWiringView::groupOfOutput(int channel) const {
    return m_wiring.oneToOne ? 0 : channel / (m_wiring.outChannels / m_wiring.groups);
}

QSize ChannelWiringView::sizeHint() const {
    const int rows =
        std::max(std::min(m_wiring.inChannels, kMaxSlots + 2), std::min(m_wiring.outChannels, kMaxSlots + 2));
    const int h = 2 * kMargin + 2 * fontMetrics().height() + 12 + std::clamp(rows, 4, 30) * 24 +
                  kCaptionLines * fontMetrics().lineSpacing();
    return {440, std::min(h, 900)};
}

QSize ChannelWiringView::minimumSizeHint() const {
    return {240, 180};
}

void ChannelWiringView::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing, true);
    const QRect area = rect().adjusted(kMargin, kMargin, -kMargin, -kMargin);
    const QFontMetrics fm = fontMetrics();
    const QString message = problem();
    if (!message.isEmpty()) {
        painter.setPen(kMuted);
        painter.drawText(area, Qt::AlignCenter | Qt::TextWordWrap, message);
        return;
    }
    const ChannelWiring& w = m_wiring;

    // Caption at the bottom, wrapped onto at most a few lines.
    QRect captionRect;
    if (!w.caption.isEmpty()) {
        const int h = std::min(fm.boundingRect(area, Qt::TextWordWrap | Qt::AlignHCenter, w.caption).height(),
                               kCaptionLines * fm.lineSpacing());
        captionRect = QRect(area.left(), area.bottom() - h + 1, area.width(), h);
        painter.setPen(kText);
        painter.drawText(captionRect, Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap, w.caption);
    }
    const int bottom = captionRect.isNull() ? area.bottom() : captionRect.top() - 10;

    // Column headers with the full counts, so that a thinned column still says how many channels it has.
    const int boxW =
        std::max(
            fm.horizontalAdvance(QStringLiteral("out %1").arg(w.outChannels - 1)),
            fm.horizontalAdvance(QStringLiteral("⋮ %1 more").arg(std::max(w.inChannels, w.outChannels)))) +
        14;
    const int span = std::clamp(area.width() - 2 * boxW - 140, 60, kMaxSpan);
    const int leftX = area.center().x() - span / 2 - boxW;
    const int rightX = area.center().x() + span / 2;
    const int headerH = fm.height() + 8;
    painter.setPen(kMuted);
    const QString inHeader =
        w.inChannels == 1 ? tr("1 input channel") : tr("%1 input channels").arg(w.inChannels);
    const QString outHeader =
        w.outChannels == 1 ? tr("1 output channel") : tr("%1 output channels").arg(w.outChannels);
    painter.drawText(QRect(leftX + boxW / 2 - 120, area.top(), 240, headerH), Qt::AlignHCenter | Qt::AlignTop,
                     inHeader);
    painter.drawText(QRect(rightX + boxW / 2 - 120, area.top(), 240, headerH),
                     Qt::AlignHCenter | Qt::AlignTop, outHeader);
    const int top = area.top() + headerH;
    const int columnH = std::max(1, bottom - top);

    const bool highlight = w.highlightOut >= 0 && w.highlightOut < w.outChannels;
    QVector<int> keepIn;
    QVector<int> keepOut;
    if (highlight) {
        keepOut << w.highlightOut - 1 << w.highlightOut << w.highlightOut + 1;
        if (w.oneToOne) {
            keepIn = keepOut;
        } else {
            const int per = w.inChannels / w.groups;
            const int first = groupOfOutput(w.highlightOut) * per;
            keepIn << first << first + 1 << first + 2 << first + per - 1;
        }
    }
    const QVector<int> inSlots = slotsFor(w.inChannels, keepIn);
    const QVector<int> outSlots = slotsFor(w.outChannels, keepOut);
    const double inSlotH = double(columnH) / inSlots.size();
    const double outSlotH = double(columnH) / outSlots.size();

    // Edges first, the highlighted output's on top.
    for (int pass = 0; pass < 2; ++pass) {
        for (int ko = 0; ko < outSlots.size(); ++ko) {
            const int o = outSlots[ko];
            if (o < 0) continue;
            const bool bold = highlight && o == w.highlightOut;
            if (bold != (pass == 1)) continue;
            QColor color = groupColor(groupOfOutput(o));
            color.setAlpha(bold ? 255 : highlight ? 85 : 150);
            painter.setPen(QPen(color, bold ? 2.4 : 1.1));
            const double yo = slotCentre(top, outSlotH, ko);
            for (int ki = 0; ki < inSlots.size(); ++ki) {
                const int c = inSlots[ki];
                if (c < 0) continue;
                if (w.oneToOne ? c != o : groupOfInput(c) != groupOfOutput(o)) continue;
                const double yi = slotCentre(top, inSlotH, ki);
                const double x0 = leftX + boxW;
                const double x1 = rightX;
                const double mid = (x0 + x1) / 2.0;
                QPainterPath path(QPointF(x0, yi));
                path.cubicTo(QPointF(mid, yi), QPointF(mid, yo), QPointF(x1, yo));
                painter.drawPath(path);
            }
        }
    }
    paintColumn(painter, inSlots, true, leftX, top, inSlotH, boxW);
    paintColumn(painter, outSlots, false, rightX, top, outSlotH, boxW);
}

void ChannelWiringView::paintColumn(QPainter& painter, const QVector<int>& entries, bool inputs, int x,
                                    int top, double slotH, int boxW) const {
    const QFontMetrics fm = fontMetrics();
    const int boxH = std::clamp(int(slotH) - 4, kMinBox, kMaxBox);
    QFont font = painter.font();
    if (boxH < fm.height() + 2) font.setPixelSize(std::max(7, boxH - 2));
    painter.setFont(font);
    const bool groupLabels = !m_wiring.oneToOne && m_wiring.groups > 1 && m_wiring.groups <= 16;
    for (int k = 0; k < entries.size(); ++k) {
        const double y = slotCentre(top, slotH, k);
        const QRectF box(x, y - boxH / 2.0, boxW, boxH);
        const int c = entries[k];
        if (c < 0) {
            painter.setPen(kMuted);
            painter.drawText(box, Qt::AlignCenter, tr("⋮ %1 more").arg(-c));
            continue;
        }
        const int group = inputs ? groupOfInput(c) : groupOfOutput(c);
        const QColor color = groupColor(group);
        const bool current = !inputs && c == m_wiring.highlightOut;
        painter.setBrush(mix(color, Qt::white, current ? 0.45 : 0.75));
        painter.setPen(current ? QPen(kHighlight, 2.5) : QPen(color, 1.2));
        painter.drawRoundedRect(box.adjusted(0.5, 0.5, -0.5, -0.5), 3, 3);
        painter.setPen(kText);
        painter.drawText(box, Qt::AlignCenter, (inputs ? tr("in %1") : tr("out %1")).arg(c));
    }
    painter.setBrush(Qt::NoBrush);
    if (!groupLabels) return;

    // A coloured bracket and "group g" beside each group's visible boxes, outside the edges.
    for (int g = 0; g < m_wiring.groups; ++g) {
        int first = -1;
        int last = -1;
        for (int k = 0; k < entries.size(); ++k) {
            if (entries[k] < 0 || (inputs ? groupOfInput(entries[k]) : groupOfOutput(entries[k])) != g)
                continue;
            if (first < 0) first = k;
            last = k;
        }
        if (first < 0) continue;
        const double y0 = slotCentre(top, slotH, first) - boxH / 2.0;
        const double y1 = slotCentre(top, slotH, last) + boxH / 2.0;
        const double bx = inputs ? x - 6 : x + boxW + 6;
        painter.setPen(QPen(groupColor(g), 2));
        painter.drawLine(QPointF(bx, y0), QPointF(bx, y1));
        const QString label = tr("group %1").arg(g);
        const int lw = painter.fontMetrics().horizontalAdvance(label) + 4;
        const QRectF labelRect(inputs ? bx - 6 - lw : bx + 6, (y0 + y1) / 2.0 - 10, lw, 20);
        painter.setPen(groupColor(g).darker(130));
        painter.drawText(labelRect, (inputs ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter, label);
    }
}

}  // namespace convscope::widgets
