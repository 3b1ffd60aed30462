#include "core/conv/volume3d.h"

#include <algorithm>
#include <stdexcept>
#include <utility>

namespace convscope::conv {

namespace {

std::size_t elementCount(int a, int b, int c, int d, int e = 1) {
    return static_cast<std::size_t>(a) * static_cast<std::size_t>(b) * static_cast<std::size_t>(c) *
           static_cast<std::size_t>(d) * static_cast<std::size_t>(e);
}

std::string shapeOf(int a, int b, int c, int d) {
    return std::to_string(a) + "x" + std::to_string(b) + "x" + std::to_string(c) + "x" + std::to_string(d);
}

}  // namespace

Volume3d::Volume3d(int channels, int depth, int height, int width)
    : channels(channels), depth(depth), height(height), width(width) {
    if (channels < 0 || depth < 0 || height < 0 || width < 0) {
        throw std::invalid_argument("A volume cannot have a negative dimension (got " +
                                    shapeOf(channels, depth, height, width) + ").");
    }
    values.assign(elementCount(channels, depth, height, width), 0.0);
}

Volume3d::Volume3d(int channels, int depth, int height, int width, std::vector<double> values)
    : channels(channels), depth(depth), height(height), width(width), values(std::move(values)) {
    if (channels < 0 || depth < 0 || height < 0 || width < 0) {
        throw std::invalid_argument("A volume cannot have a negative dimension (got " +
                                    shapeOf(channels, depth, height, width) + ").");
    }
    if (this->values.size() != elementCount(channels, depth, height, width)) {
        throw std::invalid_argument("A " + shapeText() + " volume needs " +
                                    std::to_string(elementCount(channels, depth, height, width)) +
                                    " values (got " + std::to_string(this->values.size()) + ").");
    }
}

Volume3d Volume3d::sequence(int channels, int depth, int height, int width) {
    Volume3d v(channels, depth, height, width);
    for (std::size_t i = 0; i < v.values.size(); ++i) v.values[i] = static_cast<double>(i + 1);
    return v;
}

std::string Volume3d::shapeText() const {
    return shapeOf(channels, depth, height, width);
}

FilterBank3d::FilterBank3d(int outChannels, int inChannels, int kernelDepth, int kernelHeight,
                           int kernelWidth)
    : outChannels(outChannels),
      inChannels(inChannels),
      kernelDepth(kernelDepth),
      kernelHeight(kernelHeight),
      kernelWidth(kernelWidth) {
    if (outChannels < 1 || inChannels < 1 || kernelDepth < 1 || kernelHeight < 1 || kernelWidth < 1) {
        throw std::invalid_argument("Every dimension of a 3-D filter bank must be at least 1 (got " +
                                    std::to_string(outChannels) + "x" +
                                    shapeOf(inChannels, kernelDepth, kernelHeight, kernelWidth) + ").");
    }
    weights.assign(elementCount(outChannels, inChannels, kernelDepth, kernelHeight, kernelWidth), 0.0);
}

FilterBank3d FilterBank3d::fromKernel(int kernelDepth, int kernelHeight, int kernelWidth,
                                      const std::vector<double>& kernel, int outChannels, int inChannels) {
    FilterBank3d bank(outChannels, inChannels, kernelDepth, kernelHeight, kernelWidth);
    const std::size_t slice = elementCount(kernelDepth, kernelHeight, kernelWidth, 1);
    if (kernel.size() != slice) {
        throw std::invalid_argument("A " + std::to_string(kernelDepth) + "x" + std::to_string(kernelHeight) +
                                    "x" + std::to_string(kernelWidth) + " kernel needs " +
                                    std::to_string(slice) + " values (got " + std::to_string(kernel.size()) +
                                    ").");
    }
    for (std::size_t s = 0; s < bank.weights.size(); s += slice)
        std::copy(kernel.begin(), kernel.end(), bank.weights.begin() + static_cast<std::ptrdiff_t>(s));
    return bank;
}

}  // namespace convscope::conv
