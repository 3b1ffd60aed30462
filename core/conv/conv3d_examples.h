#pragma once

#include <string>
#include <vector>

#include "core/conv/volume3d.h"

namespace convscope::conv {

/// Inputs and kernels for teaching conv3d, shared by `conv-trace --op conv3d` and the "3-D convolution" page.

/// The 3-D kernel presets: "ones" (every weight 1), "frame-difference" (−1 on the first plane, +1 on the
/// last, 0 between: the sum of the last frame's window minus the first's, zero where nothing moves) and
/// "mean" (every weight 1/(kD·kH·kW)).
std::vector<std::string> conv3dKernelNames();

/// The kD x kH x kW weights of a preset, plane after plane. Throws ConvError for an unknown name (naming the
/// presets) and for "frame-difference" with fewer than 2 planes.
std::vector<double> conv3dKernel(const std::string& name, int kernelDepth, int kernelHeight, int kernelWidth);

/// A short greyscale video, 1 x frames x height x width: a side x side square of 1s on 0s that moves one
/// column to the right per frame (it stops at the right edge), vertically centred.
Volume3d movingSquareVideo(int frames, int height, int width, int side = 2);

}  // namespace convscope::conv
