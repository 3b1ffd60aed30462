#pragma once

#include <QString>

#include "core/nn/train/train_config.h"

namespace convscope::gui {

/// What a file chosen under "Start from" holds, told by its content rather than its name (a ConvScope
/// checkpoint may end in .pt, a TorchScript file in .ckpt).
struct WeightsFileProbe {
    enum class Kind { Unusable, Checkpoint, TorchScript };
    Kind kind = Kind::Unusable;
    QString path;            ///< absolute
    QString error;           ///< Unusable: one sentence
    nn::TrainConfig config;  ///< Checkpoint: the settings stored in it
    int epochsDone = 0;      ///< Checkpoint: the epochs it had finished
};

/// Reads `path`: a ConvScope checkpoint (its settings are read), a TorchScript archive (torch.jit.save: a
/// zip with compiled code; the model itself is loaded later, once its input is known), or neither. Any
/// thread; reading a checkpoint's weights may take a fraction of a second.
WeightsFileProbe probeWeightsFile(const QString& path);

}  // namespace convscope::gui
