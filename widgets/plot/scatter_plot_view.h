#pragma once

#include <QColor>
#include <QImage>
#include <QPointF>
#include <QString>
#include <QStringList>
#include <QVector>
#include <QWidget>
#include <functional>

#include "widgets/plot/plot_axis.h"

class QPainter;

namespace convscope::widgets {

/// A scatter of labelled points (e.g. test images' embeddings): one colour per class from a qualitative
/// palette readable on white (Tableau 10, repeated past ten classes), a legend column with the class names
/// at the right, round ticks and light grid lines, axis titles, a title and a subtitle line (e.g. "kNN
/// accuracy (k = 5): 84.2 %"). Without points it says `emptyText` instead. Everything but the hover popup
/// is painted by render(), so an export is one picture.
///
/// Hover: the point nearest to the mouse within a few pixels is ringed, and a tooltip-like box beside it
/// shows the thumbnail the provider gives for it, its class and the hover text; pointHovered() reports it
/// when it changes and left() when there is none.
class ScatterPlotView : public QWidget {
    Q_OBJECT
public:
    /// Screen distance within which the nearest point counts as hovered.
    static constexpr double kHoverRadius = 6.0;

    explicit ScatterPlotView(QWidget* parent = nullptr);

    /// `points` in data coordinates and each one's class (an index into the class names); the shorter of
    /// the two decides the count. Non-finite points are not drawn.
    void setPoints(QVector<QPointF> points, QVector<int> classes);
    /// Class c's name in the legend and the popup ("class c" past the list's end).
    void setClassNames(const QStringList& names);
    void clear();
    void setTitle(const QString& title);
    void setSubtitle(const QString& subtitle);
    void setAxisTitles(const QString& x, const QString& y);
    /// Shown in the plot while there are no points: what to do to get some.
    void setEmptyText(const QString& text);
    /// The popup's picture of point i (a null image for none); called when the hovered point changes.
    void setThumbnailProvider(std::function<QImage(int index)> provider);
    /// The popup's line under the class name, e.g. "test image 1234"; empty: "point i".
    void setHoverText(std::function<QString(int index)> text);

    int count() const { return int(m_points.size()); }
    const QVector<QPointF>& points() const { return m_points; }
    const QVector<int>& classes() const { return m_classes; }
    QString className(int c) const;
    QString title() const { return m_title; }
    QString subtitle() const { return m_subtitle; }
    QString xTitle() const { return m_xTitle; }
    QString yTitle() const { return m_yTitle; }
    QString emptyText() const { return m_emptyText; }
    /// The colour of class c: Tableau 10 (distinct for the common colour-vision deficiencies).
    static QColor classColor(int c);

    /// The geometry at the widget's current size: the axes (ranges padded by 5 %, pixel mapping), the plot
    /// area and the legend (empty without points), in widget coordinates.
    PlotAxis xAxis() const;
    PlotAxis yAxis() const;
    QRectF plotRect() const;
    QRectF legendRect() const;
    /// Widget position of point i.
    QPointF mapToWidget(int index) const;
    /// The point nearest to `pos` within kHoverRadius; -1 when none.
    int nearestPoint(const QPoint& pos) const;
    int hoveredIndex() const { return m_hover; }
    /// The popup's box at the current hover (empty when none).
    QRectF popupRect() const;

    /// Paints the plot into `target` on white, without hover decorations.
    void render(QPainter& painter, const QRect& target) const;
    /// PNG (at device pixel ratio 2) or SVG of the plot at the widget's size; false with a sentence in
    /// `error` when the file cannot be written.
    bool exportImage(const QString& path, QString* error = nullptr) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void pointHovered(int index);
    void left();

protected:
    void paintEvent(QPaintEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    struct Geometry;
    Geometry layout(const QRect& target, const QPaintDevice* device) const;
    void paintPopup(QPainter& painter) const;
    void setHover(int index);

    QVector<QPointF> m_points;
    QVector<int> m_classes;
    QStringList m_classNames;
    QString m_title, m_subtitle, m_xTitle, m_yTitle, m_emptyText;
    std::function<QImage(int)> m_thumbnail;
    std::function<QString(int)> m_hoverText;
    int m_hover = -1;
    QImage m_hoverImage;  ///< the provider's picture of the hovered point, fetched once per hover
};

}  // namespace convscope::widgets
