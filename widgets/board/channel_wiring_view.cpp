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

QColor ChannelWiringView::groupColor(int group) {
    return kGroupColors[std::max(0, group) % int(std::size(kGroupColors))];
}

void ChannelWiringView::setWiring(const ChannelWiring& wiring) {
    // The Convolution panel sets the wiring on every step, and it changes only with the output channel: a
    // repaint of a wide layer's hundreds of curves per step would slow playback down.
    const ChannelWiring& o = m_wiring;
    if (wiring.inChannels == o.inChannels && wiring.outChannels == o.outChannels &&
        wiring.groups == o.groups && wiring.oneToOne == o.oneToOne && wiring.highlightOut == o.highlightOut &&
        wiring.caption == o.caption && wiring.shuffle == o.shuffle)
        return;
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
    if (!w.shuffle.isEmpty()) {
        QVector<int> sorted = w.shuffle;
        std::sort(sorted.begin(), sorted.end());
        bool permutation = sorted.size() == w.outChannels;
        for (int i = 0; permutation && i < sorted.size(); ++i) permutation = sorted[i] == i;
        if (!permutation)
            return tr("The channel shuffle must reorder all %1 output channels").arg(w.outChannels);
    }
    return {};
}

bool ChannelWiringView::drawsShuffle() const {
    return !m_wiring.shuffle.isEmpty() && !m_wiring.oneToOne && m_wiring.outChannels <= kMaxSlots &&
           problem().isEmpty();
}

QRectF ChannelWiringView::shuffledBox(int position) const {
    return position >= 0 && position < m_shuffledBoxes.size() ? m_shuffledBoxes[position] : QRectF();
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
                               (drawsShuffle() ? kCaptionLines + 2 : kCaptionLines) * fm.lineSpacing());
        captionRect = QRect(area.left(), area.bottom() - h + 1, area.width(), h);
        painter.setPen(kText);
        painter.drawText(captionRect, Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap, w.caption);
    }
    const int bottom = captionRect.isNull() ? area.bottom() : captionRect.top() - 10;

    // Column headers with the full counts, so that a thinned column still says how many channels it has.
    // Two columns, or three when the shuffle after the layer is drawn (in → out → shuffled): then narrower
    // boxes (the "more" text only when a column is thinned), short headers and no input group labels, which
    // leaves room for the brackets of the next layer's groups on the right.
    const bool shuffled = drawsShuffle();
    const bool thinned = w.inChannels > kMaxSlots || w.outChannels > kMaxSlots;
    const int boxW =
        std::max(
            fm.horizontalAdvance(QStringLiteral("out %1").arg(w.outChannels - 1)),
            !shuffled || thinned
                ? fm.horizontalAdvance(QStringLiteral("⋮ %1 more").arg(std::max(w.inChannels, w.outChannels)))
                : fm.horizontalAdvance(QStringLiteral("in %1").arg(w.inChannels - 1))) +
        14;
    int span = std::clamp(area.width() - 2 * boxW - 140, 60, kMaxSpan);
    int leftX = area.center().x() - span / 2 - boxW;
    if (shuffled) {
        const int reserve = fm.horizontalAdvance(tr("g%1").arg(w.groups - 1)) + 18;
        span = std::clamp((area.width() - 3 * boxW - reserve) / 2, 24, kMaxSpan);
        leftX = area.left() + std::max(0, (area.width() - reserve - 3 * boxW - 2 * span) / 2);
    }
    const int rightX = leftX + boxW + span;
    const int shuffleX = rightX + boxW + span;
    const int headerH = fm.height() + 8;
    painter.setPen(kMuted);
    const QString inHeader = shuffled            ? tr("%1 in").arg(w.inChannels)
                             : w.inChannels == 1 ? tr("1 input channel")
                                                 : tr("%1 input channels").arg(w.inChannels);
    const QString outHeader = shuffled             ? tr("%1 out").arg(w.outChannels)
                              : w.outChannels == 1 ? tr("1 output channel")
                                                   : tr("%1 output channels").arg(w.outChannels);
    const int headerW = shuffled ? boxW + span - 4 : 240;
    painter.drawText(QRect(leftX + boxW / 2 - headerW / 2, area.top(), headerW, headerH),
                     Qt::AlignHCenter | Qt::AlignTop, inHeader);
    painter.drawText(QRect(rightX + boxW / 2 - headerW / 2, area.top(), headerW, headerH),
                     Qt::AlignHCenter | Qt::AlignTop, outHeader);
    if (shuffled)
        painter.drawText(QRect(shuffleX + boxW / 2 - headerW / 2, area.top(), headerW, headerH),
                         Qt::AlignHCenter | Qt::AlignTop,
                         fm.elidedText(tr("shuffled"), Qt::ElideRight, headerW));
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
    m_shuffledBoxes.clear();
    if (shuffled) paintShuffle(painter, outSlots, rightX, shuffleX, top, outSlotH, boxW);
}

void ChannelWiringView::paintShuffle(QPainter& painter, const QVector<int>& outSlots, int outX, int shuffleX,
                                     int top, double slotH, int boxW) const {
    const QVector<int>& order = m_wiring.shuffle;
    const int n = order.size();
    m_shuffledBoxes.fill(QRectF(), n);
    const int boxH = std::clamp(int(slotH) - 4, kMinBox, kMaxBox);
    const bool highlight = m_wiring.highlightOut >= 0;
    // Edges from each output channel to its place after the shuffle, in the colour of the group it came from.
    for (int pass = 0; pass < 2; ++pass) {
        for (int i = 0; i < n; ++i) {
            const int ko = outSlots.indexOf(order[i]);
            if (ko < 0) continue;
            const bool bold = highlight && order[i] == m_wiring.highlightOut;
            if (bold != (pass == 1)) continue;
            QColor color = groupColor(groupOfOutput(order[i]));
            color.setAlpha(bold ? 255 : highlight ? 110 : 180);
            painter.setPen(QPen(color, bold ? 2.4 : 1.4));
            const double yo = slotCentre(top, slotH, ko);
            const double yi = slotCentre(top, slotH, i);
            const double x0 = outX + boxW;
            const double x1 = shuffleX;
            const double mid = (x0 + x1) / 2.0;
            QPainterPath path(QPointF(x0, yo));
            path.cubicTo(QPointF(mid, yo), QPointF(mid, yi), QPointF(x1, yi));
            painter.drawPath(path);
        }
    }
    for (int i = 0; i < n; ++i) {
        const QRectF box(shuffleX, slotCentre(top, slotH, i) - boxH / 2.0, boxW, boxH);
        m_shuffledBoxes[i] = box;
        const QColor color = groupColor(groupOfOutput(order[i]));
        const bool current = highlight && order[i] == m_wiring.highlightOut;
        painter.setBrush(mix(color, Qt::white, current ? 0.45 : 0.75));
        painter.setPen(current ? QPen(kHighlight, 2.5) : QPen(color, 1.2));
        painter.drawRoundedRect(box.adjusted(0.5, 0.5, -0.5, -0.5), 3, 3);
        painter.setPen(kText);
        painter.drawText(box, Qt::AlignCenter, tr("out %1").arg(order[i]));
    }
    painter.setBrush(Qt::NoBrush);
    // What the next grouped convolution (same g) reads: bracket g (group g of the next layer) holds one
    // channel of every group of this one.
    const int groups = std::max(1, m_wiring.groups);
    const int per = n / groups;
    for (int g = 0; g < groups && per > 0; ++g) {
        const double y0 = slotCentre(top, slotH, g * per) - boxH / 2.0;
        const double y1 = slotCentre(top, slotH, (g + 1) * per - 1) + boxH / 2.0;
        const double bx = shuffleX + boxW + 6;
        painter.setPen(QPen(kMuted, 2));
        painter.drawLine(QPointF(bx, y0), QPointF(bx, y1));
        const QString label = tr("g%1").arg(g);
        const int lw = painter.fontMetrics().horizontalAdvance(label) + 4;
        painter.setPen(kText);
        painter.drawText(QRectF(bx + 6, (y0 + y1) / 2.0 - 10, lw, 20), Qt::AlignLeft | Qt::AlignVCenter,
                         label);
    }
}

void ChannelWiringView::paintColumn(QPainter& painter, const QVector<int>& entries, bool inputs, int x,
                                    int top, double slotH, int boxW) const {
    const QFontMetrics fm = fontMetrics();
    const int boxH = std::clamp(int(slotH) - 4, kMinBox, kMaxBox);
    QFont font = painter.font();
    if (boxH < fm.height() + 2) font.setPixelSize(std::max(7, boxH - 2));
    painter.setFont(font);
    // With the shuffle drawn there is no room for the labels; the box colours still say the group.
    const bool groupLabels =
        !m_wiring.oneToOne && m_wiring.groups > 1 && m_wiring.groups <= 16 && !drawsShuffle();
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
