#pragma once

#include <QWidget>

#include "core/nn/train/train_config.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QPushButton;
class QSpinBox;

namespace convscope::gui {

class RegularisationBox;
class TrainingDataBox;
class TrainingStartBox;

/// The Training panel's settings: a preset (a quick CPU run, the seed's recipe for a GPU) and every option of
/// `convscope-cli train`, grouped as model, optimisation, data and machine, then the data source and the
/// weights to start from (TrainingStartBox). Starting from trained weights fixes the architecture: the model
/// choices then show the weights' own, disabled. Emits changed() after every edit; an edit that departs from
/// the preset shows "Custom".
class TrainingForm : public QWidget {
    Q_OBJECT
public:
    explicit TrainingForm(QWidget* parent = nullptr);

    nn::TrainConfig config() const;
    void setConfig(const nn::TrainConfig& config);
    QString dataDirectory() const;
    void setDataDirectory(const QString& directory);

    /// The presets, in menu order: "quick" (ResNet-18 with the ImageNet stem at 28 px, Adam with a one-cycle
    /// schedule, one epoch: about two minutes on two cores) and "seed" (the seed's recipe: ResNet-18 at 224
    /// px, SGD with momentum 0.9 from 0.1 divided by 10 twice, weight decay 5e-4, augmentation, ten epochs,
    /// CUDA).
    static nn::TrainConfig preset(const QString& id);
    void selectPreset(const QString& id);
    /// The preset id shown ("quick", "seed" or "custom").
    QString presetId() const;
    /// Shows a saved form: the preset's name and the configuration as they were, without emitting changed().
    void restore(const QString& presetId, const nn::TrainConfig& config);

    QComboBox* presetCombo() const { return m_preset; }
    QComboBox* modelCombo() const { return m_model; }
    QSpinBox* epochsBox() const { return m_epochs; }
    QSpinBox* limitTrainBox() const { return m_limitTrain; }
    QSpinBox* limitTestBox() const { return m_limitTest; }
    QDoubleSpinBox* learningRateBox() const { return m_lr; }
    /// "Find…" next to the learning rate: emits findLearningRateRequested.
    QPushButton* findLearningRateButton() const { return m_findLr; }
    QComboBox* deviceCombo() const { return m_device; }
    QCheckBox* skipBox() const { return m_skip; }
    QComboBox* blockCombo() const { return m_block; }
    QComboBox* sizeCombo() const { return m_size; }
    QComboBox* stemCombo() const { return m_stem; }
    TrainingDataBox* dataBox() const { return m_dataBox; }
    /// Batch normalisation and dropout (model.batchNorm, model.dropout).
    RegularisationBox* regularisationBox() const { return m_regularisation; }
    TrainingStartBox* startBox() const { return m_startBox; }
    QComboBox* freezeCombo() const;

Q_SIGNALS:
    void changed();
    /// The learning-rate range test was asked for (the panel runs it with the form's settings).
    void findLearningRateRequested();

private:
    void updateEnabled();
    /// Shows the architecture the chosen weights fix (greyed, with the reason) or the form's own again.
    void showStartModel();
    void onEdited();

    QComboBox* m_preset = nullptr;
    QComboBox* m_model = nullptr;
    QComboBox* m_stem = nullptr;
    QComboBox* m_block = nullptr;
    QCheckBox* m_skip = nullptr;
    QComboBox* m_size = nullptr;
    QSpinBox* m_epochs = nullptr;
    QSpinBox* m_batch = nullptr;
    QComboBox* m_optimizer = nullptr;
    QDoubleSpinBox* m_lr = nullptr;
    QPushButton* m_findLr = nullptr;
    QDoubleSpinBox* m_momentum = nullptr;
    QDoubleSpinBox* m_decay = nullptr;
    QComboBox* m_schedule = nullptr;
    QCheckBox* m_augment = nullptr;
    QComboBox* m_device = nullptr;
    QSpinBox* m_threads = nullptr;
    QSpinBox* m_seed = nullptr;
    QSpinBox* m_limitTrain = nullptr;
    QSpinBox* m_limitTest = nullptr;
    TrainingDataBox* m_dataBox = nullptr;
    RegularisationBox* m_regularisation = nullptr;
    TrainingStartBox* m_startBox = nullptr;
    bool m_updating = false;
};

}  // namespace convscope::gui
