#pragma once

#include <stdexcept>
#include <string>

namespace convscope::conv {

/// What the trace computes.
enum class Operation {
    Convolution,  ///< cross-correlation as in PyTorch's conv2d (the kernel is not flipped)
    MaxPool,      ///< max_pool2d: padded positions never win (PyTorch pads with -inf)
    AvgPool,      ///< avg_pool2d: padded positions count as zeros when countIncludePad (PyTorch's default)
    Transposed,   ///< conv_transpose2d: each input element scatters a scaled kernel into the output
    // Upsampling by an integer scale factor S (ConvSpec::scale); no weights, each channel on its own.
    Nearest,     ///< F.interpolate(mode='nearest'): out[y][x] = in[y / S][x / S]
    BedOfNails,  ///< each value at the top-left of its S×S cell, zeros elsewhere
    MaxUnpool,   ///< max_pool2d(kernel S, stride S, return_indices) then max_unpool2d back to the input's
                 ///< size: each maximum goes back to where it was found, zeros elsewhere
};

/// Max or average pooling.
inline bool isPooling(Operation op) {
    return op == Operation::MaxPool || op == Operation::AvgPool;
}

/// Nearest-neighbour, bed-of-nails or max-unpooling upsampling: one step per input (max unpooling: per
/// pooled) element, which fills its S×S cell of the output.
inline bool isUpsampling(Operation op) {
    return op == Operation::Nearest || op == Operation::BedOfNails || op == Operation::MaxUnpool;
}

/// How positions outside the input are filled (PyTorch's padding_mode). Pooling uses only Zeros.
enum class PaddingMode { Zeros, Reflect, Replicate, Circular };

/// A pair of per-axis values: y = rows (height), x = columns (width).
struct Pair2 {
    int y = 1;
    int x = 1;
    bool operator==(const Pair2& o) const { return y == o.y && x == o.x; }
};

/// Padding per side. For transposed convolution, padding removes rows/columns from the full output
/// (PyTorch's meaning): top/bottom/left/right are cropped from the respective side.
struct Padding {
    int top = 0;
    int bottom = 0;
    int left = 0;
    int right = 0;
    static Padding uniform(int p) { return {p, p, p, p}; }
    bool isSymmetric() const { return top == bottom && left == right; }
    bool operator==(const Padding& o) const {
        return top == o.top && bottom == o.bottom && left == o.left && right == o.right;
    }
};

/// The geometry of one convolution, pooling or transposed-convolution layer.
struct ConvSpec {
    Operation op = Operation::Convolution;
    Padding padding;
    PaddingMode paddingMode = PaddingMode::Zeros;
    Pair2 stride{1, 1};
    Pair2 dilation{1, 1};
    int groups = 1;               ///< convolution and transposed convolution only
    Pair2 outputPadding{0, 0};    ///< transposed only; added at the bottom/right
    Pair2 poolKernel{2, 2};       ///< pooling only (convolution takes kH x kW from the FilterBank)
    bool countIncludePad = true;  ///< average pooling: divide by kH*kW (true) or by the real cells (false)
    Pair2 scale{2, 2};            ///< upsampling only: the factor S per axis (max unpooling: its pool window)
};

/// Thrown for impossible or invalid combinations; what() is one sentence a learner can act on, e.g.
/// "The dilated kernel (5) is larger than the padded input (4) along the height."
class ConvError : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

/// "conv", "maxpool", "avgpool", "transposed", "nearest", "bed-of-nails", "max-unpool" and back; parse throws
/// ConvError naming the accepted values.
std::string toString(Operation op);
Operation parseOperation(const std::string& text);
/// "zeros", "reflect", "replicate", "circular" and back.
std::string toString(PaddingMode mode);
PaddingMode parsePaddingMode(const std::string& text);

}  // namespace convscope::conv
