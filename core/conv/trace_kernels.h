#pragma once

#include <cmath>
#include <limits>
#include <vector>

#include "core/conv/conv_trace.h"
#include "core/conv/padding_source.h"

namespace convscope::conv::detail {

/// Internal to core/conv. The resolved geometry of a validated trace: what the eager pass and step() both
/// read. Pooling and transposed convolution run literally the same loops in both (gatherElement,
/// scatterElement); convolution's eager pass (conv_trace.cpp) interleaves a row but keeps each element's
/// order of operations.
struct TraceGeometry {
    Operation op = Operation::Convolution;
    PaddingMode mode = PaddingMode::Zeros;
    int inC = 0, inH = 0, inW = 0;
    int outC = 0, outH = 0, outW = 0;
    int kH = 1, kW = 1;
    int strideY = 1, strideX = 1;
    int dilY = 1, dilX = 1;
    int padTop = 0, padLeft = 0;
    int inPerGroup = 1;   ///< input channels per group
    int outPerGroup = 1;  ///< output channels per group
    int uncroppedH = 0;   ///< transposed: (n − 1)·s + d·(k − 1) + 1
    int uncroppedW = 0;
    bool countIncludePad = true;
    double padValue = 0.0;  ///< what a zero-padded position holds: 0, or −inf for max pooling

    /// Validates with outputShape() (throws ConvError).
    TraceGeometry(const Volume& input, const FilterBank& weights, const ConvSpec& spec);
};

/// One gather step's reduction.
struct GatherResult {
    double sum = 0.0;
    double result = 0.0;
    int divisor = 1;
    int winner = -1;
};

/// Output element (oc, oy, ox) of a convolution or pooling. With Record, every tap is appended to `taps`; the
/// arithmetic is the same either way: sum from 0 in tap order, then the bias (or the divisor, or the
/// maximum).
template <Operation Op, bool Record>
GatherResult gatherElement(const TraceGeometry& g, const Volume& in, const FilterBank& w, int oc, int oy,
                           int ox, std::vector<Tap>* taps) {
    constexpr bool conv = Op == Operation::Convolution;
    const int firstChannel = conv ? (oc / g.outPerGroup) * g.inPerGroup : oc;
    const int channelCount = conv ? g.inPerGroup : 1;
    GatherResult r;
    double sum = 0.0;
    double best = -std::numeric_limits<double>::infinity();
    int realCells = 0;
    int tapIndex = 0;
    for (int ic = 0; ic < channelCount; ++ic) {
        const int c = firstChannel + ic;
        for (int ky = 0; ky < g.kH; ++ky) {
            const int y = oy * g.strideY + ky * g.dilY - g.padTop;
            const int sy = paddingSource(y, g.inH, g.mode);
            // Row pointers hoisted out of the column loop; the values read are the same as in.at()/w.at().
            const double* inRow = sy >= 0 ? in.values.data() + in.index(c, sy, 0) : nullptr;
            const double* wRow = conv ? w.weights.data() + w.index(oc, ic, ky, 0) : nullptr;
            const bool rowPadded = y < 0 || y >= g.inH;
            for (int kx = 0; kx < g.kW; ++kx, ++tapIndex) {
                const int x = ox * g.strideX + kx * g.dilX - g.padLeft;
                const bool inside = x >= 0 && x < g.inW;
                const int sx = inside ? x : paddingSource(x, g.inW, g.mode);
                const bool padded = rowPadded || !inside;
                const bool supplied = inRow != nullptr && sx >= 0;
                const double value = supplied ? inRow[sx] : g.padValue;
                const double weight = conv ? wRow[kx] : 1.0;
                const double product = value * weight;
                if constexpr (conv) {
                    sum += product;
                } else if constexpr (Op == Operation::AvgPool) {
                    sum += value;
                    if (!padded) ++realCells;
                } else {
                    // PyTorch's rule: a later value wins when it is larger or NaN; padding never wins.
                    if (!padded && (r.winner < 0 || value > best || std::isnan(value))) {
                        best = value;
                        r.winner = tapIndex;
                    }
                }
                if constexpr (Record) {
                    taps->push_back(Tap{c, y, x, ic, ky, kx, padded, supplied ? sy : -1, supplied ? sx : -1,
                                        value, weight, product});
                }
            }
        }
    }
    if constexpr (conv) {
        r.sum = sum;
        r.result = sum + w.biasAt(oc);
    } else if constexpr (Op == Operation::AvgPool) {
        r.sum = sum;
        r.divisor = g.countIncludePad ? g.kH * g.kW : realCells;
        r.result = sum / r.divisor;
    } else {
        r.sum = best;
        r.result = best;
    }
    return r;
}

/// Input element (c, y, x) of a transposed convolution: calls add(tap) for each scattered product in the
/// order output channel of the group, kernel row, kernel column, in uncropped output coordinates.
template <typename Add>
void scatterElement(const TraceGeometry& g, const Volume& in, const FilterBank& w, int c, int y, int x,
                    Add&& add) {
    const int firstOut = (c / g.inPerGroup) * g.outPerGroup;
    const double value = in.at(c, y, x);
    for (int oc = 0; oc < g.outPerGroup; ++oc) {
        for (int ky = 0; ky < g.kH; ++ky) {
            const int uy = y * g.strideY + ky * g.dilY;
            const int fy = uy - g.padTop;
            for (int kx = 0; kx < g.kW; ++kx) {
                const int ux = x * g.strideX + kx * g.dilX;
                const int fx = ux - g.padLeft;
                const bool cropped = fy < 0 || fy >= g.outH || fx < 0 || fx >= g.outW;
                const double weight = w.at(c, oc, ky, kx);
                add(Tap{firstOut + oc, uy, ux, oc, ky, kx, cropped, -1, -1, value, weight, value * weight});
            }
        }
    }
}

}  // namespace convscope::conv::detail
