#pragma once

#include <QWidget>

#include "app/gui/convolution/conv_lab_setup.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QGroupBox;
class QLabel;
class QSpinBox;
class QToolButton;

namespace convscope::gui {

class ConvGeometryBox;
class ConvInputBox;
class ImageDocument;
class KernelControls;

/// The Convolution panel's control column: worked examples, mode, input, kernel and filter bank, geometry.
/// Every change emits setupChanged(); setup() reads the whole state as one value.
class ConvControls : public QWidget {
    Q_OBJECT
public:
    explicit ConvControls(const ImageDocument* document, QWidget* parent = nullptr);

    ConvLabSetup setup() const;
    /// Shows `setup` (mode, input, kernel, bank, geometry) and emits setupChanged once.
    void setSetup(const ConvLabSetup& setup);
    /// Switches to `mode` with its starting values (ConvLabSetup::defaultsFor).
    void selectMode(ConvMode mode);
    /// Loads conv::workedExamples()[index].
    void loadExample(int index);

    QComboBox* modeCombo() const { return m_mode; }
    QToolButton* examplesButton() const { return m_examples; }
    ConvInputBox* inputBox() const { return m_input; }
    ConvGeometryBox* geometryBox() const { return m_geometry; }
    KernelControls* kernelControls() const { return m_kernel; }
    QSpinBox* outChannelsBox() const { return m_outChannels; }
    QSpinBox* groupsBox() const { return m_groups; }

Q_SIGNALS:
    void setupChanged();
    /// A worked example was loaded: its title and the output the seed states ("→ 55×55×96").
    void exampleLoaded(const QString& title, const QString& expected);

private:
    void onModeChanged();
    void adaptToMode(const ConvLabSetup& setup);
    void emitChanged();

    QToolButton* m_examples = nullptr;
    QComboBox* m_mode = nullptr;
    QLabel* m_description = nullptr;
    ConvInputBox* m_input = nullptr;
    KernelControls* m_kernel = nullptr;
    QGroupBox* m_bank = nullptr;
    QComboBox* m_fill = nullptr;
    QSpinBox* m_outChannels = nullptr;
    QSpinBox* m_groups = nullptr;
    QCheckBox* m_useBias = nullptr;
    QDoubleSpinBox* m_bias = nullptr;
    QLabel* m_bankNote = nullptr;
    ConvGeometryBox* m_geometry = nullptr;
    int m_seed = 7;
    bool m_updating = false;
};

}  // namespace convscope::gui
