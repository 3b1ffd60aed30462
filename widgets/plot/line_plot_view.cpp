#include "widgets/plot/line_plot_view.h"

#include <QMouseEvent>
#include <QPainter>
#include <algorithm>
#include <cmath>

#include "widgets/common/number_text.h"
#include "widgets/plot/line_plot_painter.h"

namespace convscope::widgets {

namespace {
constexpr double kHoverRadius = 30.0;  // pixels
constexpr int kHoverSlack = 4;         // the mouse may be this far outside the plot
const QColor kText(35, 35, 35);
const QColor kAxis(90, 90, 90);
}  // namespace

LinePlotView::LinePlotView(QWidget* parent) : QWidget(parent) {
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setAccessibleName(tr("Line plot"));
}

void LinePlotView::setSeries(QVector<PlotSeries> series) {
    for (PlotSeries& s : series) {
        const qsizetype n = std::min(s.x.size(), s.y.size());
        s.x.resize(n);
        s.y.resize(n);
    }
    m_scene.series = std::move(series);
    setHover(-1, -1);
    update();
}

void LinePlotView::clear() {
    m_scene.markers.clear();
    setSeries({});
}

void LinePlotView::setTitle(const QString& title) {
    m_scene.title = title;
    setAccessibleDescription(title);
    update();
}

void LinePlotView::setAxisTitles(const QString& x, const QString& y) {
    m_scene.xTitle = x;
    m_scene.yTitle = y;
    update();
}

void LinePlotView::setLogY(bool log) {
    m_scene.logY = log;
    setHover(-1, -1);
    update();
}

void LinePlotView::setLogX(bool log) {
    m_scene.logX = log;
    setHover(-1, -1);
    update();
}

void LinePlotView::setXRange(double low, double high) {
    m_scene.xRange = std::pair{low, high};
    update();
}

void LinePlotView::setAutoXRange() {
    m_scene.xRange.reset();
    update();
}

void LinePlotView::setYRange(double low, double high) {
    m_scene.yRange = std::pair{low, high};
    update();
}

void LinePlotView::setAutoYRange() {
    m_scene.yRange.reset();
    update();
}

void LinePlotView::setMarkers(QVector<PlotMarker> markers) {
    m_scene.markers = std::move(markers);
    update();
}

void LinePlotView::setXTickStep(double step) {
    m_scene.xMinTickStep = step;
    update();
}

void LinePlotView::setLegendPosition(Qt::Corner corner) {
    m_scene.legendCorner = corner;
    update();
}

LinePlotScene LinePlotView::scene() const {
    LinePlotScene scene = m_scene;  // implicitly shared: no data is copied
    scene.font = font();
    return scene;
}

PlotAxis LinePlotView::xAxis() const {
    return LinePlotPainter::layout(scene(), rect(), this).x;
}

PlotAxis LinePlotView::yAxis() const {
    return LinePlotPainter::layout(scene(), rect(), this).y;
}

QRectF LinePlotView::plotRect() const {
    return LinePlotPainter::layout(scene(), rect(), this).plot;
}

std::optional<QPointF> LinePlotView::mapToWidget(double x, double y) const {
    return LinePlotPainter::layout(scene(), rect(), this).map(x, y);
}

Qt::Corner LinePlotView::legendCorner() const {
    return LinePlotPainter::layout(scene(), rect(), this).legendCorner;
}

bool LinePlotView::nearestPoint(const QPoint& pos, int* series, int* index) const {
    const LinePlotPainter::Geometry g = LinePlotPainter::layout(scene(), rect(), this);
    const QPointF p = QPointF(pos) + QPointF(0.5, 0.5);  // the centre of the pixel under the mouse
    if (!g.plot.adjusted(-kHoverSlack, -kHoverSlack, kHoverSlack, kHoverSlack).contains(p)) return false;
    double best = kHoverRadius * kHoverRadius;
    int bestSeries = -1;
    int bestIndex = -1;
    for (int s = 0; s < m_scene.series.size(); ++s) {
        const PlotSeries& data = m_scene.series[s];
        for (int i = 0; i < data.x.size(); ++i) {
            const std::optional<QPointF> q = g.map(data.x[i], data.y[i]);
            if (!q || !g.plot.adjusted(-1, -1, 1, 1).contains(*q))
                continue;  // clipped points are not hoverable
            const QPointF d = *q - p;
            const double d2 = QPointF::dotProduct(d, d);
            if (d2 < best) {
                best = d2;
                bestSeries = s;
                bestIndex = i;
            }
        }
    }
    if (bestSeries < 0) return false;
    if (series) *series = bestSeries;
    if (index) *index = bestIndex;
    return true;
}

QString LinePlotView::pointLabel(int series, int index) const {
    if (series < 0 || series >= m_scene.series.size()) return {};
    const PlotSeries& s = m_scene.series[series];
    if (index < 0 || index >= s.x.size()) return {};
    const QString point =
        QStringLiteral("(%1, %2)").arg(compactNumber(s.x[index], 4), compactNumber(s.y[index], 4));
    return s.name.isEmpty() ? point : s.name + QStringLiteral(": ") + point;
}

void LinePlotView::render(QPainter& painter, const QRect& target) const {
    LinePlotPainter::paint(painter, target, scene());
}

void LinePlotView::paintHover(QPainter& painter) const {
    const LinePlotPainter::Geometry g = LinePlotPainter::layout(scene(), rect(), this);
    const PlotSeries& s = m_scene.series[m_hoverSeries];
    const std::optional<QPointF> p = g.map(s.x[m_hoverIndex], s.y[m_hoverIndex]);
    if (!p) return;
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setPen(QPen(Qt::white, 2.0));
    painter.setBrush(LinePlotPainter::seriesColor(m_scene, m_hoverSeries));
    painter.drawEllipse(*p, 4.5, 4.5);
    painter.setRenderHint(QPainter::Antialiasing, false);
    // The label above right of the point, flipped to stay inside the plot.
    const QFontMetrics fm = fontMetrics();
    const QString text = pointLabel(m_hoverSeries, m_hoverIndex);
    QRectF box(p->x() + 8, p->y() - 14 - fm.height(), fm.horizontalAdvance(text) + 12, fm.height() + 6);
    if (box.right() > g.plot.right()) box.moveRight(p->x() - 8);
    if (box.top() < g.plot.top()) box.moveTop(p->y() + 8);
    box.moveLeft(std::max(box.left(), 2.0));
    painter.setPen(QPen(kAxis, 0));
    painter.setBrush(QColor(255, 255, 255, 235));
    painter.drawRect(box);
    painter.setPen(kText);
    painter.drawText(box, Qt::AlignCenter, text);
    painter.restore();
}

void LinePlotView::setHover(int series, int index) {
    if (series == m_hoverSeries && index == m_hoverIndex) return;
    const bool wasHovering = m_hoverSeries >= 0;
    m_hoverSeries = series;
    m_hoverIndex = index;
    update();
    if (series >= 0) {
        Q_EMIT pointHovered(series, index);
    } else if (wasHovering) {
        Q_EMIT left();
    }
}

void LinePlotView::mouseMoveEvent(QMouseEvent* event) {
    int series = -1;
    int index = -1;
    if (!nearestPoint(event->position().toPoint(), &series, &index)) series = index = -1;
    setHover(series, index);
}

void LinePlotView::leaveEvent(QEvent*) {
    setHover(-1, -1);
}

void LinePlotView::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    render(painter, rect());
    // Hover decorations only on screen: exports never show them.
    if (m_hoverSeries >= 0) paintHover(painter);
}

QSize LinePlotView::sizeHint() const {
    return {480, 300};
}

QSize LinePlotView::minimumSizeHint() const {
    return {260, 180};
}

}  // namespace convscope::widgets
