#pragma once

#include <QRect>
#include <QString>
#include <QStringList>
#include <QVector>
#include <QWidget>

namespace convscope::widgets {

/// Everything the inspector shows for one output pixel. Arrays are rows*cols, row-major.
struct PixelInspectorData {
    int x = 0;
    int y = 0;
    QString channel;  ///< "R", "G", "B", "Gray"
    int rows = 0;
    int cols = 0;
    QVector<double> inputs;    ///< input values under the kernel
    QVector<bool> outside;     ///< position lies outside the image (value came from the border rule)
    QVector<double> weights;   ///< kernel coefficients as applied (flipped for convolution)
    QVector<double> products;  ///< inputs * weights
    double sum = 0.0;          ///< the output value
    QString borderName;        ///< e.g. "reflect-101", for the legend of outside cells
    QString modeName;          ///< "correlation" or "convolution"
};

/// Draws, side by side, the input neighbourhood, the kernel as applied and the element-wise products as
/// grids of numbers (cells outside the image hatched), and below them the sum written out
/// ("12·0.0751 + 15·0.1238 + … = 98.4"). Large kernels shrink the cells and drop numbers that cannot fit,
/// keeping the colours; the sum line is shortened with an ellipsis but always ends with the exact total.
class PixelInspectorView : public QWidget {
    Q_OBJECT
public:
    explicit PixelInspectorView(QWidget* parent = nullptr);

    void setData(const PixelInspectorData& data);
    /// Shows `message` instead of grids (e.g. "Hover over the result to inspect a pixel").
    void clear(const QString& message);
    bool hasData() const { return m_hasData; }
    const PixelInspectorData& data() const { return m_data; }
    /// The arithmetic line as shown, for tests and copying.
    QString formulaText() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;
    bool event(QEvent* event) override;  // tooltips for single cells

private:
    /// Where everything goes at the current widget size.
    struct Geometry {
        int cell = 0;
        QRect grids[3];
        QRect titles[3];
        QPointF operators[2];
        QRect formula;
        QRect mode;
        QRect legend;
    };
    Geometry geometry() const;
    QStringList titles() const;
    int preferredCell() const;
    int textLineCount() const;
    QString elidedFormula(const QFontMetrics& metrics, int width) const;
    QString cellToolTip(int row, int col) const;

    PixelInspectorData m_data;
    bool m_hasData = false;
    QString m_message;
};

}  // namespace convscope::widgets
