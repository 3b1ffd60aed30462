#pragma once

#include <QString>
#include <QStringList>

#include "app/gui/features/feature_frame.h"

namespace convscope::nn {
class ClassifierImpl;
struct FeatureSnapshot;
}  // namespace convscope::nn

namespace convscope::gui::bridge {

/// Tensors to Qt values: the snapshot's activations (the first TapFrame::kMaxChannels channels of each tap)
/// as colormapped pictures and raw values, the input as a grey picture, and `model`'s first-layer filters as
/// kernels. Runs on the worker that made the snapshot; the header needs no LibTorch.
FeatureFrame toFeatureFrame(const nn::FeatureSnapshot& snapshot, nn::ClassifierImpl& model,
                            const QStringList& classNames, const QString& source, const QString& modelSource,
                            int trueLabel, qint64 step);

}  // namespace convscope::gui::bridge
