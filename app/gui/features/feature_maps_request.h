#pragma once

#include <QMetaType>
#include <QString>

#include <optional>

#include <opencv2/core/mat.hpp>

#include "core/nn/imported/import_options.h"

namespace convscope::gui {

/// What the Feature maps panel asks its worker for: one image through one saved model.
struct FeatureMapsRequest {
    QString checkpointPath;
    /// Set when checkpointPath is an imported TorchScript file: how to read it (ImportedModelStore's).
    std::optional<nn::ImportOptions> imported;
    /// ≥ 0: that Fashion-MNIST test image; < 0: `image` below.
    int testIndex = -1;
    /// A photograph (CV_8UC1 or CV_8UC3 BGR), converted to the model's input as the CLI's `features --image`
    /// does; the conversion's description becomes FeatureFrame::source. The buffer is shared, never written.
    cv::Mat image;
    QString imageName;  ///< how `image` is named in FeatureFrame::source ("building.jpg")
    /// The folder holding the Fashion-MNIST IDX files; empty: Debian's dataset-fashion-mnist location.
    QString dataDirectory;
};

}  // namespace convscope::gui

Q_DECLARE_METATYPE(convscope::gui::FeatureMapsRequest)
