#pragma once

#include <QString>

namespace convscope::gui::bridge {

class CheckpointCache;

/// How a frame names the model it came from, the same in the Feature maps and Explain panels:
/// "PATH (imported TorchScript)" or "PATH (LeNet-5, step 340)". `cache` holds the loaded model.
QString modelSourceText(const CheckpointCache& cache);

}  // namespace convscope::gui::bridge
