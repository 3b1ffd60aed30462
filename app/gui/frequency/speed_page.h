#pragma once

#include <QWidget>

#include "app/gui/frequency/speed_worker.h"

class QLabel;
class QProgressBar;
class QPushButton;
class QToolButton;

namespace convscope::widgets {
class LinePlotView;
}

namespace convscope::gui {

/// The "Speed" page: direct summation against FFT filtering of the current image for kernel sizes 3 to 63,
/// measured on this machine, plotted on a log scale with the cost model's predictions (dashed) and the
/// crossover marked; the automatic choice is compared with the faster of the two measurements.
class SpeedPage : public QWidget {
    Q_OBJECT
public:
    explicit SpeedPage(QWidget* parent = nullptr);

    void setRunning(bool running);
    void setProgress(int done, int total);
    void setResult(const SpeedView& view);
    void setMessage(const QString& message);

    const SpeedView& result() const { return m_view; }
    QPushButton* measureButton() const { return m_measure; }
    widgets::LinePlotView* plot() const { return m_plot; }
    QLabel* summary() const { return m_summary; }
    QString exportPlot(const QString& path) const;
    QString exportCsv(const QString& path) const;

Q_SIGNALS:
    void measureRequested();
    void cancelRequested();

private:
    void chooseExport();

    SpeedView m_view;
    bool m_running = false;
    QPushButton* m_measure = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_summary = nullptr;
    QToolButton* m_export = nullptr;
    widgets::LinePlotView* m_plot = nullptr;
};

}  // namespace convscope::gui
