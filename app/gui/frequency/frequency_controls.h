#pragma once

#include <QString>
#include <QWidget>
#include <optional>

#include "app/gui/frequency/frequency_types.h"

class QComboBox;
class QLabel;
class QRadioButton;
class QSpinBox;

namespace convscope::gui {

class KernelControls;
struct FrequencyPanelState;

/// The Frequency panel's control column: kernel A (the Filters panel's, followed live, or one chosen here
/// with the same library and editor), the comparison kernel B, and the transform (size N, magnitude scale,
/// kernel origin, convolution or correlation). Emits changed() after every change.
class FrequencyControls : public QWidget {
    Q_OBJECT
public:
    explicit FrequencyControls(QWidget* parent = nullptr);

    /// The Filters panel's kernel, shown while "follow" is selected.
    void setFiltersKernel(const common::Kernel& kernel, const QString& title, imaging::CorrelationMode mode);
    /// Selects "choose here" with `kernel` as a custom kernel (e.g. a learned filter opened from another
    /// panel). Returns the editor's refusal, if any.
    QString showOwnKernel(const common::Kernel& kernel, const QString& title);

    /// The choices the panel remembers between sessions (see FrequencyPanelState).
    void writeState(FrequencyPanelState& state) const;
    /// Restores them (emits changed() once); values not offered any more are left as they are.
    void readState(const FrequencyPanelState& state);

    bool followsFilters() const;
    common::Kernel kernelA() const;
    QString titleA() const;
    /// How the Filters panel applies its kernel (for the convolution-theorem view).
    imaging::CorrelationMode filtersMode() const { return m_filtersMode; }
    ResponseRequest requestA() const;
    /// Empty when no comparison is chosen.
    std::optional<ResponseRequest> requestB() const;

    QRadioButton* followButton() const { return m_follow; }
    QRadioButton* ownButton() const { return m_own; }
    KernelControls* kernelControls() const { return m_kernel; }
    QComboBox* compareCombo() const { return m_compare; }
    QSpinBox* sizeBox() const { return m_size; }
    QComboBox* scaleCombo() const { return m_scale; }
    QComboBox* originCombo() const { return m_origin; }
    QComboBox* ofCombo() const { return m_of; }

Q_SIGNALS:
    void changed();

private:
    spectral::ResponseOptions options() const;
    spectral::MagnitudeScale scale() const;
    void updateEnabled();

    QRadioButton* m_follow = nullptr;
    QRadioButton* m_own = nullptr;
    QLabel* m_followLabel = nullptr;
    KernelControls* m_kernel = nullptr;
    QComboBox* m_compare = nullptr;
    QSpinBox* m_size = nullptr;
    QComboBox* m_scale = nullptr;
    QComboBox* m_origin = nullptr;
    QComboBox* m_of = nullptr;
    common::Kernel m_filtersKernel;
    QString m_filtersTitle;
    imaging::CorrelationMode m_filtersMode = imaging::CorrelationMode::Correlate;
    QString m_ownTitle;  ///< a title given with showOwnKernel, until the kernel is edited
};

/// The seed's plot_frequency_response Gaussian: the 5 x 5 binomial kernel [1 4 6 4 1]ᵀ[1 4 6 4 1] / 256.
common::Kernel seedBinomialGaussian();

}  // namespace convscope::gui
