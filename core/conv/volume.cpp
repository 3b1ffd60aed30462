#include "core/conv/volume.h"

#include <stdexcept>
#include <utility>

namespace convscope::conv {

namespace {

std::size_t elementCount(int a, int b, int c, int d = 1) {
    return static_cast<std::size_t>(a) * static_cast<std::size_t>(b) * static_cast<std::size_t>(c) *
           static_cast<std::size_t>(d);
}

}  // namespace

Volume::Volume(int channels, int height, int width) : channels(channels), height(height), width(width) {
    if (channels < 0 || height < 0 || width < 0) {
        throw std::invalid_argument("A volume cannot have a negative dimension (got " +
                                    std::to_string(channels) + "x" + std::to_string(height) + "x" +
                                    std::to_string(width) + ").");
    }
    values.assign(elementCount(channels, height, width), 0.0);
}

Volume::Volume(int channels, int height, int width, std::vector<double> values)
    : channels(channels), height(height), width(width), values(std::move(values)) {
    if (channels < 0 || height < 0 || width < 0) {
        throw std::invalid_argument("A volume cannot have a negative dimension (got " +
                                    std::to_string(channels) + "x" + std::to_string(height) + "x" +
                                    std::to_string(width) + ").");
    }
    if (this->values.size() != elementCount(channels, height, width)) {
        throw std::invalid_argument("A " + shapeText() + " volume needs " +
                                    std::to_string(elementCount(channels, height, width)) + " values (got " +
                                    std::to_string(this->values.size()) + ").");
    }
}

Volume Volume::sequence(int channels, int height, int width) {
    Volume v(channels, height, width);
    for (std::size_t i = 0; i < v.values.size(); ++i) v.values[i] = static_cast<double>(i + 1);
    return v;
}

std::string Volume::shapeText() const {
    return std::to_string(channels) + "x" + std::to_string(height) + "x" + std::to_string(width);
}

FilterBank::FilterBank(int outChannels, int inChannelsPerGroup, int kernelHeight, int kernelWidth)
    : outChannels(outChannels),
      inChannelsPerGroup(inChannelsPerGroup),
      kernelHeight(kernelHeight),
      kernelWidth(kernelWidth) {
    if (outChannels < 1 || inChannelsPerGroup < 1 || kernelHeight < 1 || kernelWidth < 1) {
        throw std::invalid_argument("Every filter-bank dimension must be at least 1 (got " +
                                    std::to_string(outChannels) + "x" + std::to_string(inChannelsPerGroup) +
                                    "x" + std::to_string(kernelHeight) + "x" + std::to_string(kernelWidth) +
                                    ").");
    }
    weights.assign(elementCount(outChannels, inChannelsPerGroup, kernelHeight, kernelWidth), 0.0);
}

FilterBank FilterBank::fromKernel(int rows, int cols, const std::vector<double>& kernel, int outChannels,
                                  int inChannelsPerGroup) {
    FilterBank bank(outChannels, inChannelsPerGroup, rows, cols);
    if (kernel.size() != elementCount(rows, cols, 1)) {
        throw std::invalid_argument("A " + std::to_string(rows) + "x" + std::to_string(cols) +
                                    " kernel needs " + std::to_string(elementCount(rows, cols, 1)) +
                                    " values (got " + std::to_string(kernel.size()) + ").");
    }
    const std::size_t slice = kernel.size();
    for (std::size_t s = 0; s < bank.weights.size() / slice; ++s) {
        for (std::size_t i = 0; i < slice; ++i) bank.weights[s * slice + i] = kernel[i];
    }
    return bank;
}

}  // namespace convscope::conv
