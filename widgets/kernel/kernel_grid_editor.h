#pragma once

#include <QString>
#include <QVector>
#include <QWidget>

class QTableWidget;
class QSpinBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;

namespace convscope::widgets {

/// An editable grid of kernel coefficients, 1x1 to 31x31 (odd and even sizes), with size spin boxes and
/// buttons to normalise to sum 1, flip (rotate 180°), transpose and scale. A cell that does not hold a finite
/// number is rejected on the spot: the previous value is restored and the message says why.
/// Cells are tinted by sign and magnitude; the sum, minimum and maximum are shown below the grid.
/// Accepted entries: "0.25", "+1", "-1" or "−1", "1e-3", "1/9", and "0,5" (a single decimal comma is read as
/// a decimal point, for learners whose locale writes decimals that way).
class KernelGridEditor : public QWidget {
    Q_OBJECT
public:
    static constexpr int kMaxSide = 31;

    explicit KernelGridEditor(QWidget* parent = nullptr);

    /// Shows a kernel without emitting kernelEdited. `values` is row-major, rows*cols long.
    void setKernel(int rows, int cols, const QVector<double>& values);
    int rows() const;
    int cols() const;
    QVector<double> values() const;
    /// The last rejection message, empty when the last edit was valid.
    QString errorMessage() const { return m_error; }
    /// The table, so tests and the panel's inspector can address cells.
    QTableWidget* table() const { return m_table; }

public Q_SLOTS:
    void normalize();
    void flip();
    void transpose();
    void scaleBy(double factor);
    void resizeKernel(int rows, int cols);

Q_SIGNALS:
    /// After every accepted user change: a cell edit, a resize or one of the operations.
    void kernelEdited(int rows, int cols, QVector<double> values);
    /// A rejection message, or an empty string when a later edit was accepted.
    void errorChanged(QString message);

private:
    void onCellChanged(int row, int col);
    void applyText(int row, int col, const QString& text);
    void syncSizeBoxes();
    void updateCellSize();
    void refreshCells();
    void refreshCell(int row, int col, double maxAbs);
    void refreshSummary();
    void setError(const QString& message);
    void commit();

    QTableWidget* m_table = nullptr;
    QSpinBox* m_rows = nullptr;
    QSpinBox* m_cols = nullptr;
    QDoubleSpinBox* m_scale = nullptr;
    QLabel* m_summary = nullptr;
    QLabel* m_errorLabel = nullptr;
    QVector<double> m_values;
    int m_rowCount = 3;
    int m_colCount = 3;
    QString m_error;
    bool m_updating = false;
};

}  // namespace convscope::widgets
