#include "tests/support/naive_conv.h"

#include <algorithm>
#include <limits>

namespace naiveconv {

int padSource(int i, int n, Pad mode) {
    if (i >= 0 && i < n) return i;
    switch (mode) {
        case Pad::Zeros:
            return -1;
        case Pad::Reflect:
            if (n == 1) return 0;
            while (i < 0 || i >= n) i = i < 0 ? -i : 2 * (n - 1) - i;
            return i;
        case Pad::Replicate:
            return i < 0 ? 0 : n - 1;
        case Pad::Circular:
            return ((i % n) + n) % n;
    }
    return -1;
}

Vol sequence(int channels, int height, int width) {
    Vol vol{channels, height, width, {}};
    for (int i = 0; i < channels * height * width; ++i) vol.v.push_back(i + 1);
    return vol;
}

Vol zeros(int channels, int height, int width) {
    return Vol{channels, height, width,
               std::vector<double>(static_cast<std::size_t>(channels * height * width))};
}

double Layer::weight(int first, int second, int ky, int kx, int seconds) const {
    if (weights.empty()) return kernel[static_cast<std::size_t>(ky * kw + kx)];
    return weights[static_cast<std::size_t>(((first * seconds + second) * kh + ky) * kw + kx)];
}

double Layer::biasOf(int outChannel) const {
    return biases.empty() ? bias : biases[static_cast<std::size_t>(outChannel)];
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
                const int sy = padSource(y, in.h, layer.mode);
                const int sx = padSource(x, in.w, layer.mode);
                const double value = (sy < 0 || sx < 0) ? 0.0 : in.at(channel, sy, sx);
                taps.push_back({channel, y, x, padded, value, layer.weight(oc, ci, ky, kx, inPerGroup)});
            }
        }
    }
    return taps;
}

Vol conv2d(const Vol& in, const Layer& layer) {
    const int h = (in.h + layer.top + layer.bottom - layer.dy * (layer.kh - 1) - 1) / layer.sy + 1;
    const int w = (in.w + layer.left + layer.right - layer.dx * (layer.kw - 1) - 1) / layer.sx + 1;
    Vol out = zeros(layer.outChannels, h, w);
    for (int oc = 0; oc < out.c; ++oc) {
        for (int oy = 0; oy < out.h; ++oy) {
            for (int ox = 0; ox < out.w; ++ox) {
                double sum = 0.0;
                for (const Tap& tap : convTaps(in, layer, oc, oy, ox)) sum += tap.value * tap.weight;
                out.at(oc, oy, ox) = sum + layer.biasOf(oc);
            }
        }
    }
    return out;
}

Vol convTranspose2d(const Vol& in, const Layer& layer, int steps) {
    const int fullH = (in.h - 1) * layer.sy + layer.dy * (layer.kh - 1) + 1 + layer.opy;
    const int fullW = (in.w - 1) * layer.sx + layer.dx * (layer.kw - 1) + 1 + layer.opx;
    Vol full = zeros(layer.outChannels, fullH, fullW);
    const int inPerGroup = in.c / layer.groups;
    const int outPerGroup = layer.outChannels / layer.groups;
    int step = 0;
    for (int ic = 0; ic < in.c; ++ic) {
        const int group = ic / inPerGroup;
        for (int y = 0; y < in.h; ++y) {
            for (int x = 0; x < in.w; ++x, ++step) {
                if (steps >= 0 && step >= steps) continue;
                for (int o = 0; o < outPerGroup; ++o) {
                    for (int ky = 0; ky < layer.kh; ++ky) {
                        for (int kx = 0; kx < layer.kw; ++kx) {
                            full.at(group * outPerGroup + o, y * layer.sy + ky * layer.dy,
                                    x * layer.sx + kx * layer.dx) +=
                                in.at(ic, y, x) * layer.weight(ic, o, ky, kx, outPerGroup);
                        }
                    }
                }
            }
        }
    }
    Vol out = zeros(layer.outChannels, fullH - layer.top - layer.bottom, fullW - layer.left - layer.right);
    for (int c = 0; c < out.c; ++c)
        for (int y = 0; y < out.h; ++y)
            for (int x = 0; x < out.w; ++x)
                out.at(c, y, x) = full.at(c, y + layer.top, x + layer.left) + layer.biasOf(c);
    return out;
}

Vol pool2d(const Vol& in, bool max, int k, int stride, int pad, int dilation, bool includePad) {
    const int h = (in.h + 2 * pad - dilation * (k - 1) - 1) / stride + 1;
    const int w = (in.w + 2 * pad - dilation * (k - 1) - 1) / stride + 1;
    Vol out = zeros(in.c, h, w);
    for (int c = 0; c < in.c; ++c)
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x) {
                double best = -std::numeric_limits<double>::infinity(), sum = 0;
                int cells = 0;
                for (int i = 0; i < k; ++i)
                    for (int j = 0; j < k; ++j) {
                        const int yy = y * stride - pad + i * dilation, xx = x * stride - pad + j * dilation;
                        if (yy < 0 || xx < 0 || yy >= in.h || xx >= in.w) continue;
                        best = std::max(best, in.at(c, yy, xx));
                        sum += in.at(c, yy, xx);
                        ++cells;
                    }
                out.at(c, y, x) = max ? best : sum / (includePad ? k * k : cells);
            }
    return out;
}

}  // namespace naiveconv
