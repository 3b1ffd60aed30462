#pragma once

#include <QString>
#include <QWidget>
#include <vector>

#include "core/conv/receptive_field.h"

class QComboBox;
class QLabel;
class QSpinBox;
class QTableWidget;

namespace convscope::widgets {
class ReceptiveFieldView;
}

namespace convscope::gui {

class LayerStackEditor;

/// The "Receptive field" page: an editable stack of layers (kernel, stride, dilation, padding), the input
/// size and presets from the textbook; the cone of units one selected top unit depends on, and per layer its
/// output size, receptive field, jump and start with the arithmetic of the recurrences. Everything is
/// recomputed on each edit (microseconds); an impossible layer is named in red while the view keeps the last
/// valid stack.
class ReceptiveFieldPage : public QWidget {
    Q_OBJECT
public:
    explicit ReceptiveFieldPage(QWidget* parent = nullptr);

    /// Replaces the stack (the preset combo shows "Custom").
    void setLayers(int inputSize, const std::vector<conv::LayerGeometry>& layers);
    /// 0 "Three 3×3 convolutions", 1 "3×3 conv, 2×2 pool stride 2, 3×3 conv", 2 "Dilated 3×3 stack
    /// d = 1, 2, 4", 3 "AlexNet CONV1–POOL2". Out-of-range indices are ignored.
    void selectPreset(int index);
    static int presetCount();
    /// Selects a unit of the top layer (clamped), as clicking it in the view does.
    void selectUnit(int unit);

    int inputSize() const;
    int selectedUnit() const { return m_selected; }
    /// The fields of the last valid stack.
    const std::vector<conv::FieldAtLayer>& fields() const { return m_fields; }
    QString errorText() const;

    QComboBox* presetCombo() const { return m_preset; }
    QSpinBox* inputSizeSpin() const { return m_inputSize; }
    /// The editable layer table (name, kernel, stride, dilation, padding); edits through its model recompute.
    QTableWidget* layerTable() const;
    QTableWidget* resultsTable() const { return m_results; }
    widgets::ReceptiveFieldView* view() const { return m_view; }
    QLabel* errorLabel() const { return m_error; }
    QLabel* unitLabel() const { return m_unit; }

private:
    void onEdited();
    void recompute();
    void showError(const QString& message);
    void fillResults(int inputSize, const std::vector<conv::LayerGeometry>& layers);
    void updateView();

    QComboBox* m_preset = nullptr;
    QSpinBox* m_inputSize = nullptr;
    LayerStackEditor* m_editor = nullptr;
    widgets::ReceptiveFieldView* m_view = nullptr;
    QTableWidget* m_results = nullptr;
    QLabel* m_error = nullptr;
    QLabel* m_unit = nullptr;

    int m_validInput = 32;
    std::vector<conv::LayerGeometry> m_validLayers;
    std::vector<conv::FieldAtLayer> m_fields;
    int m_selected = 0;
};

}  // namespace convscope::gui
