#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

#include "app/gui/imported/imported_model_store.h"
#include "app/gui/support/job_runner.h"

namespace convscope::gui {

/// An imported model that loaded: what the panels need to show it.
struct ImportedModelInfo {
    ImportedModelEntry entry;
    int classes = 0;
    int inChannels = 1;
    int inputSize = 28;
    QStringList taps;        ///< its feature-map taps (the chosen nodes, or every convolution)
    QStringList classNames;  ///< the given names, or "class 0", "class 1", …
};

/// Loads a TorchScript file with the options the learner gave, off the GUI thread, to learn whether it
/// opens before any panel is changed: a bad file (missing, truncated, not TorchScript, an operator this
/// LibTorch lacks, an input the model rejects, options that do not fit it) is reported as one sentence and
/// every panel keeps what it shows. The header needs no LibTorch.
class ImportController : public QObject {
    Q_OBJECT
public:
    explicit ImportController(QObject* parent = nullptr);
    ~ImportController() override;

    /// Starts loading; a newer call supersedes an older one.
    void open(const ImportedModelEntry& entry);
    bool isBusy() const { return m_jobs.isBusy(); }

Q_SIGNALS:
    void opened(const convscope::gui::ImportedModelInfo& info);
    /// `message`: one sentence naming the file and what is wrong.
    void failed(const QString& path, const QString& message);

private:
    JobRunner m_jobs;
};

}  // namespace convscope::gui

Q_DECLARE_METATYPE(convscope::gui::ImportedModelInfo)
