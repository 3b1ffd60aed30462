#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace convscope::conv {

/// A C x H x W block of values (one sample of an NCHW tensor), row-major per channel, in double precision so
/// that the numbers a learner reads are exact for integer inputs.
struct Volume {
    int channels = 0;
    int height = 0;
    int width = 0;
    std::vector<double> values;  ///< channels * height * width, index (c * height + y) * width + x

    Volume() = default;
    /// Zeros. Throws std::invalid_argument for a negative dimension.
    Volume(int channels, int height, int width);
    /// Throws std::invalid_argument when values.size() != channels * height * width.
    Volume(int channels, int height, int width, std::vector<double> values);

    /// The seed's teaching input: 1, 2, 3, ... row by row, channel after channel (6x6 gives 1..36).
    static Volume sequence(int channels, int height, int width);

    bool empty() const { return values.empty(); }
    std::size_t size() const { return values.size(); }
    std::size_t index(int c, int y, int x) const {
        return (static_cast<std::size_t>(c) * height + y) * width + x;
    }
    double at(int c, int y, int x) const { return values[index(c, y, x)]; }
    double& at(int c, int y, int x) { return values[index(c, y, x)]; }
    /// "3x6x6" (channels x height x width).
    std::string shapeText() const;
};

/// Convolution weights C_out x (C_in / groups) x kH x kW plus one bias per output channel (PyTorch's layout).
/// For transposed convolution PyTorch stores C_in x (C_out / groups) x kH x kW; FilterBank keeps the same
/// four fields and the transposed functions read them in that order (see conv_spec.h).
struct FilterBank {
    int outChannels = 0;         ///< first weight dimension
    int inChannelsPerGroup = 0;  ///< second weight dimension
    int kernelHeight = 0;
    int kernelWidth = 0;
    std::vector<double> weights;  ///< row-major over the four dimensions above
    std::vector<double> bias;     ///< empty (no bias) or one per output channel of the operation

    FilterBank() = default;
    /// Zeros, no bias. Throws std::invalid_argument for a dimension below 1.
    FilterBank(int outChannels, int inChannelsPerGroup, int kernelHeight, int kernelWidth);

    /// One 2-D kernel (rows x cols, row-major) copied into every (out, in) slice; bias zero-length.
    static FilterBank fromKernel(int rows, int cols, const std::vector<double>& kernel, int outChannels = 1,
                                 int inChannelsPerGroup = 1);

    std::size_t index(int o, int i, int y, int x) const {
        return ((static_cast<std::size_t>(o) * inChannelsPerGroup + i) * kernelHeight + y) * kernelWidth + x;
    }
    double at(int o, int i, int y, int x) const { return weights[index(o, i, y, x)]; }
    double& at(int o, int i, int y, int x) { return weights[index(o, i, y, x)]; }
    double biasAt(int o) const { return bias.empty() ? 0.0 : bias[static_cast<std::size_t>(o)]; }
    bool hasBias() const { return !bias.empty(); }
    /// Total number of learnable values (weights + bias).
    long long parameterCount() const { return static_cast<long long>(weights.size() + bias.size()); }
};

}  // namespace convscope::conv
