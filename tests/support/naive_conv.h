#pragma once

#include <cstddef>
#include <vector>

// The reference the convolution tests (core/conv's engines and traces, the CLI's conv-trace) are checked
// against: PyTorch's conv2d, conv_transpose2d, max_pool2d and avg_pool2d written out as plain loops from
// their documentation, sharing nothing with core/conv.
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
/// All zeros.
Vol zeros(int channels, int height, int width);

enum class Pad { Zeros, Reflect, Replicate, Circular };

/// Where index `i` of a line of `n` reads from under PyTorch's padding mode (mirror about the edge pixel,
/// clamp, wrap); −1 for zeros.
int padSource(int i, int n, Pad mode);

/// A convolution layer. The weights are either `weights`, in PyTorch's layout ([out][in / groups][kh][kw] for
/// conv2d, [in][out / groups][kh][kw] for conv_transpose2d), or, when that is empty, `kernel` (kh × kw,
/// row-major) copied into every slice. The bias is `biases` per output channel, or `bias` on every one.
struct Layer {
    int kh = 3;
    int kw = 3;
    std::vector<double> kernel;
    std::vector<double> weights;
    int outChannels = 1;
    double bias = 0.0;
    std::vector<double> biases;
    int top = 0, bottom = 0, left = 0, right = 0;
    int sy = 1, sx = 1;
    int dy = 1, dx = 1;
    int groups = 1;
    Pad mode = Pad::Zeros;
    int opy = 0, opx = 0;  // transposed output padding

    /// The weight at (first, second, ky, kx) of the layout above; `seconds` is the second dimension's size.
    double weight(int first, int second, int ky, int kx, int seconds) const;
    double biasOf(int outChannel) const;
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
/// padding cropped from the full result and output padding added at the bottom/right. With `steps` ≥ 0 only
/// the first `steps` input values (channel, row, column order) are scattered: the partial output after that
/// many steps of an animation.
Vol convTranspose2d(const Vol& in, const Layer& layer, int steps = -1);

/// max_pool2d and avg_pool2d with padding on every side: max ignores the padding, the average divides by
/// k·k (includePad, PyTorch's count_include_pad) or by the cells inside the image.
Vol pool2d(const Vol& in, bool max, int k, int stride, int pad, int dilation, bool includePad);

}  // namespace naiveconv
