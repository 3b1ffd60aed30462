#include "widgets/plot/heatmap_view.h"

#include <QMetaMethod>
#include <QMouseEvent>
#include <QPainter>
#include <algorithm>
#include <cmath>
#include <limits>

#include "widgets/common/cell_tint.h"
#include "widgets/common/number_text.h"
#include "widgets/plot/heatmap_painter.h"

namespace convscope::widgets {

namespace {
constexpr int kBarTicks = 5;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
const QColor kText(35, 35, 35);
const QColor kAxis(90, 90, 90);
const QColor kNan(160, 160, 160);

int widest(const QFontMetrics& fm, const QStringList& labels) {
    int w = 0;
    for (const QString& label : labels) w = std::max(w, fm.horizontalAdvance(label));
    return w;
}

}  // namespace

HeatmapView::HeatmapView(QWidget* parent) : QWidget(parent) {
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setAccessibleName(tr("Heat map"));
}

void HeatmapView::setData(int rows, int cols, QVector<float> values) {
    if (rows < 1 || cols < 1) {
        rows = 0;
        cols = 0;
        values.clear();
    }
    values.resize(qsizetype(rows) * cols, std::numeric_limits<float>::quiet_NaN());
    m_rows = rows;
    m_cols = cols;
    m_values = std::move(values);
    setHover(-1, -1);
    updateRange();
    rebuildImage();
}

void HeatmapView::clear() {
    setData(0, 0, {});
}

double HeatmapView::valueAt(int row, int col) const {
    if (row < 0 || col < 0 || row >= m_rows || col >= m_cols) return kNaN;
    return m_values[qsizetype(row) * m_cols + col];
}

void HeatmapView::setColormap(common::Colormap map) {
    m_colormap = map;
    rebuildImage();
}

void HeatmapView::setValueRange(double low, double high) {
    m_autoRange = false;
    m_low = std::min(low, high);
    m_high = std::max(low, high);
    rebuildImage();
}

void HeatmapView::setAutoRange() {
    m_autoRange = true;
    updateRange();
    rebuildImage();
}

void HeatmapView::updateRange() {
    if (!m_autoRange) return;
    double lo = std::numeric_limits<double>::infinity();
    double hi = -lo;
    for (float v : m_values) {
        if (!std::isfinite(v)) continue;
        lo = std::min(lo, double(v));
        hi = std::max(hi, double(v));
    }
    m_low = lo <= hi ? lo : kNaN;
    m_high = lo <= hi ? hi : kNaN;
}

void HeatmapView::setAxes(double xMin, double xMax, double yMin, double yMax, const QString& xTitle,
                          const QString& yTitle) {
    m_hasAxes = true;
    m_xMin = xMin;
    m_xMax = xMax;
    m_yMin = yMin;
    m_yMax = yMax;
    m_xTitle = xTitle;
    m_yTitle = yTitle;
    update();
}

void HeatmapView::setMinTickSteps(double x, double y) {
    m_minTickX = std::isfinite(x) && x > 0.0 ? x : 0.0;
    m_minTickY = std::isfinite(y) && y > 0.0 ? y : 0.0;
    update();
}

void HeatmapView::setAxisTitles(const QString& xTitle, const QString& yTitle) {
    m_hasAxes = false;
    m_xTitle = xTitle;
    m_yTitle = yTitle;
    update();
}

void HeatmapView::setTitle(const QString& title) {
    m_title = title;
    setAccessibleDescription(title);
    update();
}

void HeatmapView::setColorBarLabel(const QString& label) {
    m_barLabel = label;
    update();
}

void HeatmapView::setKeepAspect(bool keep) {
    m_keepAspect = keep;
    update();
}

void HeatmapView::setHoverText(HoverText text) {
    m_hoverText = std::move(text);
    update();
}

void HeatmapView::axisMapping(bool horizontal, double* first, double* step) const {
    const int n = horizontal ? m_cols : m_rows;
    if (!m_hasAxes) {
        *first = 0.0;
        *step = 1.0;
        return;
    }
    const double a = horizontal ? m_xMin : m_yMin;
    const double b = horizontal ? m_xMax : m_yMax;
    *first = n > 1 ? a : (a + b) / 2.0;
    *step = n > 1 ? (b - a) / (n - 1) : b - a;
}

double HeatmapView::xOfCol(double col) const {
    double first = 0.0, step = 1.0;
    axisMapping(true, &first, &step);
    return first + col * step;
}

double HeatmapView::yOfRow(double row) const {
    double first = 0.0, step = 1.0;
    axisMapping(false, &first, &step);
    return first + row * step;
}

QColor HeatmapView::nanColor() {
    return kNan;
}

QColor HeatmapView::colorFor(double value) const {
    if (!std::isfinite(value) || !std::isfinite(m_low) || !std::isfinite(m_high)) return kNan;
    const double t = m_high > m_low ? (value - m_low) / (m_high - m_low) : 0.5;
    return colormapColor(m_colormap, t);
}

void HeatmapView::rebuildImage() {
    if (m_rows == 0) {
        m_image = QImage();
        update();
        return;
    }
    // One pass over the values into a cols × rows picture; paintEvent only scales it.
    QImage image(m_cols, m_rows, QImage::Format_RGB32);
    const auto& table = common::colormapTable(m_colormap);
    const bool valid = std::isfinite(m_low) && std::isfinite(m_high);
    const double span = m_high - m_low;
    const double scale = valid && span > 0.0 ? 255.0 / span : 0.0;
    const QRgb nan = kNan.rgb();
    for (int r = 0; r < m_rows; ++r) {
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(r));
        const float* row = m_values.constData() + qsizetype(r) * m_cols;
        for (int c = 0; c < m_cols; ++c) {
            const double v = row[c];
            if (!valid || !std::isfinite(v)) {
                line[c] = nan;
                continue;
            }
            const double index = scale > 0.0 ? std::clamp((v - m_low) * scale, 0.0, 255.0) : 127.5;
            const common::Rgb rgb = table[size_t(std::lround(index))];
            line[c] = qRgb(rgb.r, rgb.g, rgb.b);
        }
    }
    m_image = std::move(image);
    update();
}

QVector<double> HeatmapView::colorBarTicks() const {
    if (!std::isfinite(m_low) || !std::isfinite(m_high)) return {};
    if (!(m_high > m_low)) return {m_low};
    QVector<double> ticks;
    const double step = (m_high - m_low) / (kBarTicks - 1);
    for (int i = 0; i < kBarTicks; ++i) ticks << (i == kBarTicks - 1 ? m_high : m_low + i * step);
    return ticks;
}

QStringList HeatmapView::colorBarTickLabels() const {
    const QVector<double> ticks = colorBarTicks();
    if (ticks.isEmpty()) return {};
    if (ticks.size() == 1) return {compactNumber(ticks[0])};
    // Every label rounded to a hundredth of the step: enough to read a colour off the bar, and an end that
    // is almost zero (5e−5 on a 0..1 bar) reads "0" rather than in scientific notation.
    const double step = ticks[1] - ticks[0];
    const int decimals = std::clamp(2 - int(std::floor(std::log10(step))), 0, 15);
    const double scale = std::pow(10.0, decimals);
    QStringList labels;
    for (double t : ticks) {
        const double rounded = std::abs(t * scale) < 1e15 ? std::round(t * scale) / scale : t;
        labels << compactNumber(rounded == 0.0 ? 0.0 : rounded, 12);
    }
    return labels;
}

HeatmapScene HeatmapView::scene() const {
    HeatmapScene scene;
    scene.image = m_image;
    axisMapping(true, &scene.x.first, &scene.x.step);
    axisMapping(false, &scene.y.first, &scene.y.step);
    scene.x.count = m_cols;
    scene.y.count = m_rows;
    scene.x.minStep = m_hasAxes ? m_minTickX : 1.0;
    scene.y.minStep = m_hasAxes ? m_minTickY : 1.0;
    scene.x.title = m_xTitle;
    scene.y.title = m_yTitle;
    scene.colormap = m_colormap;
    scene.barLabels = colorBarTickLabels();
    scene.title = m_title;
    scene.barLabel = m_barLabel;
    scene.keepAspect = m_keepAspect;
    scene.font = font();
    return scene;
}

bool HeatmapView::cellAt(const QPoint& pos, int* row, int* col) const {
    if (m_rows == 0) return false;
    const HeatmapPainter::Geometry g = HeatmapPainter::layout(scene(), rect(), this);
    if (g.cellW <= 0.0 || g.cellH <= 0.0) return false;
    const QPointF p = QPointF(pos) + QPointF(0.5, 0.5);  // the centre of the pixel under the mouse
    const int c = int(std::floor((p.x() - g.image.left()) / g.cellW));
    const int r = int(std::floor((p.y() - g.image.top()) / g.cellH));
    if (r < 0 || c < 0 || r >= m_rows || c >= m_cols) return false;
    if (row) *row = r;
    if (col) *col = c;
    return true;
}

QRectF HeatmapView::cellRect(int row, int col) const {
    if (row < 0 || col < 0 || row >= m_rows || col >= m_cols) return {};
    const HeatmapPainter::Geometry g = HeatmapPainter::layout(scene(), rect(), this);
    return QRectF(g.image.left() + col * g.cellW, g.image.top() + row * g.cellH, g.cellW, g.cellH);
}

QString HeatmapView::hoverLabel(int row, int col) const {
    if (row < 0 || col < 0 || row >= m_rows || col >= m_cols) return {};
    const double v = valueAt(row, col);
    const QString name = m_barLabel.isEmpty() ? tr("value") : m_barLabel;
    QString text = QStringLiteral("%1: %2").arg(name, std::isnan(v) ? tr("no value") : compactNumber(v, 4));
    text += QLatin1Char('\n') + tr("x %1, y %2 (row %3, col %4)")
                                    .arg(compactNumber(xOfCol(col), 4), compactNumber(yOfRow(row), 4))
                                    .arg(row)
                                    .arg(col);
    if (m_hoverText) {
        const QString extra = m_hoverText(row, col);
        if (!extra.isEmpty()) text += QLatin1Char('\n') + extra;
    }
    return text;
}

void HeatmapView::render(QPainter& painter, const QRect& target) const {
    HeatmapPainter::paint(painter, target, scene());
}

void HeatmapView::paintHover(QPainter& painter) const {
    const QRectF cell = cellRect(m_hoverRow, m_hoverCol);
    if (cell.isEmpty()) return;
    // A crosshair through the cell's centre, dark under light so that it shows on any colour.
    const QPointF c = cell.center();
    const double reach = std::max(6.0, std::max(cell.width(), cell.height()) / 2.0 + 5.0);
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, false);
    for (const auto& [color, penWidth] :
         {std::pair{QColor(0, 0, 0, 160), 3.0}, std::pair{QColor(Qt::white), 1.0}}) {
        painter.setPen(QPen(color, penWidth));
        painter.drawLine(QPointF(c.x() - reach, c.y()), QPointF(c.x() + reach, c.y()));
        painter.drawLine(QPointF(c.x(), c.y() - reach), QPointF(c.x(), c.y() + reach));
        if (cell.width() >= 6.0) painter.drawRect(cell);
    }

    // The read-out, below right of the cursor, flipped to stay inside the widget.
    const QStringList lines = hoverLabel(m_hoverRow, m_hoverCol).split(QLatin1Char('\n'));
    const QFontMetrics fm = fontMetrics();
    const int w = widest(fm, lines) + 12;
    const int h = int(lines.size()) * fm.height() + 8;
    QRect box(m_hoverPos + QPoint(16, 16), QSize(w, h));
    if (box.right() > width() - 2) box.moveRight(m_hoverPos.x() - 12);
    if (box.bottom() > height() - 2) box.moveBottom(m_hoverPos.y() - 12);
    box.moveLeft(std::max(2, box.left()));
    box.moveTop(std::max(2, box.top()));
    painter.setPen(QPen(kAxis, 0));
    painter.setBrush(QColor(255, 255, 255, 235));
    painter.drawRect(box);
    painter.setPen(kText);
    painter.drawText(box.adjusted(6, 4, -6, -4), Qt::AlignLeft | Qt::AlignTop, lines.join(QLatin1Char('\n')));
    painter.restore();
}

void HeatmapView::setHover(int row, int col) {
    if (row == m_hoverRow && col == m_hoverCol) return;
    const bool wasHovering = m_hoverRow >= 0;
    m_hoverRow = row;
    m_hoverCol = col;
    update();
    if (row >= 0) {
        Q_EMIT hovered(row, col, xOfCol(col), yOfRow(row), valueAt(row, col));
    } else if (wasHovering) {
        Q_EMIT left();
    }
}

void HeatmapView::mouseMoveEvent(QMouseEvent* event) {
    int row = -1;
    int col = -1;
    m_hoverPos = event->position().toPoint();
    if (cellAt(m_hoverPos, &row, &col)) {
        setHover(row, col);
    } else {
        setHover(-1, -1);
    }
    // A cell that opens something says so under the cursor; a plain heat map keeps the arrow.
    static const QMetaMethod clicked = QMetaMethod::fromSignal(&HeatmapView::cellClicked);
    if (row >= 0 && isSignalConnected(clicked))
        setCursor(Qt::PointingHandCursor);
    else
        unsetCursor();
    update();
}

void HeatmapView::mousePressEvent(QMouseEvent* event) {
    int row = -1;
    int col = -1;
    if (event->button() == Qt::LeftButton && cellAt(event->position().toPoint(), &row, &col)) {
        Q_EMIT cellClicked(row, col);
        event->accept();
        return;
    }
    QWidget::mousePressEvent(event);
}

void HeatmapView::leaveEvent(QEvent*) {
    setHover(-1, -1);
}

void HeatmapView::resizeEvent(QResizeEvent*) {
    // The cells move; the next mouse move finds the one under the cursor again.
    setHover(-1, -1);
}

void HeatmapView::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    render(painter, rect());
    // The hover decorations are drawn on top here, not in render(), so that exports never show them.
    if (m_hoverRow >= 0) paintHover(painter);
}

QSize HeatmapView::sizeHint() const {
    return {420, 380};
}

QSize HeatmapView::minimumSizeHint() const {
    return {220, 200};
}

}  // namespace convscope::widgets
