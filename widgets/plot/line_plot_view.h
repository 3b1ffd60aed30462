#pragma once

#include <QString>
#include <QVector>
#include <QWidget>
#include <optional>

#include "widgets/plot/line_plot_scene.h"
#include "widgets/plot/plot_axis.h"
#include "widgets/plot/plot_marker.h"
#include "widgets/plot/plot_series.h"

class QPainter;

namespace convscope::widgets {

/// An XY line plot (e.g. FFT vs direct convolution time against kernel size): series as lines, optionally
/// dashed or with dots, vertical marker lines with labels, round ticks and light grid lines, axis titles, a
/// title and a legend in a corner. Either axis may be logarithmic; NaN (and, on a log axis, non-positive)
/// values break a line. Everything is painted by render(), so an export is one picture.
///
/// Hover: the data point nearest to the mouse (in screen distance, within 30 pixels) is ringed and
/// labelled "name: (x, y)"; pointHovered() reports it when it changes and left() when there is none.
class LinePlotView : public QWidget {
    Q_OBJECT
public:
    explicit LinePlotView(QWidget* parent = nullptr);

    void setSeries(QVector<PlotSeries> series);
    const QVector<PlotSeries>& series() const { return m_scene.series; }
    /// Removes series and markers.
    void clear();
    void setTitle(const QString& title);
    void setAxisTitles(const QString& x, const QString& y);
    void setLogY(bool log);
    bool logY() const { return m_scene.logY; }
    /// A logarithmic x axis (learning rates, frequencies): non-positive x values are not drawn.
    void setLogX(bool log);
    bool logX() const { return m_scene.logX; }
    void setXRange(double low, double high);
    void setAutoXRange();
    void setYRange(double low, double high);
    void setAutoYRange();
    void setMarkers(QVector<PlotMarker> markers);
    /// The corner the legend prefers; another corner is used when this one would cover more data.
    void setLegendPosition(Qt::Corner corner);
    /// Ticks on the x axis only at whole multiples of `step` (1 for epochs or kernel sizes); 0: any round
    /// value.
    void setXTickStep(double step);

    /// The axes as drawn in the widget at its current size (ranges after auto-scaling, pixel mapping).
    PlotAxis xAxis() const;
    PlotAxis yAxis() const;
    /// The plotting area (inside the axes) in widget coordinates.
    QRectF plotRect() const;
    /// Widget position of a data point; nothing when it cannot be drawn (NaN, or y <= 0 on a log axis).
    std::optional<QPointF> mapToWidget(double x, double y) const;
    /// The drawable data point nearest to `pos` within the hover radius; false when none.
    bool nearestPoint(const QPoint& pos, int* series, int* index) const;
    /// The corner the legend occupies at the current size.
    Qt::Corner legendCorner() const;
    /// The hover text of a point, "name: (x, y)".
    QString pointLabel(int series, int index) const;

    /// Paints the whole plot into `target` (white background, no hover decorations).
    void render(QPainter& painter, const QRect& target) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void pointHovered(int series, int index);
    void left();

protected:
    void paintEvent(QPaintEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    LinePlotScene scene() const;
    void paintHover(QPainter& painter) const;
    void setHover(int series, int index);

    LinePlotScene m_scene;
    int m_hoverSeries = -1;
    int m_hoverIndex = -1;
};

}  // namespace convscope::widgets
