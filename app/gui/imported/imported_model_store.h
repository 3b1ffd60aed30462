#pragma once

#include <QString>
#include <QStringList>

#include <optional>

#include "core/nn/imported/import_options.h"

namespace convscope::gui {

/// What the learner told ConvScope about one TorchScript file: the options the engine needs and the class
/// names file they came from (shown again when the file is opened a second time).
struct ImportedModelEntry {
    nn::ImportOptions options;  ///< options.file is the absolute path
    QString classNamesFile;     ///< empty: no names given ("class 0", "class 1", …)
    int classes = 0;            ///< the file's class count, once it has loaded (0: not known)
    /// Once it has loaded: every operation of its graph (describe's names, what options.taps may name) and
    /// its convolutions (the taps when options.taps is empty). Empty before: the dialog then takes names as
    /// text, checked when the model loads.
    QStringList operations, convolutions;
};

/// The imported models ConvScope has opened, remembered per file in the settings file (group
/// "importedModels"): a TorchScript file cannot tell its input shape, normalisation or class names, so what
/// the learner gave is kept. Being remembered is also what makes a path an imported model for the Feature
/// maps and Explain panels (a ConvScope checkpoint may end in .pt as well).
class ImportedModelStore {
public:
    /// The entry for `path` (made absolute), or nothing when the file was never imported.
    static std::optional<ImportedModelEntry> find(const QString& path);
    /// The options to hand a worker for `path`, or nothing for a checkpoint.
    static std::optional<nn::ImportOptions> optionsFor(const QString& path);
    static void remember(const ImportedModelEntry& entry);

    /// "1x28x28" for {1, 28, 28}.
    static QString shapeText(const std::vector<std::int64_t>& shape);
};

}  // namespace convscope::gui
