#pragma once

#include <QMetaType>
#include <QString>

#include <optional>

#include "core/nn/imported/import_options.h"

namespace convscope::gui {

/// Which test images the error-analysis page shows.
enum class ErrorMode {
    Cell,       ///< the images of one confusion-matrix cell (true class, predicted class)
    TopLosses,  ///< the images with the highest cross-entropy loss
};

/// What the Explain panel's error page asks its worker for: a saved model run over the Fashion-MNIST test
/// set, and a gallery of at most `maxImages` of its images with Grad-CAM overlays.
struct ErrorAnalysisRequest {
    QString checkpointPath;
    /// Set when checkpointPath is an imported TorchScript file: how to read it (ImportedModelStore's).
    std::optional<nn::ImportOptions> imported;
    /// The folder holding the Fashion-MNIST IDX files; empty: Debian's dataset-fashion-mnist location.
    QString dataDirectory;
    ErrorMode mode = ErrorMode::TopLosses;
    int trueClass = 0;       ///< ErrorMode::Cell: the row of the confusion matrix
    int predictedClass = 0;  ///< ErrorMode::Cell: its column
    int maxImages = 48;      ///< the gallery's size: Grad-CAM costs a backward pass per image
};

}  // namespace convscope::gui

Q_DECLARE_METATYPE(convscope::gui::ErrorAnalysisRequest)
