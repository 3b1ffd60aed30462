#pragma once

#include <QMetaType>
#include <QString>

#include <optional>

#include <opencv2/core/mat.hpp>

#include "core/nn/imported/import_options.h"

namespace convscope::gui {

/// What the Explain panel asks its worker for: every attribution method for one image, one saved model and
/// one target class.
struct ExplainRequest {
    QString checkpointPath;
    /// Set when checkpointPath is an imported TorchScript file: how to read it (ImportedModelStore's).
    std::optional<nn::ImportOptions> imported;
    /// ≥ 0: that Fashion-MNIST test image; < 0: `image` below.
    int testIndex = -1;
    /// A photograph (CV_8UC1 or CV_8UC3 BGR), converted to the model's input as the Feature maps panel and
    /// `convscope-cli explain --image` do. The buffer is shared, never written.
    cv::Mat image;
    QString imageName;  ///< how `image` is named in ExplainFrame::source ("building.jpg")
    /// The folder holding the Fashion-MNIST IDX files; empty: Debian's dataset-fashion-mnist location.
    QString dataDirectory;
    /// The class whose score is explained; −1: the predicted class.
    int target = -1;
};

}  // namespace convscope::gui

Q_DECLARE_METATYPE(convscope::gui::ExplainRequest)
