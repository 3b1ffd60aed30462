#pragma once

#include <QGroupBox>
#include <QPointer>
#include <QVector>

#include <optional>

#include "app/gui/training/training_types.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QToolButton;

namespace convscope::gui {

class ImportController;
class ImportDialog;
struct ImportedModelInfo;
class JobRunner;
struct WeightsFileProbe;

/// The Training form's "Start from" and "Freeze" choices (fine-tuning): random weights, a run of the run
/// store that has a checkpoint, or a file — a ConvScope checkpoint, or a TorchScript model (torch.jit.save),
/// told apart by content off the GUI thread. A TorchScript file's input shape, normalisation and class names
/// are asked with the import dialog (prefilled from, and remembered in, ImportedModelStore) and the file is
/// loaded once to check it. The box shows what the start holds and where it came from (its lineage).
///
/// Starting from weights fixes the architecture: startModel() gives the settings the run must use (the
/// checkpoint's model, or importedConfig's model and input for a TorchScript file: name "torchscript", file
/// and init the file's absolute path), which the form shows in place of its own choices.
class TrainingStartBox : public QGroupBox {
    Q_OBJECT
public:
    enum class Mode { Random, Run, File };

    explicit TrainingStartBox(QWidget* parent = nullptr);
    ~TrainingStartBox() override;

    /// The runs to offer (those whose checkpoint exists are listed), newest first.
    void setRuns(const QVector<RunRecord>& runs);
    Mode mode() const;
    void setMode(Mode mode);
    /// The weights' file; empty for random weights.
    QString initPath() const;
    /// none or backbone ("none" for random weights).
    QString freeze() const;
    /// The model (and input) the chosen weights fix; nothing for random weights or a file not read yet.
    std::optional<nn::TrainConfig> startModel() const;
    /// Why a run cannot start from the choice yet (a file being read, a file that is not a model, a
    /// TorchScript file whose input was not given), or empty.
    QString problem() const;

    /// Shows a configuration's start (a preset, a saved form) without asking anything: a TorchScript init
    /// uses the configuration's own model and input.
    void setStart(const nn::TrainConfig& config);
    /// What "A file…" does once a file is chosen: reads it and, for a TorchScript file, asks its input.
    void chooseFile(const QString& path);

    QComboBox* modeCombo() const { return m_mode; }
    QComboBox* runCombo() const { return m_run; }
    QLineEdit* fileEdit() const { return m_file; }
    QComboBox* freezeCombo() const { return m_freeze; }
    QLabel* lineageLabel() const { return m_lineage; }
    /// The import dialog while it is open (window-modal), else null.
    ImportDialog* importDialog() const;

Q_SIGNALS:
    void changed();

private:
    void browse();
    void onProbed(const WeightsFileProbe& probe);
    void onImported(const ImportedModelInfo& info);
    void setFileState(const std::optional<nn::TrainConfig>& model, const QString& text,
                      const QString& problem);
    void updateView();
    QString runText(int row) const;

    QComboBox* m_mode = nullptr;
    QComboBox* m_run = nullptr;
    QLineEdit* m_file = nullptr;
    QToolButton* m_browse = nullptr;
    QWidget* m_runRow = nullptr;
    QWidget* m_fileRow = nullptr;
    QComboBox* m_freeze = nullptr;
    QLabel* m_lineage = nullptr;
    QVector<RunRecord> m_runs;
    JobRunner* m_jobs = nullptr;
    ImportController* m_importer = nullptr;
    QPointer<ImportDialog> m_dialog;
    // The file's state: what it fixes, what to show, why it cannot be used (yet).
    std::optional<nn::TrainConfig> m_fileModel;
    QString m_fileText;
    QString m_fileProblem;
};

}  // namespace convscope::gui
