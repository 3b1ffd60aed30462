#include "core/conv/conv_trace.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "core/conv/output_size.h"
#include "core/conv/trace_kernels.h"
#include "core/conv/upsample_trace.h"
#include "core/conv/validation.h"

namespace convscope::conv {

namespace detail {

TraceGeometry::TraceGeometry(const Volume& input, const FilterBank& weights, const ConvSpec& spec) {
    const Volume out = outputShape(input, weights, spec);
    op = spec.op;
    mode = spec.paddingMode;
    inC = input.channels;
    inH = input.height;
    inW = input.width;
    outC = out.channels;
    outH = out.height;
    outW = out.width;
    const bool pooling = isPooling(op);
    kH = pooling ? spec.poolKernel.y : weights.kernelHeight;
    kW = pooling ? spec.poolKernel.x : weights.kernelWidth;
    strideY = spec.stride.y;
    strideX = spec.stride.x;
    dilY = spec.dilation.y;
    dilX = spec.dilation.x;
    padTop = spec.padding.top;
    padLeft = spec.padding.left;
    countIncludePad = spec.countIncludePad;
    padValue = op == Operation::MaxPool ? -std::numeric_limits<double>::infinity() : 0.0;
    if (op == Operation::Convolution) {
        inPerGroup = weights.inChannelsPerGroup;
        outPerGroup = weights.outChannels / spec.groups;
    } else if (op == Operation::Transposed) {
        inPerGroup = inC / spec.groups;
        outPerGroup = weights.inChannelsPerGroup;
        uncroppedH = (inH - 1) * strideY + dilY * (kH - 1) + 1;
        uncroppedW = (inW - 1) * strideX + dilX * (kW - 1) + 1;
    }
}

}  // namespace detail

namespace {

using detail::TraceGeometry;

// A trace keeps its whole output in memory; beyond this it is no longer a teaching example.
constexpr long long kMaxTraceOutput = 1LL << 26;

template <Operation Op>
void computeGather(const TraceGeometry& g, const Volume& in, const FilterBank& w, Volume& out,
                   const common::JobControl& control) {
    const int rows = g.outC * g.outH;
    int done = 0;
    for (int oc = 0; oc < g.outC; ++oc) {
        for (int oy = 0; oy < g.outH; ++oy) {
            if (control.cancelled()) throw common::Cancelled{};
            double* row = &out.at(oc, oy, 0);
            for (int ox = 0; ox < g.outW; ++ox) {
                row[ox] = detail::gatherElement<Op, false>(g, in, w, oc, oy, ox, nullptr).result;
            }
            control.progress(++done, rows);
        }
    }
}

// Convolution, a whole output row at a time: each element still sums its products in the order step() lists
// the taps (input channel, kernel row, kernel column, starting from 0, bias last), so the values are bit for
// bit those of gatherElement(); interleaving the row's independent sums only removes the wait on each
// addition.
void computeConvolution(const TraceGeometry& g, const Volume& in, const FilterBank& w, Volume& out,
                        const common::JobControl& control) {
    // Source column (or −1 for a zero) of every kernel column at every output column.
    std::vector<int> columns(static_cast<std::size_t>(g.kW) * g.outW);
    for (int kx = 0; kx < g.kW; ++kx) {
        for (int ox = 0; ox < g.outW; ++ox) {
            columns[static_cast<std::size_t>(kx) * g.outW + ox] =
                detail::paddingSource(ox * g.strideX + kx * g.dilX - g.padLeft, g.inW, g.mode);
        }
    }
    std::vector<double> sums(static_cast<std::size_t>(g.outW));
    const int rows = g.outC * g.outH;
    int done = 0;
    for (int oc = 0; oc < g.outC; ++oc) {
        const int firstChannel = (oc / g.outPerGroup) * g.inPerGroup;
        for (int oy = 0; oy < g.outH; ++oy) {
            if (control.cancelled()) throw common::Cancelled{};
            std::fill(sums.begin(), sums.end(), 0.0);
            for (int ic = 0; ic < g.inPerGroup; ++ic) {
                for (int ky = 0; ky < g.kH; ++ky) {
                    const int sy =
                        detail::paddingSource(oy * g.strideY + ky * g.dilY - g.padTop, g.inH, g.mode);
                    const double* inRow =
                        sy >= 0 ? in.values.data() + in.index(firstChannel + ic, sy, 0) : nullptr;
                    for (int kx = 0; kx < g.kW; ++kx) {
                        const double weight = w.at(oc, ic, ky, kx);
                        const int* source = columns.data() + static_cast<std::size_t>(kx) * g.outW;
                        for (int ox = 0; ox < g.outW; ++ox) {
                            const double value =
                                inRow != nullptr && source[ox] >= 0 ? inRow[source[ox]] : 0.0;
                            sums[ox] += value * weight;
                        }
                    }
                }
            }
            const double bias = w.biasAt(oc);
            double* row = &out.at(oc, oy, 0);
            for (int ox = 0; ox < g.outW; ++ox) row[ox] = sums[ox] + bias;
            control.progress(++done, rows);
        }
    }
}

// Transposed convolution: every output starts at its bias, then the steps scatter in order; the first `steps`
// steps are applied (all of them for the final output). Cropped products are dropped.
void scatterSteps(const TraceGeometry& g, const Volume& in, const FilterBank& w, Volume& out, int steps,
                  const common::JobControl& control) {
    for (int oc = 0; oc < g.outC; ++oc) {
        const double b = w.biasAt(oc);
        for (int i = 0; i < g.outH * g.outW; ++i) out.values[out.index(oc, 0, 0) + i] = b;
    }
    const int rows = g.inC * g.inH;
    int step = 0;
    int done = 0;
    for (int c = 0; c < g.inC; ++c) {
        for (int y = 0; y < g.inH; ++y) {
            if (control.cancelled()) throw common::Cancelled{};
            for (int x = 0; x < g.inW; ++x, ++step) {
                if (step >= steps) return;
                detail::scatterElement(g, in, w, c, y, x, [&](const Tap& t) {
                    if (!t.padded) out.at(t.channel, t.y - g.padTop, t.x - g.padLeft) += t.product;
                });
            }
            control.progress(++done, rows);
        }
    }
}

}  // namespace

ConvTrace::ConvTrace(Volume input, FilterBank weights, ConvSpec spec, const common::JobControl& control)
    : m_input(std::move(input)), m_weights(std::move(weights)), m_spec(spec) {
    detail::checkVolumeValues(m_input);
    const TraceGeometry g(m_input, m_weights, m_spec);
    const long long outputSize = static_cast<long long>(g.outC) * g.outH * g.outW;
    if (outputSize > kMaxTraceOutput) {
        throw ConvError("The output would have " + std::to_string(outputSize) + " values (" +
                        std::to_string(g.outC) + "x" + std::to_string(g.outH) + "x" + std::to_string(g.outW) +
                        "), too many to trace step by step (at most " + std::to_string(kMaxTraceOutput) +
                        ").");
    }
    m_output = Volume(g.outC, g.outH, g.outW);
    m_uncroppedHeight = g.uncroppedH;
    m_uncroppedWidth = g.uncroppedW;
    switch (m_spec.op) {
        case Operation::Convolution:
            computeConvolution(g, m_input, m_weights, m_output, control);
            break;
        case Operation::MaxPool:
            computeGather<Operation::MaxPool>(g, m_input, m_weights, m_output, control);
            break;
        case Operation::AvgPool:
            computeGather<Operation::AvgPool>(g, m_input, m_weights, m_output, control);
            break;
        case Operation::Transposed:
            scatterSteps(g, m_input, m_weights, m_output, stepCount(), control);
            break;
        case Operation::Nearest:
        case Operation::BedOfNails:
        case Operation::MaxUnpool:
            if (m_spec.op == Operation::MaxUnpool)
                detail::maxPoolWithIndices(m_input, m_spec.scale, m_pooled, m_poolIndices);
            detail::upsampleOutput(m_input, m_spec, m_poolIndices, m_pooled, m_output);
            break;
    }
}

// The volume whose elements are the steps: the output (gather), the input (transposed, nearest, bed of
// nails) or the pooled input (max unpooling).
const Volume& ConvTrace::stepGrid() const {
    if (m_spec.op == Operation::MaxUnpool) return m_pooled;
    if (m_spec.op == Operation::Transposed || isUpsampling(m_spec.op)) return m_input;
    return m_output;
}

int ConvTrace::stepCount() const {
    return static_cast<int>(stepGrid().size());
}

TraceStep ConvTrace::step(int index) const {
    if (index < 0 || index >= stepCount()) {
        throw std::out_of_range("Step " + std::to_string(index) + " is outside 0.." +
                                std::to_string(stepCount() - 1) + ".");
    }
    const Volume& grid = stepGrid();
    const int plane = grid.height * grid.width;
    TraceStep s;
    s.index = index;
    s.channel = index / plane;
    s.y = (index % plane) / grid.width;
    s.x = index % grid.width;
    if (isUpsampling(m_spec.op)) {
        detail::upsampleStep(m_input, m_spec, m_pooled, m_poolIndices, s);
        return s;
    }
    const TraceGeometry g(m_input, m_weights, m_spec);
    if (m_spec.op == Operation::Transposed) {
        s.group = s.channel / g.inPerGroup;
        s.taps.reserve(static_cast<std::size_t>(g.outPerGroup) * g.kH * g.kW);
        detail::scatterElement(g, m_input, m_weights, s.channel, s.y, s.x,
                               [&](const Tap& t) { s.taps.push_back(t); });
        // What a scatter step writes is the input value times the kernel; the bias is already in
        // partialOutput.
        s.sum = m_input.at(s.channel, s.y, s.x);
        s.result = s.sum;
        return s;
    }
    const bool conv = m_spec.op == Operation::Convolution;
    s.group = conv ? s.channel / g.outPerGroup : 0;
    s.taps.reserve(static_cast<std::size_t>(conv ? g.inPerGroup : 1) * g.kH * g.kW);
    detail::GatherResult r;
    switch (m_spec.op) {
        case Operation::Convolution:
            r = detail::gatherElement<Operation::Convolution, true>(g, m_input, m_weights, s.channel, s.y,
                                                                    s.x, &s.taps);
            s.bias = m_weights.biasAt(s.channel);
            break;
        case Operation::MaxPool:
            r = detail::gatherElement<Operation::MaxPool, true>(g, m_input, m_weights, s.channel, s.y, s.x,
                                                                &s.taps);
            break;
        default:
            r = detail::gatherElement<Operation::AvgPool, true>(g, m_input, m_weights, s.channel, s.y, s.x,
                                                                &s.taps);
            break;
    }
    s.sum = r.sum;
    s.result = r.result;
    s.divisor = r.divisor;
    s.winner = r.winner;
    return s;
}

int ConvTrace::stepIndexOf(int c, int y, int x) const {
    if (m_spec.op == Operation::MaxUnpool) {
        // An input element belongs to the window that pools it (none below or right of the last window).
        if (y < 0 || x < 0) return -1;
        y /= m_spec.scale.y;
        x /= m_spec.scale.x;
    }
    const Volume& grid = stepGrid();
    if (c < 0 || c >= grid.channels || y < 0 || y >= grid.height || x < 0 || x >= grid.width) return -1;
    return static_cast<int>(grid.index(c, y, x));
}

Volume ConvTrace::partialOutput(int stepsDone) const {
    if (stepsDone < 0 || stepsDone > stepCount()) {
        throw std::out_of_range("Steps done (" + std::to_string(stepsDone) + ") must lie in 0.." +
                                std::to_string(stepCount()) + ".");
    }
    Volume partial = m_output;
    if (m_spec.op == Operation::Transposed) {
        if (stepsDone < stepCount()) {
            const TraceGeometry g(m_input, m_weights, m_spec);
            scatterSteps(g, m_input, m_weights, partial, stepsDone, {});
        }
        return partial;
    }
    if (isUpsampling(m_spec.op)) {
        // Every output element lies in one step's S×S cell, except max unpooling's rows and columns past the
        // last pooling window, which no step writes: zeros from the start.
        const Volume& grid = stepGrid();
        for (int c = 0; c < partial.channels; ++c) {
            for (int y = 0; y < partial.height; ++y) {
                const int gy = y / m_spec.scale.y;
                for (int x = 0; x < partial.width; ++x) {
                    const int gx = x / m_spec.scale.x;
                    if (gy >= grid.height || gx >= grid.width) continue;
                    if (grid.index(c, gy, gx) >= static_cast<std::size_t>(stepsDone))
                        partial.at(c, y, x) = std::numeric_limits<double>::quiet_NaN();
                }
            }
        }
        return partial;
    }
    for (std::size_t i = static_cast<std::size_t>(stepsDone); i < partial.values.size(); ++i) {
        partial.values[i] = std::numeric_limits<double>::quiet_NaN();
    }
    return partial;
}

Volume ConvTrace::paddedInput() const {
    if (m_spec.op == Operation::Transposed || isUpsampling(m_spec.op)) return m_input;
    const Padding& p = m_spec.padding;
    const bool maxPool = m_spec.op == Operation::MaxPool;
    // Pooling always pads with zeros (validated); max pooling's −inf is shown as NaN, i.e. "no value".
    const PaddingMode mode = m_spec.op == Operation::Convolution ? m_spec.paddingMode : PaddingMode::Zeros;
    const double fill = maxPool ? std::numeric_limits<double>::quiet_NaN() : 0.0;
    Volume padded(m_input.channels, m_input.height + p.top + p.bottom, m_input.width + p.left + p.right);
    for (int c = 0; c < padded.channels; ++c) {
        for (int py = 0; py < padded.height; ++py) {
            const int sy = detail::paddingSource(py - p.top, m_input.height, mode);
            for (int px = 0; px < padded.width; ++px) {
                const int sx = detail::paddingSource(px - p.left, m_input.width, mode);
                padded.at(c, py, px) = sy >= 0 && sx >= 0 ? m_input.at(c, sy, sx) : fill;
            }
        }
    }
    return padded;
}

}  // namespace convscope::conv
