#pragma once

#include <QString>

#include "app/gui/support/panel.h"
#include "core/common/kernel.h"
#include "core/imaging/filter_options.h"

class QSplitter;
class QTabWidget;

namespace convscope::gui {

class FrequencyController;
class FrequencyControls;
class ImageDocument;
class ResponsePage;
class SpeedController;
class SpeedPage;
class TheoremPage;

/// The Frequency tab: what a kernel does to each spatial frequency. Pages "Kernel response" (magnitude and
/// phase of kernel A and a comparison kernel B, slices, radial profiles), "Convolution theorem" (spectra
/// multiplied and transformed back, against the spatial result) and "Speed" (direct against FFT filtering
/// of the current image). Kernel A follows the Filters panel unless the user chooses one here. All
/// computation runs on worker threads; the newest request wins.
class FrequencyPanel : public Panel {
    Q_OBJECT
public:
    explicit FrequencyPanel(const ImageDocument* document, QWidget* parent = nullptr);
    ~FrequencyPanel() override;

    /// The Filters panel's kernel and options (the main window forwards every change).
    void setFiltersKernel(const common::Kernel& kernel, const QString& title,
                          const imaging::FilterOptions& options);
    /// Shows `kernel` here as kernel A (e.g. a learned conv1 filter), selecting the Kernel response page.
    QString showKernel(const common::Kernel& kernel, const QString& title);
    /// True while a response or theorem request is waiting for its result.
    bool isComputing() const;

    FrequencyControls* controls() const { return m_controls; }
    ResponsePage* responsePage() const { return m_response; }
    TheoremPage* theoremPage() const { return m_theorem; }
    SpeedPage* speedPage() const { return m_speed; }
    QTabWidget* pages() const { return m_pages; }

    QString title() const override;
    /// The page, kernel A's source and the kernel chosen here, the comparison, the transform's options and
    /// the theorem's padding.
    void saveState() const override;
    void restoreState() override;

protected:
    void showEvent(QShowEvent* event) override;

private:
    void requestResponses();
    void requestTheorem();
    void startSpeed();
    void onPageChanged();

    const ImageDocument* m_document = nullptr;
    FrequencyControls* m_controls = nullptr;
    ResponsePage* m_response = nullptr;
    TheoremPage* m_theorem = nullptr;
    SpeedPage* m_speed = nullptr;
    QTabWidget* m_pages = nullptr;
    QSplitter* m_splitter = nullptr;
    FrequencyController* m_compute = nullptr;
    SpeedController* m_timing = nullptr;
    imaging::FilterOptions m_filterOptions;
    bool m_theoremDirty = true;
    /// Responses are computed while the panel is visible; asked for while hidden, they wait until it shows.
    bool m_responsesDirty = true;
};

}  // namespace convscope::gui
