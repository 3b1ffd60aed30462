#include "widgets/plot/scatter_plot_view.h"

#include <QFontMetrics>
#include <QMouseEvent>
#include <QPainter>
#include <algorithm>
#include <cmath>

#include "widgets/plot/plot_export.h"

namespace convscope::widgets {

namespace {
constexpr int kMargin = 10;
constexpr int kTick = 4;
constexpr double kDot = 3.2;    // point radius
constexpr int kThumbnail = 84;  // the popup's picture, at most this wide and high
constexpr int kLegendGap = 12;  // between the plot and the legend column
constexpr int kLegendDot = 10;  // the legend's colour sample and the gap after it
const QColor kText(35, 35, 35);
const QColor kMuted(110, 110, 110);
const QColor kAxis(90, 90, 90);
const QColor kGrid(228, 228, 228);
// Tableau 10: qualitative, readable on white, distinct for the common colour-vision deficiencies.
const QColor kPalette[] = {{31, 119, 180}, {255, 127, 14},  {44, 160, 44},   {214, 39, 40},  {148, 103, 189},
                           {140, 86, 75},  {227, 119, 194}, {127, 127, 127}, {188, 189, 34}, {23, 190, 207}};

QFontMetrics metricsFor(const QFont& font, const QPaintDevice* device) {
    return device ? QFontMetrics(font, const_cast<QPaintDevice*>(device)) : QFontMetrics(font);
}

QFont titleFontFor(const QFont& base) {
    QFont f = base;
    f.setBold(true);
    if (base.pointSizeF() > 0) f.setPointSizeF(base.pointSizeF() * 1.15);
    return f;
}
}  // namespace

struct ScatterPlotView::Geometry {
    QRectF area, plot, legend;
    PlotAxis x, y;
    PlotAxis::Ticks xTicks, yTicks;
    int yLabelWidth = 0;
    QVector<int> legendClasses;  ///< the classes listed, ascending
};

ScatterPlotView::ScatterPlotView(QWidget* parent) : QWidget(parent) {
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setAccessibleName(tr("Scatter plot"));
    m_emptyText = tr("No points");
}

void ScatterPlotView::setPoints(QVector<QPointF> points, QVector<int> classes) {
    const qsizetype n = std::min(points.size(), classes.size());
    points.resize(n);
    classes.resize(n);
    m_points = std::move(points);
    m_classes = std::move(classes);
    m_hover = -1;
    m_hoverImage = QImage();
    update();
}

void ScatterPlotView::setClassNames(const QStringList& names) {
    m_classNames = names;
    update();
}

void ScatterPlotView::clear() {
    setPoints({}, {});
    m_subtitle.clear();
}

void ScatterPlotView::setTitle(const QString& title) {
    m_title = title;
    setAccessibleDescription(title);
    update();
}

void ScatterPlotView::setSubtitle(const QString& subtitle) {
    m_subtitle = subtitle;
    update();
}

void ScatterPlotView::setAxisTitles(const QString& x, const QString& y) {
    m_xTitle = x;
    m_yTitle = y;
    update();
}

void ScatterPlotView::setEmptyText(const QString& text) {
    m_emptyText = text;
    update();
}

void ScatterPlotView::setThumbnailProvider(std::function<QImage(int)> provider) {
    m_thumbnail = std::move(provider);
}

void ScatterPlotView::setHoverText(std::function<QString(int)> text) {
    m_hoverText = std::move(text);
}

QString ScatterPlotView::className(int c) const {
    return c >= 0 && c < m_classNames.size() ? m_classNames[c] : tr("class %1").arg(c);
}

QColor ScatterPlotView::classColor(int c) {
    const int n = int(std::size(kPalette));
    return kPalette[((c % n) + n) % n];
}

ScatterPlotView::Geometry ScatterPlotView::layout(const QRect& target, const QPaintDevice* device) const {
    Geometry g;
    const QFontMetrics fm = metricsFor(font(), device);
    const QFontMetrics tfm = metricsFor(titleFontFor(font()), device);
    const int lh = fm.height();
    g.area = QRectF(target).adjusted(kMargin, kMargin, -kMargin, -kMargin);

    QVector<double> xs, ys;
    for (int i = 0; i < m_points.size(); ++i) {
        const QPointF& p = m_points[i];
        if (!std::isfinite(p.x()) || !std::isfinite(p.y())) continue;
        xs << p.x();
        ys << p.y();
        if (!g.legendClasses.contains(m_classes[i])) g.legendClasses << m_classes[i];
    }
    std::sort(g.legendClasses.begin(), g.legendClasses.end());
    double x0 = 0.0, x1 = 1.0, y0 = 0.0, y1 = 1.0;
    PlotAxis::autoRange(xs, false, 0.05, &x0, &x1);
    PlotAxis::autoRange(ys, false, 0.05, &y0, &y1);
    g.x = PlotAxis(x0, x1, false);
    g.y = PlotAxis(y0, y1, false);

    // The legend column at the right: a dot and the name per class, as wide as the longest name allows.
    double legendWidth = 0.0;
    for (int c : g.legendClasses)
        legendWidth = std::max<double>(legendWidth, fm.horizontalAdvance(className(c)));
    if (!g.legendClasses.isEmpty())
        legendWidth = std::min(legendWidth + kLegendDot * 2 + 4, g.area.width() / 3.0);

    const double top = g.area.top() + (m_title.isEmpty() ? 0 : tfm.height() + 4) +
                       (m_subtitle.isEmpty() ? 0 : lh + 4) + lh / 2;
    const double bottom = g.area.bottom() + 1 - (m_xTitle.isEmpty() ? 0 : lh + 2) - (kTick + 2 + lh);
    g.y.setPixels(bottom, top);
    for (int count = std::clamp(int((bottom - top) / (2.2 * lh)), 3, 10); count >= 1; --count) {
        g.yTicks = g.y.ticks(count);
        bool fits = true;
        for (int i = 1; i < g.yTicks.major.size() && fits; ++i)
            fits = std::abs(g.y.toPixel(g.yTicks.major[i]) - g.y.toPixel(g.yTicks.major[i - 1])) >= lh + 2;
        if (fits) break;
    }
    for (const QString& label : g.yTicks.labels)
        g.yLabelWidth = std::max(g.yLabelWidth, fm.horizontalAdvance(label));
    const double left = g.area.left() + (m_yTitle.isEmpty() ? 0 : lh + 6) + g.yLabelWidth + kTick + 3;
    const double right = std::max(
        left + 1,
        g.area.right() + 1 -
            (legendWidth > 0 ? legendWidth + kLegendGap : fm.horizontalAdvance(QStringLiteral("00"))));
    g.x.setPixels(left, right);
    g.plot = QRectF(left, top, right - left, std::max(1.0, bottom - top));
    const int gap = fm.horizontalAdvance(QStringLiteral("00"));
    for (int count =
             std::clamp(int(g.plot.width() / (fm.horizontalAdvance(QStringLiteral("−0.25")) + gap)), 3, 10);
         count >= 1; --count) {
        g.xTicks = g.x.ticks(count);
        bool fits = true;
        for (int i = 1; i < g.xTicks.major.size() && fits; ++i)
            fits = g.x.toPixel(g.xTicks.major[i]) - g.x.toPixel(g.xTicks.major[i - 1]) >=
                   (fm.horizontalAdvance(g.xTicks.labels[i]) + fm.horizontalAdvance(g.xTicks.labels[i - 1])) /
                           2 +
                       gap;
        if (fits) break;
    }
    if (legendWidth > 0)
        g.legend = QRectF(right + kLegendGap, top, legendWidth,
                          std::min<double>(g.legendClasses.size() * (lh + 2) + 4, g.area.bottom() - top));
    return g;
}

PlotAxis ScatterPlotView::xAxis() const {
    return layout(rect(), this).x;
}

PlotAxis ScatterPlotView::yAxis() const {
    return layout(rect(), this).y;
}

QRectF ScatterPlotView::plotRect() const {
    return layout(rect(), this).plot;
}

QRectF ScatterPlotView::legendRect() const {
    return layout(rect(), this).legend;
}

QPointF ScatterPlotView::mapToWidget(int index) const {
    const Geometry g = layout(rect(), this);
    const QPointF& p = m_points.value(index);
    return {g.x.toPixel(p.x()), g.y.toPixel(p.y())};
}

int ScatterPlotView::nearestPoint(const QPoint& pos) const {
    if (m_points.isEmpty()) return -1;
    const Geometry g = layout(rect(), this);
    const QPointF at = QPointF(pos) + QPointF(0.5, 0.5);  // the centre of the pixel under the mouse
    double best = kHoverRadius * kHoverRadius;
    int found = -1;
    for (int i = 0; i < m_points.size(); ++i) {
        const double px = g.x.toPixel(m_points[i].x()), py = g.y.toPixel(m_points[i].y());
        if (std::isnan(px) || std::isnan(py)) continue;
        const double d2 = (px - at.x()) * (px - at.x()) + (py - at.y()) * (py - at.y());
        if (d2 < best) {
            best = d2;
            found = i;
        }
    }
    return found;
}

void ScatterPlotView::render(QPainter& painter, const QRect& target) const {
    painter.save();
    painter.setClipRect(target);
    painter.fillRect(target, Qt::white);
    const Geometry g = layout(target, painter.device());
    const QFont titleFont = titleFontFor(font());
    const QFontMetrics fm = metricsFor(font(), painter.device());
    const QFontMetrics tfm = metricsFor(titleFont, painter.device());
    double y = g.area.top();
    if (!m_title.isEmpty()) {
        painter.setFont(titleFont);
        painter.setPen(kText);
        painter.drawText(QRectF(g.area.left(), y, g.area.width(), tfm.height()), Qt::AlignCenter,
                         tfm.elidedText(m_title, Qt::ElideRight, int(g.area.width())));
        y += tfm.height() + 4;
    }
    painter.setFont(font());
    if (!m_subtitle.isEmpty()) {
        painter.setPen(kMuted);
        painter.drawText(QRectF(g.area.left(), y, g.area.width(), fm.height()), Qt::AlignCenter,
                         fm.elidedText(m_subtitle, Qt::ElideRight, int(g.area.width())));
    }

    // Grid, frame, ticks and their labels.
    painter.setPen(QPen(kGrid, 0));
    for (double v : g.yTicks.major)
        painter.drawLine(QPointF(g.plot.left(), g.y.toPixel(v)), QPointF(g.plot.right(), g.y.toPixel(v)));
    for (double v : g.xTicks.major)
        painter.drawLine(QPointF(g.x.toPixel(v), g.plot.top()), QPointF(g.x.toPixel(v), g.plot.bottom()));
    painter.setPen(QPen(kAxis, 0));
    painter.drawRect(g.plot);
    for (int i = 0; i < g.yTicks.major.size(); ++i) {
        const double py = g.y.toPixel(g.yTicks.major[i]);
        painter.setPen(QPen(kAxis, 0));
        painter.drawLine(QPointF(g.plot.left() - kTick, py), QPointF(g.plot.left(), py));
        painter.setPen(kText);
        painter.drawText(QRectF(g.plot.left() - kTick - 3 - g.yLabelWidth, py - fm.height() / 2.0,
                                g.yLabelWidth, fm.height()),
                         Qt::AlignRight | Qt::AlignVCenter, g.yTicks.labels[i]);
    }
    for (int i = 0; i < g.xTicks.major.size(); ++i) {
        const double px = g.x.toPixel(g.xTicks.major[i]);
        painter.setPen(QPen(kAxis, 0));
        painter.drawLine(QPointF(px, g.plot.bottom()), QPointF(px, g.plot.bottom() + kTick));
        const int w = fm.horizontalAdvance(g.xTicks.labels[i]) + 2;
        painter.setPen(kText);
        painter.drawText(QRectF(px - w / 2.0, g.plot.bottom() + kTick + 2, w, fm.height()), Qt::AlignCenter,
                         g.xTicks.labels[i]);
    }
    painter.setPen(kText);
    if (!m_xTitle.isEmpty())
        painter.drawText(
            QRectF(g.plot.left(), g.area.bottom() + 1 - fm.height(), g.plot.width(), fm.height()),
            Qt::AlignCenter, fm.elidedText(m_xTitle, Qt::ElideRight, int(g.plot.width())));
    if (!m_yTitle.isEmpty()) {
        painter.save();
        painter.translate(g.area.left() + fm.height() / 2.0, g.plot.center().y());
        painter.rotate(-90);
        const int length = int(g.plot.height());
        painter.drawText(QRectF(-length / 2.0, -fm.height() / 2.0, length, fm.height()), Qt::AlignCenter,
                         fm.elidedText(m_yTitle, Qt::ElideRight, length));
        painter.restore();
    }

    // The points, in their order (the caller interleaves the classes, so none is buried under another).
    painter.save();
    painter.setClipRect(g.plot.adjusted(1, 1, -1, -1), Qt::IntersectClip);
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setPen(QPen(QColor(255, 255, 255, 160), 0.6));
    for (int i = 0; i < m_points.size(); ++i) {
        const double px = g.x.toPixel(m_points[i].x()), py = g.y.toPixel(m_points[i].y());
        if (std::isnan(px) || std::isnan(py)) continue;
        painter.setBrush(classColor(m_classes[i]));
        painter.drawEllipse(QPointF(px, py), kDot, kDot);
    }
    painter.restore();

    if (m_points.isEmpty()) {
        painter.setPen(kMuted);
        painter.drawText(g.plot.adjusted(12, 12, -12, -12), Qt::AlignCenter | Qt::TextWordWrap, m_emptyText);
    }
    // The legend: one row per class, names elided to the column.
    painter.setRenderHint(QPainter::Antialiasing, true);
    for (int r = 0; r < g.legendClasses.size(); ++r) {
        const double rowTop = g.legend.top() + 2 + r * (fm.height() + 2);
        if (rowTop + fm.height() > g.legend.bottom() + 1) break;
        const int c = g.legendClasses[r];
        painter.setPen(Qt::NoPen);
        painter.setBrush(classColor(c));
        painter.drawEllipse(QPointF(g.legend.left() + kLegendDot / 2.0, rowTop + fm.height() / 2.0), 4.0,
                            4.0);
        painter.setPen(kText);
        const double textLeft = g.legend.left() + kLegendDot * 2;
        painter.drawText(QRectF(textLeft, rowTop, g.legend.right() - textLeft, fm.height()),
                         Qt::AlignLeft | Qt::AlignVCenter,
                         fm.elidedText(className(c), Qt::ElideRight, int(g.legend.right() - textLeft)));
    }
    painter.restore();
}

QRectF ScatterPlotView::popupRect() const {
    if (m_hover < 0) return {};
    const QFontMetrics fm = fontMetrics();
    const QString name = className(m_classes.value(m_hover));
    const QString text = m_hoverText ? m_hoverText(m_hover) : tr("point %1").arg(m_hover);
    QSizeF picture;
    if (!m_hoverImage.isNull())
        picture = QSizeF(m_hoverImage.size()).scaled(kThumbnail, kThumbnail, Qt::KeepAspectRatio);
    const double w =
        std::max({picture.width(), double(fm.horizontalAdvance(name)), double(fm.horizontalAdvance(text))}) +
        12;
    const double h = picture.height() + (picture.isEmpty() ? 0 : 4) + 2 * fm.height() + 10;
    // Below right of the point, flipped to stay inside the widget.
    const QPointF p = mapToWidget(m_hover);
    QRectF box(p.x() + 12, p.y() + 12, w, h);
    if (box.right() > width() - 2) box.moveRight(p.x() - 12);
    if (box.bottom() > height() - 2) box.moveBottom(p.y() - 12);
    box.moveLeft(std::max(box.left(), 2.0));
    box.moveTop(std::max(box.top(), 2.0));
    return box;
}

void ScatterPlotView::paintPopup(QPainter& painter) const {
    const QPointF p = mapToWidget(m_hover);
    const QRectF box = popupRect();
    const QFontMetrics fm = fontMetrics();
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setPen(QPen(Qt::black, 1.5));
    painter.setBrush(classColor(m_classes.value(m_hover)));
    painter.drawEllipse(p, kDot + 2.5, kDot + 2.5);
    painter.setRenderHint(QPainter::Antialiasing, false);
    painter.setPen(QPen(kAxis, 0));
    painter.setBrush(QColor(255, 255, 255, 245));
    painter.drawRect(box);
    double y = box.top() + 5;
    if (!m_hoverImage.isNull()) {
        const QSizeF size = QSizeF(m_hoverImage.size()).scaled(kThumbnail, kThumbnail, Qt::KeepAspectRatio);
        // Small images (28 × 28) are enlarged without smoothing: the learner sees the pixels the model saw.
        painter.drawImage(QRectF(box.center().x() - size.width() / 2, y, size.width(), size.height()),
                          m_hoverImage);
        y += size.height() + 4;
    }
    painter.setPen(classColor(m_classes.value(m_hover)).darker(130));
    QFont bold = font();
    bold.setBold(true);
    painter.setFont(bold);
    painter.drawText(QRectF(box.left(), y, box.width(), fm.height()), Qt::AlignCenter,
                     className(m_classes.value(m_hover)));
    painter.setFont(font());
    painter.setPen(kText);
    painter.drawText(QRectF(box.left(), y + fm.height(), box.width(), fm.height()), Qt::AlignCenter,
                     m_hoverText ? m_hoverText(m_hover) : tr("point %1").arg(m_hover));
    painter.restore();
}

bool ScatterPlotView::exportImage(const QString& path, QString* error) const {
    const auto draw = [this](QPainter& painter, const QRect& target) { render(painter, target); };
    if (path.endsWith(QLatin1String(".svg"), Qt::CaseInsensitive))
        return savePlotSvg(path, size(), m_title, draw, error);
    return savePlotPng(path, size(), draw, error);
}

void ScatterPlotView::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    render(painter, rect());
    if (m_hover >= 0) paintPopup(painter);
}

void ScatterPlotView::mouseMoveEvent(QMouseEvent* event) {
    setHover(nearestPoint(event->position().toPoint()));
}

void ScatterPlotView::leaveEvent(QEvent*) {
    setHover(-1);
}

void ScatterPlotView::resizeEvent(QResizeEvent*) {
    setHover(-1);
}

void ScatterPlotView::setHover(int index) {
    if (index == m_hover) return;
    const bool was = m_hover >= 0;
    m_hover = index;
    m_hoverImage = index >= 0 && m_thumbnail ? m_thumbnail(index) : QImage();
    update();
    if (index >= 0)
        Q_EMIT pointHovered(index);
    else if (was)
        Q_EMIT left();
}

QSize ScatterPlotView::sizeHint() const {
    return {560, 420};
}

QSize ScatterPlotView::minimumSizeHint() const {
    return {240, 180};
}

}  // namespace convscope::widgets
