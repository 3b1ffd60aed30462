#pragma once

#include <QGroupBox>
#include <QString>
#include <QVariantMap>
#include <QVector>

#include "core/common/kernel.h"

class QComboBox;
class QFormLayout;
class QLabel;
class QPushButton;
class QWidget;

namespace convscope::widgets {
class KernelGridEditor;
}

namespace convscope::gui {

class ParamControl;

/// The "Kernel" group of the Filters panel: the preset combo ("Custom" last), the preset's description, one
/// slider + spin box per parameter, the coefficient grid and Load/Save buttons. Editing a coefficient turns
/// the choice into "Custom" and keeps the edited kernel. Emits kernelChanged after every change.
class KernelControls : public QGroupBox {
    Q_OBJECT
public:
    static const QString kCustom;  ///< presetName() of a user-made kernel: "custom"

    explicit KernelControls(QWidget* parent = nullptr);

    const common::Kernel& kernel() const { return m_kernel; }
    /// A preset name from imaging::kernelPresets(), or kCustom.
    QString presetName() const;
    /// "Sobel X", or "Custom".
    QString presetTitle() const;
    /// Current parameter values by key (empty for presets without parameters and for Custom).
    QVariantMap paramValues() const;

    /// Selects a preset with `params` (defaults for missing or invalid ones); emits kernelChanged.
    /// Unknown names select the first preset.
    void selectPreset(const QString& name, const QVariantMap& params = {});
    /// Shows `kernel` as a Custom kernel; emits kernelChanged. Kernels larger than the grid editor allows are
    /// refused and the reason returned; empty on success.
    QString setCustomKernel(const common::Kernel& kernel);
    /// Shows `kernel` as the preset it equals at that preset's default parameters (so the seed's Sobel X
    /// reads "Sobel X"), else as Custom; emits kernelChanged. Returns setCustomKernel's refusal, if any.
    QString showMatchingKernel(const common::Kernel& kernel);

    widgets::KernelGridEditor* editor() const { return m_editor; }
    QComboBox* presetCombo() const { return m_combo; }

Q_SIGNALS:
    void kernelChanged();

private:
    void onPresetIndexChanged(int index);
    void rebuildParams(const QVariantMap& params);
    void rebuildKernel();
    void onEditorEdited(int rows, int cols, const QVector<double>& values);
    void switchToCustom();
    void showKernel();
    void loadKernel();
    void saveKernel();
    QString dialogDirectory() const;

    QComboBox* m_combo = nullptr;
    QLabel* m_description = nullptr;
    QWidget* m_paramsBox = nullptr;
    QFormLayout* m_paramsLayout = nullptr;
    QVector<ParamControl*> m_params;
    widgets::KernelGridEditor* m_editor = nullptr;
    QLabel* m_error = nullptr;
    QPushButton* m_load = nullptr;
    QPushButton* m_save = nullptr;
    common::Kernel m_kernel;
};

}  // namespace convscope::gui
