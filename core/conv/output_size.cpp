#include "core/conv/output_size.h"

#include <climits>

namespace convscope::conv {

namespace {

std::string num(long long v) {
    return formatInteger(v);
}

std::string along(const std::string& axis) {
    return axis.empty() ? std::string() : " along the " + axis;
}

std::string sideBefore(const std::string& axis) {
    return axis == "height" ? "at the top" : axis == "width" ? "on the left" : "before";
}
std::string sideAfter(const std::string& axis) {
    return axis == "height" ? "at the bottom" : axis == "width" ? "on the right" : "after";
}

std::string inputNoun(const std::string& axis) {
    return axis.empty() ? "input size" : "input " + axis;
}

// The parts both formulas share: sizes, stride and dilation at least 1, padding not negative.
void checkCommon(int n, int k, int stride, int padBefore, int padAfter, int dilation,
                 const std::string& axis) {
    if (n < 1) throw ConvError("The " + inputNoun(axis) + " must be at least 1 pixel (got " + num(n) + ").");
    if (k < 1) {
        throw ConvError("The kernel " + (axis.empty() ? std::string("size") : axis) +
                        " must be at least 1 (got " + num(k) + ").");
    }
    if (stride < 1)
        throw ConvError("Stride" + along(axis) + " must be at least 1 (got " + num(stride) + ").");
    if (dilation < 1) {
        throw ConvError("Dilation" + along(axis) + " must be at least 1 (got " + num(dilation) + ").");
    }
    if (padBefore < 0) {
        throw ConvError("Padding must not be negative (got " + num(padBefore) + " " + sideBefore(axis) +
                        ").");
    }
    if (padAfter < 0) {
        throw ConvError("Padding must not be negative (got " + num(padAfter) + " " + sideAfter(axis) + ").");
    }
}

std::string paddingTerm(int padBefore, int padAfter) {
    if (padBefore == padAfter) return "2\u00b7" + num(padBefore);
    return "(" + num(padBefore) + " + " + num(padAfter) + ")";
}

int checkedSize(long long size, const std::string& what, const std::string& axis) {
    if (size > INT_MAX) {
        throw ConvError("The " + what + " " + (axis.empty() ? std::string("size") : axis) + " would be " +
                        num(size) + " pixels, more than this program can hold.");
    }
    return static_cast<int>(size);
}

}  // namespace

std::string formatInteger(long long v) {
    return v < 0 ? "\u2212" + std::to_string(-v) : std::to_string(v);
}

SizeResult convOutputSize(int n, int k, int stride, int padBefore, int padAfter, int dilation,
                          const std::string& axis) {
    checkCommon(n, k, stride, padBefore, padAfter, dilation, axis);
    const long long span = static_cast<long long>(dilation) * (k - 1) + 1;
    const long long padded = static_cast<long long>(n) + padBefore + padAfter;
    checkedSize(padded, "padded input", axis);
    if (span > padded) {
        throw ConvError(std::string(dilation > 1 ? "The dilated kernel" : "The kernel") + " spans " +
                        num(span) + " pixels, more than the padded " + inputNoun(axis) + " of " +
                        num(padded) + ".");
    }
    // padded - span >= 0, so integer division is floor().
    const long long size = (padded - span) / stride + 1;
    SizeResult r;
    r.size = checkedSize(size, "output", axis);
    r.arithmetic = "floor((" + num(n) + " + " + paddingTerm(padBefore, padAfter) + " \u2212 " +
                   num(dilation) + "\u00b7(" + num(k) + " \u2212 1) \u2212 1) / " + num(stride) +
                   ") + 1 = " + num(size);
    return r;
}

SizeResult transposedOutputSize(int n, int k, int stride, int padBefore, int padAfter, int dilation,
                                int outputPadding, const std::string& axis) {
    checkCommon(n, k, stride, padBefore, padAfter, dilation, axis);
    if (outputPadding < 0) {
        throw ConvError("Output padding" + along(axis) + " must not be negative (got " + num(outputPadding) +
                        ").");
    }
    if (outputPadding >= stride && outputPadding >= dilation) {
        throw ConvError("Output padding (" + num(outputPadding) + ")" + along(axis) +
                        " must be smaller than the stride (" + num(stride) + ") or the dilation (" +
                        num(dilation) + ").");
    }
    // Every term fits in a long long: (n − 1)·s and d·(k − 1) are each below 2^62.
    const long long full =
        static_cast<long long>(n - 1) * stride + static_cast<long long>(dilation) * (k - 1) + 1;
    // The trace addresses the uncropped output (including output padding) with int coordinates.
    checkedSize(full + outputPadding, "uncropped transposed output", axis);
    const long long size = full - padBefore - padAfter + outputPadding;
    if (size < 1) {
        throw ConvError("The transposed output " + (axis.empty() ? std::string("size") : axis) +
                        " would be " + num(size) + ": the padding (" + num(padBefore) + " + " +
                        num(padAfter) + ") crops away the whole " + num(full + outputPadding) +
                        "-pixel output.");
    }
    SizeResult r;
    r.size = checkedSize(size, "transposed output", axis);
    r.arithmetic = "(" + num(n) + " \u2212 1)\u00b7" + num(stride) + " \u2212 " +
                   paddingTerm(padBefore, padAfter) + " + " + num(dilation) + "\u00b7(" + num(k) +
                   " \u2212 1) + " + num(outputPadding) + " + 1 = " + num(size);
    return r;
}

SizeResult upsampleOutputSize(int n, int scale, bool maxUnpool, const std::string& axis) {
    if (n < 1) throw ConvError("The " + inputNoun(axis) + " must be at least 1 pixel (got " + num(n) + ").");
    if (scale < 1) {
        throw ConvError("The scale factor" + along(axis) + " must be at least 1 (got " + num(scale) + ").");
    }
    if (maxUnpool && n < scale) {
        throw ConvError("Max unpooling first max-pools with a window of " + num(scale) + ", so the " +
                        inputNoun(axis) + " (" + num(n) + ") must be at least " + num(scale) + ".");
    }
    SizeResult r;
    if (maxUnpool) {
        // Unpooling restores the size the input had before pooling (max_unpool2d's output_size).
        r.size = n;
        r.arithmetic = "floor(" + num(n) + " / " + num(scale) + ") = " + num(n / scale) +
                       " pooled, unpooled back to " + num(n);
        return r;
    }
    const long long size = static_cast<long long>(n) * scale;
    r.size = checkedSize(size, "output", axis);
    r.arithmetic = num(n) + "\u00b7" + num(scale) + " = " + num(size);
    return r;
}

}  // namespace convscope::conv

namespace convscope::conv {

namespace {

void checkInput(const Volume& input) {
    if (input.channels < 1 || input.height < 1 || input.width < 1) {
        throw ConvError("The input is empty (" + input.shapeText() +
                        "); it needs at least one channel, one row and one column.");
    }
}

void checkWeights(const FilterBank& w) {
    if (w.outChannels < 1 || w.inChannelsPerGroup < 1 || w.kernelHeight < 1 || w.kernelWidth < 1) {
        throw ConvError("The filter bank is empty (" + num(w.outChannels) + "x" + num(w.inChannelsPerGroup) +
                        "x" + num(w.kernelHeight) + "x" + num(w.kernelWidth) +
                        "); it needs at least one 1x1 filter.");
    }
    const std::size_t needed = static_cast<std::size_t>(w.outChannels) * w.inChannelsPerGroup *
                               w.kernelHeight * static_cast<std::size_t>(w.kernelWidth);
    if (w.weights.size() != needed) {
        throw ConvError("The filter bank holds " + num(static_cast<long long>(w.weights.size())) +
                        " weights but its shape " + num(w.outChannels) + "x" + num(w.inChannelsPerGroup) +
                        "x" + num(w.kernelHeight) + "x" + num(w.kernelWidth) + " needs " +
                        num(static_cast<long long>(needed)) + ".");
    }
}

void checkGroups(int groups, int inChannels) {
    if (groups < 1) throw ConvError("Groups must be at least 1 (got " + num(groups) + ").");
    if (inChannels % groups != 0) {
        throw ConvError("Groups (" + num(groups) + ") must divide the input channels (" + num(inChannels) +
                        ").");
    }
}

void checkBias(const FilterBank& w, int outChannels) {
    if (w.hasBias() && w.bias.size() != static_cast<std::size_t>(outChannels)) {
        throw ConvError(
            "The bias has " + num(static_cast<long long>(w.bias.size())) + " values but there " +
            (outChannels == 1 ? "is 1 output channel." : "are " + num(outChannels) + " output channels."));
    }
}

void checkPaddingSigns(const Padding& p) {
    const int sides[4] = {p.top, p.bottom, p.left, p.right};
    const char* names[4] = {"at the top", "at the bottom", "on the left", "on the right"};
    for (int i = 0; i < 4; ++i) {
        if (sides[i] < 0)
            throw ConvError("Padding must not be negative (got " + num(sides[i]) + " " + names[i] + ").");
    }
}

// PyTorch's reflect padding mirrors without repeating the edge, so it needs p < n; circular wraps at most
// once.
void checkPaddingMode(const Volume& input, const Padding& p, PaddingMode mode) {
    if (mode != PaddingMode::Reflect && mode != PaddingMode::Circular) return;
    const bool reflect = mode == PaddingMode::Reflect;
    struct Side {
        int pad;
        const char* where;
        int n;
        const char* axis;
    };
    const Side sides[4] = {{p.top, "at the top", input.height, "height"},
                           {p.bottom, "at the bottom", input.height, "height"},
                           {p.left, "on the left", input.width, "width"},
                           {p.right, "on the right", input.width, "width"}};
    for (const Side& s : sides) {
        if (reflect && s.pad >= s.n) {
            throw ConvError("Reflect padding (" + num(s.pad) + " " + s.where +
                            ") must be smaller than the input " + s.axis + " (" + num(s.n) + ").");
        }
        if (!reflect && s.pad > s.n) {
            throw ConvError("Circular padding (" + num(s.pad) + " " + s.where +
                            ") must not exceed the input " + s.axis + " (" + num(s.n) + ").");
        }
    }
}

void checkPooling(const ConvSpec& spec) {
    if (spec.paddingMode != PaddingMode::Zeros) {
        throw ConvError(
            "Pooling pads only with zeros (\u2212\u221e for max pooling); set the padding mode to zeros "
            "(got " +
            toString(spec.paddingMode) + ").");
    }
    const Pair2 k = spec.poolKernel;
    if (k.y < 1 || k.x < 1) {
        throw ConvError("The pooling window must be at least 1x1 (got " + num(k.y) + "x" + num(k.x) + ").");
    }
    if (spec.op == Operation::AvgPool && (spec.dilation.y != 1 || spec.dilation.x != 1)) {
        throw ConvError("Average pooling has no dilation (got " + num(spec.dilation.y) + "x" +
                        num(spec.dilation.x) + "); use dilation 1.");
    }
    const Padding& p = spec.padding;
    struct Side {
        int pad;
        const char* where;
        int k;
        const char* axis;
    };
    const Side sides[4] = {{p.top, "at the top", k.y, "height"},
                           {p.bottom, "at the bottom", k.y, "height"},
                           {p.left, "on the left", k.x, "width"},
                           {p.right, "on the right", k.x, "width"}};
    for (const Side& s : sides) {
        if (s.pad > s.k / 2) {
            throw ConvError("Pooling padding (" + num(s.pad) + " " + s.where +
                            ") must be at most half the window " + s.axis + " (" + num(s.k) +
                            " / 2 = " + num(s.k / 2) + "), as in PyTorch.");
        }
    }
}

// Upsampling has a scale factor and nothing else: geometry meant for another operation is refused rather
// than silently ignored.
void checkUpsampling(const ConvSpec& spec) {
    const std::string name = spec.op == Operation::Nearest      ? "Nearest-neighbour upsampling"
                             : spec.op == Operation::BedOfNails ? "Bed-of-nails upsampling"
                                                                : "Max unpooling";
    const Padding& p = spec.padding;
    if (p.top || p.bottom || p.left || p.right) throw ConvError(name + " has no padding; set it to 0.");
    if (!(spec.stride == Pair2{1, 1}) || !(spec.dilation == Pair2{1, 1})) {
        throw ConvError(name + " has no stride or dilation (its scale factor sets both); set them to 1.");
    }
    if (spec.groups != 1) throw ConvError(name + " works on each channel alone; set groups to 1.");
    if (spec.paddingMode != PaddingMode::Zeros) throw ConvError(name + " has no padding mode; use zeros.");
}

struct AxisSizes {
    SizeResult height;
    SizeResult width;
    int channels = 0;
};

// Validates everything and returns both axes' results; shared by outputShape() and outputShapeArithmetic().
AxisSizes computeShape(const Volume& input, const FilterBank& w, const ConvSpec& spec) {
    checkInput(input);
    checkPaddingSigns(spec.padding);
    const Padding& p = spec.padding;
    AxisSizes r;
    if (isUpsampling(spec.op)) {
        checkUpsampling(spec);
        const bool unpool = spec.op == Operation::MaxUnpool;
        r.channels = input.channels;
        r.height = upsampleOutputSize(input.height, spec.scale.y, unpool, "height");
        r.width = upsampleOutputSize(input.width, spec.scale.x, unpool, "width");
    } else if (isPooling(spec.op)) {
        checkPooling(spec);
        r.channels = input.channels;
        r.height = convOutputSize(input.height, spec.poolKernel.y, spec.stride.y, p.top, p.bottom,
                                  spec.dilation.y, "height");
        r.width = convOutputSize(input.width, spec.poolKernel.x, spec.stride.x, p.left, p.right,
                                 spec.dilation.x, "width");
    } else if (spec.op == Operation::Transposed) {
        checkWeights(w);
        if (spec.paddingMode != PaddingMode::Zeros) {
            throw ConvError("Transposed convolution supports only zero padding, as in PyTorch (got " +
                            toString(spec.paddingMode) + ").");
        }
        if (w.outChannels != input.channels) {
            throw ConvError("The transposed weights expect " + num(w.outChannels) +
                            " input channels (their first dimension) but the input has " +
                            num(input.channels) + ".");
        }
        checkGroups(spec.groups, input.channels);
        r.channels = w.inChannelsPerGroup * spec.groups;
        checkBias(w, r.channels);
        r.height = transposedOutputSize(input.height, w.kernelHeight, spec.stride.y, p.top, p.bottom,
                                        spec.dilation.y, spec.outputPadding.y, "height");
        r.width = transposedOutputSize(input.width, w.kernelWidth, spec.stride.x, p.left, p.right,
                                       spec.dilation.x, spec.outputPadding.x, "width");
    } else {
        checkWeights(w);
        checkGroups(spec.groups, input.channels);
        if (w.outChannels % spec.groups != 0) {
            throw ConvError("Groups (" + num(spec.groups) + ") must divide the output channels (" +
                            num(w.outChannels) + ").");
        }
        if (w.inChannelsPerGroup * spec.groups != input.channels) {
            throw ConvError("The weights expect " + num(w.inChannelsPerGroup) +
                            " input channels per group but the input has " + num(input.channels) +
                            " channels with groups " + num(spec.groups) + ".");
        }
        r.channels = w.outChannels;
        checkBias(w, r.channels);
        checkPaddingMode(input, p, spec.paddingMode);
        r.height = convOutputSize(input.height, w.kernelHeight, spec.stride.y, p.top, p.bottom,
                                  spec.dilation.y, "height");
        r.width = convOutputSize(input.width, w.kernelWidth, spec.stride.x, p.left, p.right, spec.dilation.x,
                                 "width");
    }
    const long long elements = static_cast<long long>(r.channels) * r.height.size * r.width.size;
    if (elements > INT_MAX) {
        throw ConvError("The output would have " + num(elements) + " values (" + num(r.channels) + "x" +
                        num(r.height.size) + "x" + num(r.width.size) + "), more than this program can hold.");
    }
    return r;
}

}  // namespace

Volume outputShape(const Volume& inputShape, const FilterBank& weights, const ConvSpec& spec) {
    const AxisSizes s = computeShape(inputShape, weights, spec);
    Volume out;
    out.channels = s.channels;
    out.height = s.height.size;
    out.width = s.width.size;
    return out;
}

std::string outputShapeArithmetic(const Volume& inputShape, const FilterBank& weights, const ConvSpec& spec) {
    const AxisSizes s = computeShape(inputShape, weights, spec);
    return "H: " + s.height.arithmetic + "; W: " + s.width.arithmetic;
}

}  // namespace convscope::conv
