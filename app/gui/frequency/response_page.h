#pragma once

#include <QString>
#include <QWidget>
#include <array>

#include "app/gui/frequency/frequency_types.h"

class QLabel;
class QToolButton;

namespace convscope::widgets {
class HeatmapView;
class LinePlotView;
}  // namespace convscope::widgets

namespace convscope::gui {

/// The "Kernel response" page: for kernel A and the comparison kernel B, the magnitude (grey, as the seed
/// draws it) and the phase (a cyclic colormap) with colour bars and a hover read-out; below, the centre
/// slices and the radial profile of both as line plots, and what each response does. Exports the plots as PNG
/// or SVG and the numbers as CSV.
class ResponsePage : public QWidget {
    Q_OBJECT
public:
    explicit ResponsePage(QWidget* parent = nullptr);

    void setResponse(const ResponseView& view);
    /// Clears slot 1 (no comparison chosen).
    void clearComparison();
    /// Shows why slot `slot` could not be computed; its plots keep the last valid response, greyed.
    void setError(int slot, const QString& message);

    const ResponseView& response(int slot) const { return m_views[std::size_t(slot)]; }
    bool hasResponse(int slot) const { return m_views[std::size_t(slot)].size > 0; }
    widgets::HeatmapView* magnitudeView(int slot) const { return m_magnitude[std::size_t(slot)]; }
    widgets::HeatmapView* phaseView(int slot) const { return m_phase[std::size_t(slot)]; }
    widgets::LinePlotView* slicePlot() const { return m_slices; }
    widgets::LinePlotView* radialPlot() const { return m_radial; }
    QLabel* readout() const { return m_readout; }
    QLabel* summaryLabel(int slot) const { return m_summary[std::size_t(slot)]; }

    /// Writes the page as one picture (PNG or SVG by the extension) / the responses' numbers as CSV: the
    /// slices and the radial profiles, or with `grid` the full N x N magnitude and phase of kernel A.
    QString exportPlots(const QString& path) const;
    QString exportCsv(const QString& path, bool grid) const;

private:
    void showHover(int slot, int row, int col);
    void updatePlots();
    void chooseExport();

    std::array<ResponseView, 2> m_views;
    std::array<widgets::HeatmapView*, 2> m_magnitude{};
    std::array<widgets::HeatmapView*, 2> m_phase{};
    std::array<QLabel*, 2> m_summary{};
    std::array<QWidget*, 2> m_columns{};
    widgets::LinePlotView* m_slices = nullptr;
    widgets::LinePlotView* m_radial = nullptr;
    QLabel* m_readout = nullptr;
    QToolButton* m_export = nullptr;
};

/// "ln(1 + |H|)", "|H|", "20 log₁₀ |H| (dB)".
QString scaleLabel(spectral::MagnitudeScale scale);

}  // namespace convscope::gui
