#include "naive_conv.h"

namespace naiveconv {

namespace {

// Where an index outside 0..n-1 reads from, as torch.nn.functional.pad does; -1 for zeros.
int source(int i, int n, Pad mode) {
    if (i >= 0 && i < n) return i;
    switch (mode) {
        case Pad::Zeros:
            return -1;
        case Pad::Reflect:
            return i < 0 ? -i : 2 * (n - 1) - i;
        case Pad::Replicate:
            return i < 0 ? 0 : n - 1;
        case Pad::Circular:
            return ((i % n) + n) % n;
    }
    return -1;
}

}  // namespace

Vol sequence(int channels, int height, int width) {
    Vol vol{channels, height, width, {}};
    for (int i = 0; i < channels * height * width; ++i) vol.v.push_back(i + 1);
    return vol;
}

std::vector<Tap> convTaps(const Vol& in, const Layer& layer, int oc, int oy, int ox) {
    const int inPerGroup = in.c / layer.groups;
    const int outPerGroup = layer.outChannels / layer.groups;
    const int group = oc / outPerGroup;
    std::vector<Tap> taps;
    for (int ci = 0; ci < inPerGroup; ++ci) {
        const int channel = group * inPerGroup + ci;
        for (int ky = 0; ky < layer.kh; ++ky) {
            for (int kx = 0; kx < layer.kw; ++kx) {
                const int y = oy * layer.sy - layer.top + ky * layer.dy;
                const int x = ox * layer.sx - layer.left + kx * layer.dx;
                const bool padded = y < 0 || y >= in.h || x < 0 || x >= in.w;
                const int sy = source(y, in.h, layer.mode);
                const int sx = source(x, in.w, layer.mode);
                const double value = (sy < 0 || sx < 0) ? 0.0 : in.at(channel, sy, sx);
                taps.push_back({channel, y, x, padded, value,
                                layer.kernel[static_cast<std::size_t>(ky * layer.kw + kx)]});
            }
        }
    }
    return taps;
}

Vol conv2d(const Vol& in, const Layer& layer) {
    Vol out;
    out.c = layer.outChannels;
    out.h = (in.h + layer.top + layer.bottom - layer.dy * (layer.kh - 1) - 1) / layer.sy + 1;
    out.w = (in.w + layer.left + layer.right - layer.dx * (layer.kw - 1) - 1) / layer.sx + 1;
    out.v.assign(static_cast<std::size_t>(out.c * out.h * out.w), 0.0);
    for (int oc = 0; oc < out.c; ++oc) {
        for (int oy = 0; oy < out.h; ++oy) {
            for (int ox = 0; ox < out.w; ++ox) {
                double sum = 0.0;
                for (const Tap& tap : convTaps(in, layer, oc, oy, ox)) sum += tap.value * tap.weight;
                out.at(oc, oy, ox) = sum + layer.bias;
            }
        }
    }
    return out;
}

Vol convTranspose2d(const Vol& in, const Layer& layer) {
    const int fullH = (in.h - 1) * layer.sy + layer.dy * (layer.kh - 1) + 1 + layer.opy;
    const int fullW = (in.w - 1) * layer.sx + layer.dx * (layer.kw - 1) + 1 + layer.opx;
    Vol full{layer.outChannels, fullH, fullW,
             std::vector<double>(static_cast<std::size_t>(layer.outChannels * fullH * fullW))};
    const int inPerGroup = in.c / layer.groups;
    const int outPerGroup = layer.outChannels / layer.groups;
    for (int ic = 0; ic < in.c; ++ic) {
        const int group = ic / inPerGroup;
        for (int y = 0; y < in.h; ++y) {
            for (int x = 0; x < in.w; ++x) {
                for (int o = 0; o < outPerGroup; ++o) {
                    for (int ky = 0; ky < layer.kh; ++ky) {
                        for (int kx = 0; kx < layer.kw; ++kx) {
                            full.at(group * outPerGroup + o, y * layer.sy + ky * layer.dy,
                                    x * layer.sx + kx * layer.dx) +=
                                in.at(ic, y, x) * layer.kernel[static_cast<std::size_t>(ky * layer.kw + kx)];
                        }
                    }
                }
            }
        }
    }
    Vol out;
    out.c = layer.outChannels;
    out.h = fullH - layer.top - layer.bottom;
    out.w = fullW - layer.left - layer.right;
    for (int c = 0; c < out.c; ++c) {
        for (int y = 0; y < out.h; ++y) {
            for (int x = 0; x < out.w; ++x)
                out.v.push_back(full.at(c, y + layer.top, x + layer.left) + layer.bias);
        }
    }
    return out;
}

}  // namespace naiveconv
