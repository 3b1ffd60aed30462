#pragma once

#include <cstddef>
#include <vector>

// The reference conv-trace is checked against: PyTorch's conv2d and conv_transpose2d written out as plain
// loops from their definitions, sharing nothing with core/conv.
namespace naiveconv {

struct Vol {
    int c = 0;
    int h = 0;
    int w = 0;
    std::vector<double> v;  // (ch * h + y) * w + x
    double at(int ch, int y, int x) const { return v[static_cast<std::size_t>((ch * h + y) * w + x)]; }
    double& at(int ch, int y, int x) { return v[static_cast<std::size_t>((ch * h + y) * w + x)]; }
};

/// 1, 2, 3, ... row by row, channel after channel.
Vol sequence(int channels, int height, int width);

enum class Pad { Zeros, Reflect, Replicate, Circular };

/// One kernel (kh x kw, row-major) copied into every weight slice, the same bias on every output channel.
struct Layer {
    int kh = 3;
    int kw = 3;
    std::vector<double> kernel;
    int outChannels = 1;
    double bias = 0.0;
    int top = 0, bottom = 0, left = 0, right = 0;
    int sy = 1, sx = 1;
    int dy = 1, dx = 1;
    int groups = 1;
    Pad mode = Pad::Zeros;
    int opy = 0, opx = 0;  // transposed output padding
};

/// One multiplication of conv2d, position in unpadded input coordinates.
struct Tap {
    int channel, y, x;
    bool padded;
    double value, weight;
};

/// The multiplications behind out[oc, oy, ox], in the order input channel, kernel row, kernel column.
std::vector<Tap> convTaps(const Vol& in, const Layer& layer, int oc, int oy, int ox);

/// conv2d: floor((n + pads - d(k-1) - 1) / s) + 1 per axis, out = sum of tap products + bias.
Vol conv2d(const Vol& in, const Layer& layer);

/// conv_transpose2d: every input value times the kernel, scattered at (y*s + ky*d, x*s + kx*d), then the
/// padding cropped from the full result and output padding added at the bottom/right.
Vol convTranspose2d(const Vol& in, const Layer& layer);

}  // namespace naiveconv
