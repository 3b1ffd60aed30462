#pragma once

// core/conv's types seen by the shared reference convolutions (tests/support/naive_conv.h): PyTorch's
// definitions as plain loops, independent of core/conv's engines.
#include "core/conv/conv_spec.h"
#include "core/conv/volume.h"
#include "tests/support/naive_conv.h"

namespace convscope::conv::testing {

inline naiveconv::Vol toVol(const Volume& v) {
    return naiveconv::Vol{v.channels, v.height, v.width, v.values};
}

inline Volume fromVol(const naiveconv::Vol& v) {
    return Volume(v.c, v.h, v.w, v.v);
}

inline naiveconv::Pad toPad(PaddingMode mode) {
    switch (mode) {
        case PaddingMode::Reflect:
            return naiveconv::Pad::Reflect;
        case PaddingMode::Replicate:
            return naiveconv::Pad::Replicate;
        case PaddingMode::Circular:
            return naiveconv::Pad::Circular;
        case PaddingMode::Zeros:
            break;
    }
    return naiveconv::Pad::Zeros;
}

// A filter bank as a layer with uniform stride and padding on every side.
inline naiveconv::Layer toLayer(const FilterBank& w, int outChannels, int stride, int pad) {
    naiveconv::Layer layer;
    layer.kh = w.kernelHeight;
    layer.kw = w.kernelWidth;
    layer.weights = w.weights;
    layer.outChannels = outChannels;
    for (int o = 0; o < outChannels; ++o) layer.biases.push_back(w.biasAt(o));
    layer.top = layer.bottom = layer.left = layer.right = pad;
    layer.sy = layer.sx = stride;
    return layer;
}

// Cross-correlation, groups 1, uniform stride and padding, summing input channel, row, column, then bias.
inline Volume naiveConv(const Volume& in, const FilterBank& w, int stride, int pad, PaddingMode mode) {
    naiveconv::Layer layer = toLayer(w, w.outChannels, stride, pad);
    layer.mode = toPad(mode);
    return fromVol(naiveconv::conv2d(toVol(in), layer));
}

// Pooling with symmetric padding: max ignores padding, average divides by k·k or by the real cells.
inline Volume naivePool(const Volume& in, bool max, int k, int stride, int pad, int dilation,
                        bool includePad) {
    return fromVol(naiveconv::pool2d(toVol(in), max, k, stride, pad, dilation, includePad));
}

// conv_transpose2d (groups 1, symmetric padding) after the first `steps` input elements (all when < 0).
inline Volume naiveTransposed(const Volume& in, const FilterBank& w, int stride, int pad, int outputPadding,
                              int steps = -1) {
    naiveconv::Layer layer = toLayer(w, w.inChannelsPerGroup, stride, pad);
    layer.opy = layer.opx = outputPadding;
    return fromVol(naiveconv::convTranspose2d(toVol(in), layer, steps));
}

}  // namespace convscope::conv::testing
