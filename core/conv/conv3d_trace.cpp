#include "core/conv/conv3d_trace.h"

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>

#include "core/conv/conv_spec.h"
#include "core/conv/conv_trace.h"
#include "core/conv/output_size.h"

namespace convscope::conv {

namespace {

// Like ConvTrace: the whole output stays in memory; beyond this it is no longer a teaching example.
constexpr long long kMaxTraceOutput = 1LL << 24;

std::string num(long long v) {
    return std::to_string(v);
}

void checkValues(const Volume3d& v) {
    const long long needed = static_cast<long long>(std::max(v.channels, 0)) * std::max(v.depth, 0) *
                             std::max(v.height, 0) * std::max(v.width, 0);
    if (static_cast<long long>(v.values.size()) != needed) {
        throw ConvError("The input holds " + num(static_cast<long long>(v.values.size())) +
                        " values but its shape " + v.shapeText() + " needs " + num(needed) + ".");
    }
}

// Walks the products of one output element in step order (input channel, kernel plane, row, column) and
// returns their sum; `visit` sees every tap. The constructor and step() share it, so the output and the steps
// add the same numbers in the same order.
template <typename Visit>
double gather(const Volume3d& in, const FilterBank3d& w, const Conv3dSpec& s, int oc, int oz, int oy, int ox,
              Visit&& visit) {
    double sum = 0.0;
    for (int ic = 0; ic < w.inChannels; ++ic) {
        for (int kz = 0; kz < w.kernelDepth; ++kz) {
            const int z = oz * s.stride.d + kz * s.dilation.d - s.padding.d;
            const bool zIn = z >= 0 && z < in.depth;
            for (int ky = 0; ky < w.kernelHeight; ++ky) {
                const int y = oy * s.stride.y + ky * s.dilation.y - s.padding.y;
                const bool yIn = y >= 0 && y < in.height;
                for (int kx = 0; kx < w.kernelWidth; ++kx) {
                    const int x = ox * s.stride.x + kx * s.dilation.x - s.padding.x;
                    const bool inside = zIn && yIn && x >= 0 && x < in.width;
                    const double value = inside ? in.at(ic, z, y, x) : 0.0;
                    const double weight = w.at(oc, ic, kz, ky, kx);
                    const double product = value * weight;
                    sum += product;
                    visit(Tap3d{ic, z, y, x, kz, ky, kx, !inside, value, weight, product});
                }
            }
        }
    }
    return sum;
}

}  // namespace

Volume3d Conv3dTrace::outputShape(const Volume3d& input, const FilterBank3d& w, const Conv3dSpec& s) {
    if (input.channels < 1 || input.depth < 1 || input.height < 1 || input.width < 1) {
        throw ConvError("The input is empty (" + input.shapeText() +
                        "); every dimension of a 3-D input must be at least 1.");
    }
    if (w.outChannels < 1 || w.inChannels < 1 || w.kernelDepth < 1 || w.kernelHeight < 1 ||
        w.kernelWidth < 1) {
        throw ConvError("The filter bank is empty (" + num(w.outChannels) + "x" + num(w.inChannels) + "x" +
                        num(w.kernelDepth) + "x" + num(w.kernelHeight) + "x" + num(w.kernelWidth) +
                        "); every dimension must be at least 1.");
    }
    const long long weightCount =
        static_cast<long long>(w.outChannels) * w.inChannels * w.kernelDepth * w.kernelHeight * w.kernelWidth;
    if (static_cast<long long>(w.weights.size()) != weightCount) {
        throw ConvError("The filter bank holds " + num(static_cast<long long>(w.weights.size())) +
                        " weights but its shape needs " + num(weightCount) + ".");
    }
    if (w.inChannels != input.channels) {
        throw ConvError("The filters take " + num(w.inChannels) + " input channel" +
                        (w.inChannels == 1 ? "" : "s") + " but the input has " + num(input.channels) + ".");
    }
    if (!w.bias.empty() && static_cast<int>(w.bias.size()) != w.outChannels) {
        throw ConvError("There are " + num(static_cast<long long>(w.bias.size())) + " biases for " +
                        num(w.outChannels) + " output channels; give one per output channel or none.");
    }
    const int d = convOutputSize(input.depth, w.kernelDepth, s.stride.d, s.padding.d, s.padding.d,
                                 s.dilation.d, "depth")
                      .size;
    const int h = convOutputSize(input.height, w.kernelHeight, s.stride.y, s.padding.y, s.padding.y,
                                 s.dilation.y, "height")
                      .size;
    const int wd = convOutputSize(input.width, w.kernelWidth, s.stride.x, s.padding.x, s.padding.x,
                                  s.dilation.x, "width")
                       .size;
    const long long outputs = static_cast<long long>(w.outChannels) * d * h * wd;
    if (outputs > kMaxTraceOutput) {
        throw ConvError("The output would have " + num(outputs) +
                        " values, too many to trace step by step (at most " + num(kMaxTraceOutput) + ").");
    }
    Volume3d shape;
    shape.channels = w.outChannels;
    shape.depth = d;
    shape.height = h;
    shape.width = wd;
    return shape;
}

Conv3dTrace::Conv3dTrace(Volume3d input, FilterBank3d weights, Conv3dSpec spec)
    : m_input(std::move(input)), m_weights(std::move(weights)), m_spec(spec) {
    checkValues(m_input);
    const Volume3d shape = outputShape(m_input, m_weights, m_spec);
    m_output = Volume3d(shape.channels, shape.depth, shape.height, shape.width);
    for (int oc = 0; oc < shape.channels; ++oc) {
        const double bias = m_weights.biasAt(oc);
        for (int oz = 0; oz < shape.depth; ++oz) {
            for (int oy = 0; oy < shape.height; ++oy) {
                for (int ox = 0; ox < shape.width; ++ox) {
                    m_output.at(oc, oz, oy, ox) =
                        gather(m_input, m_weights, m_spec, oc, oz, oy, ox, [](const Tap3d&) {}) + bias;
                }
            }
        }
    }
}

Conv3dStep Conv3dTrace::step(int index) const {
    if (index < 0 || index >= stepCount()) {
        throw std::out_of_range("Step " + std::to_string(index) + " is outside 0.." +
                                std::to_string(stepCount() - 1) + ".");
    }
    const Volume3d& o = m_output;
    Conv3dStep s;
    s.index = index;
    s.x = index % o.width;
    s.y = (index / o.width) % o.height;
    s.z = (index / (o.width * o.height)) % o.depth;
    s.channel = index / (o.width * o.height * o.depth);
    s.taps.reserve(static_cast<std::size_t>(m_weights.inChannels) * m_weights.kernelDepth *
                   m_weights.kernelHeight * m_weights.kernelWidth);
    s.sum = gather(m_input, m_weights, m_spec, s.channel, s.z, s.y, s.x,
                   [&](const Tap3d& t) { s.taps.push_back(t); });
    s.bias = m_weights.biasAt(s.channel);
    s.result = s.sum + s.bias;
    return s;
}

int Conv3dTrace::stepIndexOf(int c, int z, int y, int x) const {
    const Volume3d& o = m_output;
    if (c < 0 || c >= o.channels || z < 0 || z >= o.depth || y < 0 || y >= o.height || x < 0 || x >= o.width)
        return -1;
    return static_cast<int>(o.index(c, z, y, x));
}

Volume3d Conv3dTrace::partialOutput(int stepsDone) const {
    if (stepsDone < 0 || stepsDone > stepCount()) {
        throw std::out_of_range("Steps done (" + std::to_string(stepsDone) + ") must lie in 0.." +
                                std::to_string(stepCount()) + ".");
    }
    Volume3d partial = m_output;
    std::fill(partial.values.begin() + stepsDone, partial.values.end(),
              std::numeric_limits<double>::quiet_NaN());
    return partial;
}

Volume3d Conv3dTrace::paddedInput() const {
    const Triple& p = m_spec.padding;
    const Volume3d& in = m_input;
    Volume3d padded(in.channels, in.depth + 2 * p.d, in.height + 2 * p.y, in.width + 2 * p.x);
    for (int c = 0; c < in.channels; ++c)
        for (int z = 0; z < in.depth; ++z)
            for (int y = 0; y < in.height; ++y)
                for (int x = 0; x < in.width; ++x)
                    padded.at(c, z + p.d, y + p.y, x + p.x) = in.at(c, z, y, x);
    return padded;
}

std::string Conv3dTrace::arithmetic(const Conv3dStep& step, int maxTerms) const {
    std::string text;
    int shown = 0;
    for (const Tap3d& t : step.taps) {
        if (shown >= std::max(maxTerms, 0)) {
            text += shown > 0 ? " + \u2026" : "\u2026";
            break;
        }
        if (shown > 0) text += " + ";
        text += formatNumber(t.value, true) + "\u00b7" + formatNumber(t.weight, true);
        ++shown;
    }
    if (m_weights.hasBias()) {
        const bool negative = step.bias < 0;
        text += std::string(negative ? " \u2212 " : " + ") + formatNumber(negative ? -step.bias : step.bias) +
                " (bias)";
    }
    return text + " = " + formatNumber(step.result);
}

}  // namespace convscope::conv
