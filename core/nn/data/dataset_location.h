#pragma once

#include <string>
#include <vector>

namespace convscope::nn {

/// Where Debian's dataset-fashion-mnist package puts the files (no LibTorch here: the GUI's forms use it).
std::string defaultFashionMnistDirectory();

/// The ten Fashion-MNIST classes, T-shirt/top … Ankle boot.
const std::vector<std::string>& fashionMnistClasses();

}  // namespace convscope::nn
