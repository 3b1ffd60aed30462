#include "widgets/image/pixel_inspector_view.h"

#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>
#include <algorithm>
#include <cmath>

#include "widgets/common/cell_tint.h"
#include "widgets/common/number_text.h"

namespace convscope::widgets {

namespace {
constexpr int kMargin = 8;
constexpr int kMinCell = 4;
constexpr int kNumberCell = 26;  // below this, cells keep their colours but lose their numbers
constexpr int kMaxCell = 60;
constexpr int kMaxSide = 255;  // the largest kernel side the engine accepts
constexpr int kDigits = 4;     // significant digits of numbers in cells and in the formula
const QColor kAnchor(255, 214, 0);

QString factor(double v) {
    const QString text = compactNumber(v, kDigits);
    return v < 0 ? QStringLiteral("(") + text + QStringLiteral(")") : text;
}

// The output value: integral sums keep one decimal ("24.0") to show that this is the exact real-valued
// result, before any rounding or clamping for display.
QString sumText(double sum) {
    if (std::isfinite(sum) && std::abs(sum) < 1e15 && sum == std::round(sum)) {
        return withTypographicMinus(QString::number(sum, 'f', 1));
    }
    return compactNumber(sum, 6);
}

// Integer advances are rounded; a little slack keeps text measured this way from being elided when drawn.
int textWidth(const QFontMetrics& fm, const QString& text) {
    return fm.horizontalAdvance(text) + 4;
}

int operatorWidth(const QFontMetrics& fm) {
    return fm.horizontalAdvance(QStringLiteral("=")) + 20;
}

QColor greyTint(double v, double lo, double hi) {
    const double t = hi > lo ? std::clamp((v - lo) / (hi - lo), 0.0, 1.0) : 0.5;
    const int g = static_cast<int>(std::lround(t * 255.0));
    return QColor(g, g, g);
}

double maxAbs(const QVector<double>& values) {
    double m = 0.0;
    for (double v : values) m = std::max(m, std::isfinite(v) ? std::abs(v) : 0.0);
    return m;
}
}  // namespace

PixelInspectorView::PixelInspectorView(QWidget* parent) : QWidget(parent) {
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    setAccessibleName(tr("Pixel inspector"));
}

void PixelInspectorView::setData(const PixelInspectorData& data) {
    if (data.rows <= 0 || data.cols <= 0 || data.rows > kMaxSide || data.cols > kMaxSide) {
        clear(tr("Nothing to inspect: the kernel is empty"));
        return;
    }
    m_data = data;
    // Arrays that do not match the size are padded rather than trusted, so painting never reads past them.
    const int n = data.rows * data.cols;
    m_data.inputs.resize(n);
    m_data.outside.resize(n);
    m_data.weights.resize(n);
    m_data.products.resize(n);
    m_hasData = true;
    m_message.clear();
    setAccessibleDescription(formulaText());
    updateGeometry();
    update();
}

void PixelInspectorView::clear(const QString& message) {
    m_hasData = false;
    m_data = PixelInspectorData{};
    m_message = message;
    setAccessibleDescription(message);
    updateGeometry();
    update();
}

QString PixelInspectorView::formulaText() const {
    if (!m_hasData) return {};
    QStringList terms;
    terms.reserve(m_data.inputs.size());
    for (int i = 0; i < m_data.inputs.size(); ++i) {
        terms << factor(m_data.inputs[i]) + QStringLiteral("·") + factor(m_data.weights[i]);
    }
    return QStringLiteral("Σ = ") + terms.join(QStringLiteral(" + ")) + QStringLiteral(" = ") +
           sumText(m_data.sum);
}

QString PixelInspectorView::elidedFormula(const QFontMetrics& fm, int width) const {
    const QString full = formulaText();
    if (fm.horizontalAdvance(full) <= width) return full;
    const QString tail = QStringLiteral(" + … = ") + sumText(m_data.sum);
    QString text = QStringLiteral("Σ = ");
    for (int i = 0; i < m_data.inputs.size(); ++i) {
        const QString term = (i ? QStringLiteral(" + ") : QString()) + factor(m_data.inputs[i]) +
                             QStringLiteral("·") + factor(m_data.weights[i]);
        if (fm.horizontalAdvance(text + term + tail) > width) break;
        text += term;
    }
    if (text == QStringLiteral("Σ = "))
        text = QStringLiteral("Σ = … = ") + sumText(m_data.sum);
    else
        text += tail;
    // Even the shortest form may not fit a very narrow view: then drop the start, never the result.
    return fm.elidedText(text, Qt::ElideLeft, width);
}

QStringList PixelInspectorView::titles() const {
    QString input = tr("Input (%1, %2)").arg(m_data.x).arg(m_data.y);
    if (!m_data.channel.isEmpty()) input += QStringLiteral(" · ") + m_data.channel;
    return {input, tr("Kernel (as applied)"), tr("Products")};
}

int PixelInspectorView::preferredCell() const {
    const QFontMetrics fm(font());
    int widest = 0;
    for (const QVector<double>* values : {&m_data.inputs, &m_data.weights, &m_data.products}) {
        for (double v : *values) widest = std::max(widest, fm.horizontalAdvance(compactNumber(v, kDigits)));
    }
    return std::clamp(widest + 10, kNumberCell, kMaxCell);
}

int PixelInspectorView::textLineCount() const {
    return std::any_of(m_data.outside.cbegin(), m_data.outside.cend(), [](bool o) { return o; }) ? 3 : 2;
}

PixelInspectorView::Geometry PixelInspectorView::geometry() const {
    Geometry g;
    const QFontMetrics fm(font());
    QFont bold = font();
    bold.setBold(true);
    const QFontMetrics bfm(bold);
    const QStringList names = titles();
    const int opW = operatorWidth(fm);
    const int lineH = fm.height() + 4;
    const int titleH = bfm.height() + 6;
    const int availW = width() - 2 * kMargin;
    const int availH = height() - 2 * kMargin - titleH - 10 - textLineCount() * lineH;
    const int cols = m_data.cols;
    const int rows = m_data.rows;
    const int cellW = (availW - 2 * opW) / (3 * cols);
    const int cellH = availH / rows;
    g.cell = std::clamp(std::min({cellW, cellH, preferredCell()}), kMinCell, kMaxCell);

    const int gridW = cols * g.cell;
    const int gridH = rows * g.cell;
    int colW[3];
    int total = 2 * opW;
    for (int i = 0; i < 3; ++i) {
        colW[i] = std::max(gridW, textWidth(bfm, names[i]));
        total += colW[i];
    }
    if (total > availW) {  // titles give way (they are elided), grids keep their size
        const int share = std::max(gridW, (availW - 2 * opW) / 3);
        total = 2 * opW;
        for (int& w : colW) {
            w = std::min(w, share);
            total += w;
        }
    }
    int x = kMargin + std::max(0, (availW - total) / 2);
    const int gridTop = kMargin + titleH;
    for (int i = 0; i < 3; ++i) {
        g.titles[i] = QRect(x, kMargin, colW[i], titleH - 4);
        g.grids[i] = QRect(x + (colW[i] - gridW) / 2, gridTop, gridW, gridH);
        x += colW[i];
        if (i < 2) g.operators[i] = QPointF(x + opW / 2.0, gridTop + gridH / 2.0);
        x += opW;
    }
    int y = gridTop + gridH + 10;
    g.formula = QRect(kMargin, y, availW, lineH);
    g.mode = g.formula.translated(0, lineH);
    if (textLineCount() == 3) g.legend = g.mode.translated(0, lineH);
    return g;
}

QSize PixelInspectorView::sizeHint() const {
    if (!m_hasData) return {420, 200};
    const QFontMetrics fm(font());
    QFont bold = font();
    bold.setBold(true);
    const QFontMetrics bfm(bold);
    const int cell = preferredCell();
    int w = 2 * kMargin + 2 * operatorWidth(fm);
    for (const QString& title : titles()) w += std::max(m_data.cols * cell, textWidth(bfm, title));
    const int h =
        2 * kMargin + bfm.height() + 6 + m_data.rows * cell + 10 + textLineCount() * (fm.height() + 4);
    return {std::min(w, 960), std::min(h, 720)};
}

QSize PixelInspectorView::minimumSizeHint() const {
    const QFontMetrics fm(font());
    if (!m_hasData) return {fm.averageCharWidth() * 24, fm.height() * 3};
    QFont bold = font();
    bold.setBold(true);
    const QFontMetrics bfm(bold);
    // Up to 3x3 every number stays readable at the minimum size; larger kernels may shrink to colours only.
    const int side = std::max(m_data.rows, m_data.cols);
    const int cell = side <= 3 ? preferredCell() : std::clamp(160 / side, kMinCell, kNumberCell);
    int w = 2 * kMargin + 2 * operatorWidth(fm);
    for (const QString& title : titles()) w += std::max(m_data.cols * cell, textWidth(bfm, title));
    const int h =
        2 * kMargin + bfm.height() + 6 + m_data.rows * cell + 10 + textLineCount() * (fm.height() + 4);
    return {w, h};
}

void PixelInspectorView::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    const QColor text = palette().color(QPalette::WindowText);
    if (!m_hasData) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect().adjusted(kMargin, kMargin, -kMargin, -kMargin),
                         Qt::AlignCenter | Qt::TextWordWrap, m_message);
        return;
    }
    const Geometry g = geometry();
    const QFontMetrics fm(font());
    QFont bold = font();
    bold.setBold(true);

    painter.setFont(bold);
    painter.setPen(text);
    const QStringList names = titles();
    for (int i = 0; i < 3; ++i) {
        painter.drawText(g.titles[i], Qt::AlignHCenter | Qt::AlignBottom,
                         QFontMetrics(bold).elidedText(names[i], Qt::ElideRight, g.titles[i].width()));
    }
    painter.setFont(font());
    painter.drawText(QRectF(g.operators[0] - QPointF(20, 20), QSizeF(40, 40)), Qt::AlignCenter,
                     QStringLiteral("×"));
    painter.drawText(QRectF(g.operators[1] - QPointF(20, 20), QSizeF(40, 40)), Qt::AlignCenter,
                     QStringLiteral("="));

    double inLo = 0.0;
    double inHi = 1.0;
    for (double v : std::as_const(m_data.inputs)) {
        inLo = std::min(inLo, v);
        inHi = std::max(inHi, v);
    }
    if (inHi > 1.0) inHi = std::max(inHi, 255.0);  // 8-bit data: grey level relative to the full range
    const double weightMax = maxAbs(m_data.weights);
    const double productMax = maxAbs(m_data.products);
    const QVector<double>* grids[3] = {&m_data.inputs, &m_data.weights, &m_data.products};
    const QBrush hatch(QColor(0, 0, 0, 110), Qt::BDiagPattern);

    for (int k = 0; k < 3; ++k) {
        const QVector<double>& values = *grids[k];
        // Numbers are drawn only when every number of this grid fits its cell, so no grid is half-labelled.
        QFont numberFont = font();
        bool numbers = g.cell >= kNumberCell;
        if (numbers) {
            int widest = 0;
            for (double v : values)
                widest = std::max(widest, fm.horizontalAdvance(compactNumber(v, kDigits)));
            const double room = g.cell - 6.0;
            if (widest > room) {
                const double scale = room / widest;
                numbers = scale >= 0.75 && numberFont.pointSizeF() > 0;
                if (numbers) numberFont.setPointSizeF(numberFont.pointSizeF() * scale);
            }
        }
        painter.setFont(numberFont);
        for (int r = 0; r < m_data.rows; ++r) {
            for (int c = 0; c < m_data.cols; ++c) {
                const int i = r * m_data.cols + c;
                const QRect cell(g.grids[k].x() + c * g.cell, g.grids[k].y() + r * g.cell, g.cell, g.cell);
                const QColor tint = k == 0   ? greyTint(values[i], inLo, inHi)
                                    : k == 1 ? divergingTint(values[i], weightMax)
                                             : divergingTint(values[i], productMax);
                painter.fillRect(cell, tint);
                if (m_data.outside[i]) {
                    // Dark hatching disappears on dark cells: use the text colour, faded.
                    QColor stripe = readableTextOn(tint);
                    stripe.setAlpha(110);
                    painter.fillRect(cell, QBrush(stripe, Qt::BDiagPattern));
                }
                if (numbers) {
                    painter.setPen(readableTextOn(tint));
                    painter.drawText(cell, Qt::AlignCenter, compactNumber(values[i], kDigits));
                }
            }
        }
        painter.setPen(QPen(QColor(0, 0, 0, 60), 0));
        if (g.cell >= 8) {
            for (int c = 1; c < m_data.cols; ++c) {
                const int x = g.grids[k].x() + c * g.cell;
                painter.drawLine(x, g.grids[k].top(), x, g.grids[k].bottom());
            }
            for (int r = 1; r < m_data.rows; ++r) {
                const int y = g.grids[k].y() + r * g.cell;
                painter.drawLine(g.grids[k].left(), y, g.grids[k].right(), y);
            }
        }
        painter.setPen(QPen(palette().color(QPalette::Mid), 0));
        // Half a device pixel inside the grid, so the one-device-pixel frame covers its edge at any scale.
        const double half = 0.5 / devicePixelRatioF();
        painter.drawRect(QRectF(g.grids[k]).adjusted(half, half, -half, -half));
    }
    // The anchor: the input pixel whose output is being explained.
    const int ar = (m_data.rows - 1) / 2;
    const int ac = (m_data.cols - 1) / 2;
    const QRect anchor(g.grids[0].x() + ac * g.cell, g.grids[0].y() + ar * g.cell, g.cell, g.cell);
    painter.setPen(QPen(kAnchor, 2));
    painter.drawRect(QRectF(anchor).adjusted(1, 1, -1, -1));

    painter.setFont(font());
    painter.setPen(text);
    painter.drawText(g.formula, Qt::AlignLeft | Qt::AlignVCenter, elidedFormula(fm, g.formula.width() - 4));
    QString mode = m_data.modeName;
    if (mode == QLatin1String("convolution")) {
        mode = tr("convolution: the kernel is rotated by 180° before multiplying");
    } else if (mode == QLatin1String("correlation")) {
        mode = tr("correlation: the kernel is applied as written");
    }
    painter.setPen(palette().color(QPalette::PlaceholderText));
    painter.drawText(g.mode, Qt::AlignLeft | Qt::AlignVCenter,
                     fm.elidedText(mode, Qt::ElideRight, g.mode.width()));
    if (!g.legend.isNull()) {
        const int s = fm.height() - 2;
        const QRect swatch(g.legend.x(), g.legend.center().y() - s / 2, s, s);
        painter.fillRect(swatch, QColor(221, 221, 221));
        painter.fillRect(swatch, hatch);
        painter.setPen(text);
        const QString legend = m_data.borderName.isEmpty()
                                   ? tr("hatched: outside the image")
                                   : tr("hatched: outside the image (%1)").arg(m_data.borderName);
        const QRect label = g.legend.adjusted(s + 6, 0, 0, 0);
        painter.drawText(label, Qt::AlignLeft | Qt::AlignVCenter,
                         fm.elidedText(legend, Qt::ElideRight, label.width()));
    }
}

QString PixelInspectorView::cellToolTip(int row, int col) const {
    const int i = row * m_data.cols + col;
    const int x = m_data.x + col - (m_data.cols - 1) / 2;
    const int y = m_data.y + row - (m_data.rows - 1) / 2;
    QString tip =
        tr("Kernel position row %1, column %2 over pixel (%3, %4)")
            .arg(row)
            .arg(col)
            .arg(withTypographicMinus(QString::number(x)), withTypographicMinus(QString::number(y)));
    tip +=
        QLatin1Char('\n') + tr("input %1 × weight %2 = %3")
                                .arg(compactNumber(m_data.inputs[i], 8), compactNumber(m_data.weights[i], 8),
                                     compactNumber(m_data.products[i], 8));
    if (m_data.outside[i]) {
        tip += QLatin1Char('\n') +
               (m_data.borderName.isEmpty()
                    ? tr("outside the image: value from the border rule")
                    : tr("outside the image: value from the %1 border").arg(m_data.borderName));
    }
    return tip;
}

bool PixelInspectorView::event(QEvent* event) {
    if (event->type() == QEvent::ToolTip && m_hasData) {
        auto* help = static_cast<QHelpEvent*>(event);
        const Geometry g = geometry();
        for (int k = 0; k < 3; ++k) {
            if (g.grids[k].contains(help->pos()) && g.cell > 0) {
                const int col = (help->pos().x() - g.grids[k].x()) / g.cell;
                const int row = (help->pos().y() - g.grids[k].y()) / g.cell;
                if (row < m_data.rows && col < m_data.cols) {
                    QToolTip::showText(help->globalPos(), cellToolTip(row, col), this);
                    return true;
                }
            }
        }
        if (g.formula.contains(help->pos())) {
            // Up to 7x7 the whole sum is worth reading; beyond that it is a wall of numbers.
            const QString tip = m_data.inputs.size() <= 49
                                    ? formulaText()
                                    : tr("Each input times its weight, summed: the output value");
            QToolTip::showText(help->globalPos(), tip, this);
            return true;
        }
        QToolTip::hideText();
        event->ignore();
        return true;
    }
    return QWidget::event(event);
}

}  // namespace convscope::widgets
