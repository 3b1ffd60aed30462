#pragma once

#include <QRectF>
#include <QString>
#include <QVector>
#include <QWidget>

class QPainter;

namespace convscope::widgets {

/// One level of a receptive-field drawing: the input (level 0) or the output of a layer.
struct FieldLevel {
    QString name;   ///< "input 32", "conv1 3×3 s1", ...
    int size = 0;   ///< units along the axis
    int first = 0;  ///< span of units the selected top unit depends on (may reach outside 0..size-1)
    int last = 0;
    int receptiveField = 1;  ///< in input pixels, printed at the right
};

/// Draws a stack of 1-D layers (input at the bottom), each a row of unit cells, with the cone of units one
/// selected unit of the top layer depends on shaded down to the input, and each level's receptive field
/// written at the right. Long rows are scaled to fit; clicking a unit of the top row emits unitClicked.
class ReceptiveFieldView : public QWidget {
    Q_OBJECT
public:
    explicit ReceptiveFieldView(QWidget* parent = nullptr);

    /// levels[0] is the input; the last entry is the top layer.
    void setLevels(const QVector<FieldLevel>& levels, int selectedUnit);
    const QVector<FieldLevel>& levels() const { return m_levels; }
    int selectedUnit() const { return m_selected; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

    /// Where unit `unit` of level `level` is drawn (also padding positions outside 0..size-1); null for a
    /// level that does not exist. For tests and overlays.
    QRectF unitRect(int level, int unit) const;

Q_SIGNALS:
    void unitClicked(int unit);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;

private:
    struct Geometry {
        double cell = 0.0;     // px per unit, shared by all levels
        double originX = 0.0;  // x of the centre of every level
        int rowH = 0;
        QVector<int> rowTop;  // per level
        QRect header;
        QRect names;   // x range of the level names
        QRect fields;  // x range of the "RF = n px" texts
    };
    Geometry geometry() const;
    double unitLeft(const Geometry& g, int level, int unit) const;
    void paintLevel(QPainter& painter, const Geometry& g, int level) const;

    QVector<FieldLevel> m_levels;
    int m_selected = 0;
};

}  // namespace convscope::widgets
