#pragma once

#include <string>

#include "core/conv/conv_spec.h"
#include "core/conv/volume.h"

namespace convscope::conv {

/// One output dimension with the formula that produced it.
struct SizeResult {
    int size = 0;
    /// The worked formula with the numbers substituted, UTF-8, e.g.
    /// "floor((6 + 2·1 − 1·(3 − 1) − 1) / 1) + 1 = 6". Asymmetric padding appears as "(1 + 2)" instead of
    /// "2·p".
    std::string arithmetic;
};

/// An integer as the arithmetic texts write it, with a real minus sign (U+2212), like formatNumber().
std::string formatInteger(long long value);

/// floor((n + p_before + p_after − d(k − 1) − 1) / s) + 1, PyTorch's conv2d/pool output size along one axis.
/// Throws ConvError for n < 1, k < 1, s < 1, d < 1, negative padding, or a dilated kernel larger than the
/// padded input (the message gives both numbers). `axis` ("height", "width" or empty) is used in messages
/// only.
SizeResult convOutputSize(int n, int k, int stride, int padBefore, int padAfter, int dilation,
                          const std::string& axis = {});

/// (n − 1)·s − (p_before + p_after) + d(k − 1) + output_padding + 1, conv_transpose2d's output size. Throws
/// ConvError for invalid values, for output_padding >= max(stride, dilation) (PyTorch's rule), and for a
/// non-positive result.
SizeResult transposedOutputSize(int n, int k, int stride, int padBefore, int padAfter, int dilation,
                                int outputPadding, const std::string& axis = {});

/// Upsampling by the integer factor `scale`: n·S, e.g. "3·2 = 6"; max unpooling pools first (window and
/// stride S, so floor(n / S) pooled values) and unpools back to n, as max_unpool2d with output_size = the
/// input's size, e.g. "floor(5 / 2) = 2 pooled, unpooled back to 5". Throws
/// ConvError for n < 1, S < 1, or a max-unpooling window larger than the input.
SizeResult upsampleOutputSize(int n, int scale, bool maxUnpool, const std::string& axis = {});

/// The full output shape of `spec` applied to an input of `inputShape` (values ignored; only channels/height/
/// width are read) with `weights` (ignored for pooling). Validates everything the trace needs: stride,
/// dilation, padding (reflect needs p < n, circular p <= n, pooling p <= k/2), groups dividing both channel
/// counts, the weights' second dimension equal to C_in / groups, bias length. Throws ConvError with a clear
/// sentence. Returns channels x height x width with an empty value vector.
Volume outputShape(const Volume& inputShape, const FilterBank& weights, const ConvSpec& spec);

/// Height and width arithmetic of outputShape(), e.g. "H: floor(...) + 1 = 6; W: ... = 6".
std::string outputShapeArithmetic(const Volume& inputShape, const FilterBank& weights, const ConvSpec& spec);

}  // namespace convscope::conv
