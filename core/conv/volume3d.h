#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace convscope::conv {

/// A C x D x H x W block of values (one sample of an NCDHW tensor, as conv3d takes it): depth planes of rows,
/// channel after channel. A short video is D frames of H x W. Double precision, like Volume.
struct Volume3d {
    int channels = 0;
    int depth = 0;
    int height = 0;
    int width = 0;
    std::vector<double> values;  ///< index ((c * depth + z) * height + y) * width + x

    Volume3d() = default;
    /// Zeros. Throws std::invalid_argument for a negative dimension.
    Volume3d(int channels, int depth, int height, int width);
    /// Throws std::invalid_argument when values.size() != channels * depth * height * width.
    Volume3d(int channels, int depth, int height, int width, std::vector<double> values);

    /// 1, 2, 3, ... row by row, plane after plane, channel after channel (conv-trace's --seq in 3-D).
    static Volume3d sequence(int channels, int depth, int height, int width);

    bool empty() const { return values.empty(); }
    std::size_t size() const { return values.size(); }
    std::size_t index(int c, int z, int y, int x) const {
        return ((static_cast<std::size_t>(c) * depth + z) * height + y) * width + x;
    }
    double at(int c, int z, int y, int x) const { return values[index(c, z, y, x)]; }
    double& at(int c, int z, int y, int x) { return values[index(c, z, y, x)]; }
    /// "1x3x4x4" (channels x depth x height x width).
    std::string shapeText() const;
};

/// conv3d weights C_out x C_in x kD x kH x kW plus one bias per output channel (PyTorch's layout, groups =
/// 1).
struct FilterBank3d {
    int outChannels = 0;
    int inChannels = 0;
    int kernelDepth = 0;
    int kernelHeight = 0;
    int kernelWidth = 0;
    std::vector<double> weights;  ///< row-major over the five dimensions above
    std::vector<double> bias;     ///< empty (no bias) or one per output channel

    FilterBank3d() = default;
    /// Zeros, no bias. Throws std::invalid_argument for a dimension below 1.
    FilterBank3d(int outChannels, int inChannels, int kernelDepth, int kernelHeight, int kernelWidth);

    /// One kD x kH x kW kernel (row-major, plane after plane) copied into every (out, in) slice; no bias.
    /// Throws std::invalid_argument when the kernel does not hold kD * kH * kW values.
    static FilterBank3d fromKernel(int kernelDepth, int kernelHeight, int kernelWidth,
                                   const std::vector<double>& kernel, int outChannels = 1,
                                   int inChannels = 1);

    std::size_t index(int o, int i, int z, int y, int x) const {
        return (((static_cast<std::size_t>(o) * inChannels + i) * kernelDepth + z) * kernelHeight + y) *
                   kernelWidth +
               x;
    }
    double at(int o, int i, int z, int y, int x) const { return weights[index(o, i, z, y, x)]; }
    double& at(int o, int i, int z, int y, int x) { return weights[index(o, i, z, y, x)]; }
    double biasAt(int o) const { return bias.empty() ? 0.0 : bias[static_cast<std::size_t>(o)]; }
    bool hasBias() const { return !bias.empty(); }
};

}  // namespace convscope::conv
