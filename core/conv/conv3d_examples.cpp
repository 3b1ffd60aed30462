#include "core/conv/conv3d_examples.h"

#include <algorithm>

#include "core/conv/conv_spec.h"

namespace convscope::conv {

std::vector<std::string> conv3dKernelNames() {
    return {"ones", "frame-difference", "mean"};
}

std::vector<double> conv3dKernel(const std::string& name, int kernelDepth, int kernelHeight,
                                 int kernelWidth) {
    if (kernelDepth < 1 || kernelHeight < 1 || kernelWidth < 1)
        throw ConvError("Every side of a 3-D kernel must be at least 1.");
    const int plane = kernelHeight * kernelWidth;
    const int count = kernelDepth * plane;
    if (name == "ones") return std::vector<double>(static_cast<std::size_t>(count), 1.0);
    if (name == "mean") return std::vector<double>(static_cast<std::size_t>(count), 1.0 / count);
    if (name == "frame-difference") {
        if (kernelDepth < 2) {
            throw ConvError(
                "The frame-difference kernel compares the first and last frame, so it needs a "
                "kernel depth of at least 2 (got 1).");
        }
        std::vector<double> k(static_cast<std::size_t>(count), 0.0);
        std::fill(k.begin(), k.begin() + plane, -1.0);
        std::fill(k.end() - plane, k.end(), 1.0);
        return k;
    }
    std::string names;
    for (const std::string& n : conv3dKernelNames()) names += (names.empty() ? "" : ", ") + n;
    throw ConvError("Unknown 3-D kernel '" + name + "'; the presets are " + names + ".");
}

Volume3d movingSquareVideo(int frames, int height, int width, int side) {
    Volume3d video(1, frames, height, width);
    side = std::clamp(side, 1, std::max(1, std::min(height, width)));
    const int top = (height - side) / 2;
    for (int f = 0; f < frames; ++f) {
        const int left = std::min(f, std::max(0, width - side));
        for (int y = top; y < top + side && y < height; ++y)
            for (int x = left; x < left + side && x < width; ++x) video.at(0, f, y, x) = 1.0;
    }
    return video;
}

}  // namespace convscope::conv
