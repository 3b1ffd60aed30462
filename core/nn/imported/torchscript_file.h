#pragma once

// Telling a TorchScript model file from a ConvScope checkpoint by its content, not its name: both are zip
// archives that LibTorch's loader reads (a checkpoint is a LibTorch archive), but only a model saved by
// torch.jit.save has a forward method. No LibTorch here: the GUI's forms ask it too.

#include <string>

namespace convscope::nn {

/// True when `path` is a LibTorch archive whose compiled code defines a forward method (a scripted
/// or traced model). False for a missing file, a ConvScope checkpoint, a state dict saved by torch.save or
/// any other file; never throws.
bool isTorchScriptModel(const std::string& path);

}  // namespace convscope::nn
