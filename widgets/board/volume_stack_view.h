#pragma once

#include <QRectF>
#include <QString>
#include <QVector>
#include <QWidget>

class QPainter;

namespace convscope::widgets {

/// One D x H x W volume drawn as a stack of depth planes (frames).
struct PlaneStack {
    QString title;  ///< "Input (zero-padded)", "Output"
    int depth = 0;
    int height = 0;
    int width = 0;
    QVector<double>
        values;         ///< depth * height * width, plane after plane; NaN = not computed yet (empty cell)
    int padDepth = 0;   ///< planes before and after the input that are zero padding (labelled "pad")
    int padHeight = 0;  ///< rows above and below that are padding (grey)
    int padWidth = 0;
    QVector<int> marked;  ///< flat indices of the cells under the kernel (input) or being written (output)

    int index(int z, int y, int x) const { return (z * height + y) * width + x; }
};

/// The "3-D convolution" board: the input as a stack of semi-transparent depth planes offset down and to the
/// right (plane d = 0 at the back), the kernel as a box through the planes it covers, an arrow, and the
/// output as its own stack, to the right of the input or below it, whichever gives larger cells. Planes
/// holding marked cells are drawn last and the marked cells' outlines once more on top, so that the cells the
/// step reads stay visible however deep they are. Each plane is labelled d=0 … D−1 below its left corner
/// ("pad" for padding).
class VolumeStackView : public QWidget {
    Q_OBJECT
public:
    enum Stack { Input = 0, Output = 1 };

    explicit VolumeStackView(QWidget* parent = nullptr);

    void setStacks(const PlaneStack& input, const PlaneStack& output);
    /// The kernel window in the input stack's coordinates (padding included), first and last plane, row and
    /// column inclusive; drawn as a box joining its rectangle on the first and on the last plane. An empty
    /// box (z1 < z0) hides it.
    void setKernelBox(int z0, int z1, int y0, int y1, int x0, int x1);
    void clearKernelBox() { setKernelBox(0, -1, 0, -1, 0, -1); }

    const PlaneStack& stack(Stack which) const { return which == Input ? m_input : m_output; }
    bool hasKernelBox() const { return m_box[1] >= m_box[0]; }

    /// Where a cell is drawn (null when out of range); for tests and overlays.
    QRectF cellRect(Stack which, int z, int y, int x) const;
    /// The whole plane z of a stack.
    QRectF planeRect(Stack which, int z) const;
    /// "d=0" … for input planes, "pad" for padding planes.
    QString planeLabel(Stack which, int z) const;
    /// The cell size in pixels (both stacks share it).
    double cellSize() const { return geometry().cell; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    struct Geometry {
        double cell = 0.0;
        bool vertical = false;  // output below the input rather than to its right
        QPointF origin[2];      // top-left of plane 0 of each stack
        double offX[2] = {0, 0};
        double offY[2] = {0, 0};
        QRectF arrow;
    };
    Geometry geometry() const;
    void paintStack(QPainter& painter, const Geometry& g, Stack which) const;
    void paintPlane(QPainter& painter, const Geometry& g, Stack which, int z, bool active) const;
    void paintCell(QPainter& painter, const Geometry& g, Stack which, int z, int y, int x, int alpha,
                   bool marked) const;
    void paintKernelBox(QPainter& painter, const Geometry& g) const;

    PlaneStack m_input;
    PlaneStack m_output;
    int m_box[6] = {0, -1, 0, -1, 0, -1};
    double m_maxAbs[2] = {1.0, 1.0};
};

}  // namespace convscope::widgets
