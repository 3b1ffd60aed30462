#pragma once

#include <QImage>
#include <QString>
#include <QStringList>
#include <QVector>
#include <QWidget>
#include <functional>
#include <limits>

#include "core/common/colormap.h"
#include "widgets/plot/heatmap_scene.h"

class QPainter;

namespace convscope::widgets {

/// A rows×cols scalar field drawn as an image (e.g. a kernel's magnitude or phase response), with a title,
/// ticked axes in physical units and a colour bar, all painted by render() so that an export is one picture.
///
/// Coordinates: row 0 is drawn at the top. With setAxes(xMin, xMax, yMin, yMax), column c's centre is at
/// x = xMin + c·(xMax − xMin)/(cols − 1) and row r's centre at y = yMin + r·(yMax − yMin)/(rows − 1), so y
/// grows downwards like image rows; a single column (row) is centred on (xMin + xMax)/2 and spans xMin..xMax.
/// Without setAxes, x and y are the column and row indices. The image extends half a cell beyond the first
/// and last centres; cells are square unless setKeepAspect(false).
///
/// Hover: emits hovered() with the cell under the mouse (x and y of the cell's centre) whenever that cell
/// changes, left() when the mouse leaves the image, and draws a crosshair and a read-out near the cursor.
/// Click: a left click on a cell emits cellClicked(); while something listens, cells show a pointing hand.
class HeatmapView : public QWidget {
    Q_OBJECT
public:
    /// Extra read-out lines for a cell (e.g. "phase 1.57 rad"); several lines separated by '\n'.
    using HoverText = std::function<QString(int row, int col)>;

    explicit HeatmapView(QWidget* parent = nullptr);

    /// Row-major values, row 0 at the top; NaN cells are drawn in nanColor(). A vector of the wrong length
    /// is cut or padded with NaN; rows or cols < 1 clears the view.
    void setData(int rows, int cols, QVector<float> values);
    void clear();
    int rows() const { return m_rows; }
    int cols() const { return m_cols; }
    /// NaN outside the field.
    double valueAt(int row, int col) const;

    void setColormap(common::Colormap map);
    common::Colormap colormap() const { return m_colormap; }
    /// Values at the bottom and top of the colour bar; values outside are clamped to the end colours.
    void setValueRange(double low, double high);
    /// The colour range follows the finite data (min..max). The default.
    void setAutoRange();
    bool isAutoRange() const { return m_autoRange; }
    /// The range in use; NaN when auto and there is no finite value.
    double rangeLow() const { return m_low; }
    double rangeHigh() const { return m_high; }

    /// Physical coordinates of the first and last cell centres (see the class comment) and axis titles.
    void setAxes(double xMin, double xMax, double yMin, double yMax, const QString& xTitle,
                 const QString& yTitle);
    /// Back to index axes (column and row numbers, whole-number ticks), titled `xTitle` and `yTitle`: e.g.
    /// "x (px)" for a picture. Undoes setAxes.
    void setAxisTitles(const QString& xTitle, const QString& yTitle);
    /// With setAxes: the smallest tick steps in axis units (0: any), e.g. 1 for training steps or layer
    /// numbers, so that no tick falls between two whole numbers. Index axes always tick whole numbers.
    void setMinTickSteps(double x, double y);
    void setTitle(const QString& title);
    QString title() const { return m_title; }
    void setColorBarLabel(const QString& label);
    /// Square cells (true, the default) or cells stretched to fill the plot area.
    void setKeepAspect(bool keep);
    void setHoverText(HoverText text);

    /// Centre of column `col` / row `row` in axis units (fractional indices allowed).
    double xOfCol(double col) const;
    double yOfRow(double row) const;
    /// The cell under `pos` (widget coordinates); false outside the image.
    bool cellAt(const QPoint& pos, int* row, int* col) const;
    /// Where cell (row, col) is drawn in the widget at its current size.
    QRectF cellRect(int row, int col) const;
    /// The colour a value is drawn in with the current colormap and range.
    QColor colorFor(double value) const;
    static QColor nanColor();
    /// The five colour-bar ticks, from the low end to the high end (one when the range is a single value,
    /// none without data), and their labels.
    QVector<double> colorBarTicks() const;
    QStringList colorBarTickLabels() const;
    /// The read-out shown for a cell: value, position, then the HoverText lines.
    QString hoverLabel(int row, int col) const;
    /// The cached picture, one pixel per cell.
    const QImage& image() const { return m_image; }

    /// Paints the whole plot (title, axes, image, colour bar) into `target`, e.g. for PNG and SVG export.
    /// Hover decorations are not part of it.
    void render(QPainter& painter, const QRect& target) const;

    /// What render() paints, as plain values (HeatmapPainter lays it out).
    HeatmapScene scene() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void hovered(int row, int col, double x, double y, double value);
    void left();
    /// A left click on cell (row, col), e.g. to open the images behind a confusion-matrix cell.
    void cellClicked(int row, int col);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void rebuildImage();
    void updateRange();
    void setHover(int row, int col);
    void paintHover(QPainter& painter) const;
    // Centre of column 0 and the distance between column centres in axis units; the same for rows.
    void axisMapping(bool horizontal, double* first, double* step) const;

    int m_rows = 0;
    int m_cols = 0;
    QVector<float> m_values;
    QImage m_image;
    common::Colormap m_colormap = common::Colormap::Viridis;
    bool m_autoRange = true;
    double m_low = std::numeric_limits<double>::quiet_NaN();
    double m_high = std::numeric_limits<double>::quiet_NaN();
    bool m_hasAxes = false;
    double m_minTickX = 0.0, m_minTickY = 0.0;
    double m_xMin = 0.0;
    double m_xMax = 0.0;
    double m_yMin = 0.0;
    double m_yMax = 0.0;
    QString m_xTitle;
    QString m_yTitle;
    QString m_title;
    QString m_barLabel;
    bool m_keepAspect = true;
    HoverText m_hoverText;
    int m_hoverRow = -1;
    int m_hoverCol = -1;
    QPoint m_hoverPos;
};

}  // namespace convscope::widgets
