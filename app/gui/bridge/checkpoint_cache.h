#pragma once

#include <QDateTime>
#include <QString>
#include <memory>
#include <optional>

#include "core/nn/imported/import_options.h"
#include "core/nn/models/classifier.h"
#include "core/nn/train/train_config.h"

namespace convscope::gui::bridge {

/// A checkpoint's model, loaded once and kept while the file is unchanged (same path, time and size): what
/// the Feature maps, Explain and error-analysis workers each hold for the model they show. Used on one
/// worker thread.
class CheckpointCache {
public:
    /// Loads `path` unless it is the model held and unchanged on disk. Throws nn::CheckpointError ("the file
    /// does not exist", or the reader's reason) and forgets the old model first, so that a failed load never
    /// leaves it answering for the new path.
    void load(const QString& path);
    /// An imported TorchScript file (nn::ImportOptions, `options.file` its path): loaded with the options'
    /// input shape, and config() is nn::importedConfig's (model "torchscript", its transform and class
    /// names). Kept while the file and the options are unchanged; other `taps` only re-tap it. Throws
    /// nn::ImportError (also for a tap that names no node) or std::invalid_argument (options that do not
    /// fit the model) with one sentence.
    void load(const QString& path, const std::optional<nn::ImportOptions>& imported);

    bool isLoaded() const { return m_model != nullptr; }
    bool isImported() const { return m_imported; }
    nn::ClassifierImpl& model() const { return *m_model; }
    const nn::TrainConfig& config() const { return m_config; }
    qint64 step() const { return m_step; }
    QString path() const { return m_path; }
    /// Changes whenever another model is loaded or the file changed: a key for results made from it.
    QString key() const;

private:
    std::shared_ptr<nn::ClassifierImpl> m_model;
    nn::TrainConfig m_config;
    QString m_path;
    QDateTime m_time;
    qint64 m_bytes = -1;
    qint64 m_step = 0;
    bool m_imported = false;
    QString m_options;  ///< the imported model's options, as text (a change reloads)
    QString m_taps;     ///< the imported model's chosen taps, as text (a change only re-taps)
};

}  // namespace convscope::gui::bridge
