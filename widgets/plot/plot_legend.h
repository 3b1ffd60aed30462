#pragma once

#include <QColor>
#include <QPolygonF>
#include <QRectF>
#include <QString>
#include <QVector>

class QFontMetrics;
class QPainter;

namespace convscope::widgets {

/// The legend box of a line plot: one row per entry (a line sample, dashed or solid, with a dot when the
/// series has markers, and the name), placed in the corner of the plot that hides the least data.
class PlotLegend {
public:
    struct Entry {
        QString name;
        QColor color;
        bool dashed = false;
        bool markers = false;
    };

    /// The box's size for `entries`, at most `maxWidth` wide (longer names are elided when painted).
    static QSizeF sizeFor(const QVector<Entry>& entries, const QFontMetrics& fm, double maxWidth);
    /// The box of `size` in `corner` of `plot`, inset a few pixels.
    static QRectF boxAt(const QRectF& plot, const QSizeF& size, Qt::Corner corner);
    /// `preferred` when its box covers no point or segment of `lines` (pixel polylines) and none of `avoid`;
    /// otherwise the corner that covers least, the preferred one winning ties.
    static Qt::Corner place(const QRectF& plot, const QSizeF& size, Qt::Corner preferred,
                            const QVector<QPolygonF>& lines, const QVector<QRectF>& avoid);
    static void paint(QPainter& painter, const QRectF& box, const QVector<Entry>& entries,
                      const QFontMetrics& fm);
};

}  // namespace convscope::widgets
