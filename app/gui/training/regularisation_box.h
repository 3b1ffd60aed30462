#pragma once

#include <QGroupBox>

class QCheckBox;
class QDoubleSpinBox;

namespace convscope::gui {

class LabelSmoothingView;

/// The Training form's "Regularisation" group: batch normalisation on or off and the dropout probability
/// (ModelConfig::batchNorm and ::dropout), so that runs with and without them can be compared, and the label
/// smoothing ε of the loss (TrainConfig::labelSmoothing, every model) with a chart of the targets it makes.
/// Each control is enabled only for the models it applies to (core/nn/models/model_switches.h); otherwise it
/// is greyed and its tooltip says why. Emits changed() after every edit by the learner.
class RegularisationBox : public QGroupBox {
    Q_OBJECT
public:
    explicit RegularisationBox(QWidget* parent = nullptr);

    /// Enables the controls that apply to `model`; `fixedByWeights` (fine-tuning) keeps the batch norm choice
    /// of the starting weights, which fixes the layers (dropout has no weights and stays free).
    void setModel(const QString& model, bool fixedByWeights);
    /// The learner's choices, whether or not they apply (the form keeps only those that do). A model without
    /// batch norm shows the box unticked and greyed; the choice comes back with a model that has it.
    bool batchNorm() const;
    double dropout() const;
    /// Shows the values without emitting changed().
    void setValues(bool batchNorm, double dropout);
    double labelSmoothing() const;
    /// Shows ε without emitting changed().
    void setLabelSmoothing(double epsilon);

    QCheckBox* batchNormBox() const { return m_batchNorm; }
    QDoubleSpinBox* dropoutBox() const { return m_dropout; }
    QDoubleSpinBox* labelSmoothingBox() const { return m_labelSmoothing; }
    LabelSmoothingView* labelSmoothingView() const { return m_targets; }

Q_SIGNALS:
    void changed();

private:
    QCheckBox* m_batchNorm = nullptr;
    QDoubleSpinBox* m_dropout = nullptr;
    QDoubleSpinBox* m_labelSmoothing = nullptr;
    LabelSmoothingView* m_targets = nullptr;
    bool m_batchNormChoice = true;
};

}  // namespace convscope::gui
