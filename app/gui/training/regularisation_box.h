#pragma once

#include <QGroupBox>

class QCheckBox;
class QDoubleSpinBox;

namespace convscope::gui {

/// The Training form's "Regularisation" group: batch normalisation on or off and the dropout probability
/// (ModelConfig::batchNorm and ::dropout), so that runs with and without them can be compared. Each control
/// is enabled only for the models it applies to (core/nn/models/model_switches.h); otherwise it is greyed
/// and its tooltip says why. Emits changed() after every edit by the learner.
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

    QCheckBox* batchNormBox() const { return m_batchNorm; }
    QDoubleSpinBox* dropoutBox() const { return m_dropout; }

Q_SIGNALS:
    void changed();

private:
    QCheckBox* m_batchNorm = nullptr;
    QDoubleSpinBox* m_dropout = nullptr;
    bool m_batchNormChoice = true;
};

}  // namespace convscope::gui
