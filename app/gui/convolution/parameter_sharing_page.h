#pragma once

#include <QString>
#include <QWidget>
#include <vector>

#include "core/conv/receptive_field.h"

class QCheckBox;
class QLabel;
class QPushButton;
class QScrollArea;
class QSpinBox;
class QTableWidget;

namespace convscope::widgets {
class LogBarChart;
}

namespace convscope::gui {

/// The "Parameter sharing" page: the textbook's compare_parameter_counts — one k×k convolution against a
/// fully connected layer on the same n×n input for n = 8 … 128 — as a table, a log-scale bar chart and the
/// seed's worked examples, all computed from the current kernel size and channel counts.
class ParameterSharingPage : public QWidget {
    Q_OBJECT
public:
    explicit ParameterSharingPage(QWidget* parent = nullptr);

    /// Recomputes everything for a kernel and channel counts (the spin boxes follow).
    void setParameters(int kernel, int inChannels, int outChannels);

    /// Writes the table as CSV (numbers without separators); false with a sentence in `error` when the file
    /// cannot be written.
    bool exportCsv(const QString& path, QString* error) const;
    /// Writes the chart as a PNG of 1200 x 700 pixels.
    bool exportChartPng(const QString& path, QString* error) const;
    /// The CSV text exportCsv writes.
    QString csvText() const;

    /// "4,160": integers as the page prints them.
    static QString groupedNumber(long long value);

    const std::vector<conv::ParameterComparison>& rows() const { return m_rows; }
    QSpinBox* kernelSpin() const { return m_kernel; }
    QSpinBox* inChannelsSpin() const { return m_in; }
    QSpinBox* outChannelsSpin() const { return m_out; }
    /// "Batch norm follows": the example then counts the convolution without its bias and says why.
    QCheckBox* batchNormBox() const { return m_batchNorm; }
    QTableWidget* table() const { return m_table; }
    widgets::LogBarChart* chart() const { return m_chart; }
    QLabel* exampleLabel() const { return m_example; }
    QLabel* sharingExampleLabel() const { return m_sharingExample; }
    QLabel* errorLabel() const { return m_error; }

private:
    void recompute();
    void fillTable();
    void fillChart();
    void fillExamples();
    void askCsvPath();
    void askPngPath();

    QSpinBox* m_kernel = nullptr;
    QSpinBox* m_in = nullptr;
    QSpinBox* m_out = nullptr;
    QCheckBox* m_batchNorm = nullptr;
    QTableWidget* m_table = nullptr;
    widgets::LogBarChart* m_chart = nullptr;
    QLabel* m_example = nullptr;
    QLabel* m_sharingExample = nullptr;
    QLabel* m_error = nullptr;
    QPushButton* m_csv = nullptr;
    QPushButton* m_png = nullptr;
    QScrollArea* m_leftScroll = nullptr;
    std::vector<conv::ParameterComparison> m_rows;
};

}  // namespace convscope::gui
