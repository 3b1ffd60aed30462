#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/common/job_control.h"
#include "core/conv/conv_spec.h"
#include "core/conv/volume.h"

namespace convscope::conv {

/// One multiplication inside a step.
///
/// Gather operations (convolution, pooling): one tap per kernel element and input channel under the window;
/// (channel, y, x) is the position in UNPADDED input coordinates (negative or >= size inside the padding).
/// Transposed convolution (scatter): one tap per kernel element and output channel of the group; (channel, y,
/// x) is the output position the product is added to, in uncropped coordinates (before padding is removed).
struct Tap {
    int channel = 0;
    int y = 0;
    int x = 0;
    int kernelChannel =
        0;  ///< second weight index (input channel within the group; transposed: output within group)
    int kernelY = 0;
    int kernelX = 0;
    bool padded =
        false;  ///< gather: the position lies in the padding; scatter: it falls in the cropped border
    int sourceY =
        -1;  ///< gather: input row that supplied the value (reflect/replicate/circular); -1 for zeros
    int sourceX = -1;
    double value = 0.0;    ///< input value used (padding value for padded taps)
    double weight = 0.0;   ///< kernel weight; 1 for pooling
    double product = 0.0;  ///< value * weight
};

/// Upsampling (nearest, bed of nails, max unpooling): one tap per element of the S×S output cell the step
/// writes; (y, x) is the output position, (sourceY, sourceX) the input element whose value `value` is, weight
/// 1 where the value lands and 0 for the zeros, product what is written.

/// One step of the animation: one output element (gather), one input element (transposed, nearest, bed of
/// nails) or one pooled element (max unpooling).
struct TraceStep {
    int index = 0;    ///< position in the step order
    int channel = 0;  ///< output channel (gather) / input channel (transposed)
    int y = 0;        ///< output row (gather) / input row (transposed)
    int x = 0;
    int group = 0;
    std::vector<Tap> taps;  ///< in order: input channel, then kernel row, then kernel column
    double sum = 0.0;       ///< convolution: sum of products; avg pool: sum of values; max pool: the maximum
    double bias = 0.0;      ///< convolution/transposed: the bias of the output channel; 0 for pooling
    double result = 0.0;  ///< the value written: sum + bias, sum / divisor, max; transposed: the input value
    int divisor = 1;      ///< average pooling only
    int winner = -1;  ///< max pooling: index into taps of the (first) maximum; bed of nails / max unpooling:
                      ///< the tap that receives the value; -1 otherwise
};

/// A whole convolution, pooling or transposed convolution, replayable step by step.
///
/// Construction validates everything (throws ConvError) and computes the output eagerly with the same
/// arithmetic the steps show; steps themselves are built on demand by step(), so a 227x227x3 input with 96
/// 11x11 filters costs only its output. The object is immutable and may be read from several threads.
class ConvTrace {
public:
    /// Convolution or transposed convolution (spec.op decides); pooling ignores `weights`.
    /// Throws ConvError for invalid input; common::Cancelled if `control` asks to stop while computing the
    /// output.
    ConvTrace(Volume input, FilterBank weights, ConvSpec spec, const common::JobControl& control = {});

    const Volume& input() const { return m_input; }
    const FilterBank& weights() const { return m_weights; }
    const ConvSpec& spec() const { return m_spec; }
    /// The final output (transposed: after cropping the padding and adding output_padding).
    const Volume& output() const { return m_output; }

    /// Max unpooling only (empty otherwise): the input max-pooled with window and stride S, and per pooled
    /// element the flat index y·W + x of its maximum in its input channel plane, as
    /// F.max_pool2d(return_indices=True) gives them. The unpooled output has the input's size (max_unpool2d
    /// with output_size) and holds each pooled value at that same (y, x), zeros elsewhere.
    const Volume& pooled() const { return m_pooled; }
    const std::vector<int>& poolIndices() const { return m_poolIndices; }

    /// Number of steps: output elements for gather operations, input elements for transposed convolution,
    /// nearest and bed of nails, pooled elements for max unpooling.
    int stepCount() const;
    /// The i-th step in order (channel, then row, then column). Throws std::out_of_range.
    TraceStep step(int index) const;
    /// The index of the step that writes output (c, y, x) (gather operations), or that reads input (c, y, x)
    /// (transposed, upsampling; max unpooling: the step of the pooling window holding it); -1 when out of
    /// range.
    int stepIndexOf(int c, int y, int x) const;

    /// The output as it stands after `stepsDone` steps (0..stepCount()). Gather: finished elements hold their
    /// value, the others NaN. Transposed: every element starts at its bias and accumulates the products
    /// scattered so far; cropped positions are omitted, so the volume has the final output's shape.
    /// Upsampling: the S×S cells of finished steps hold their values, the others NaN (max unpooling's rows
    /// and columns past the last pooling window, which no step writes, hold 0).
    Volume partialOutput(int stepsDone) const;

    /// The input as the kernel sees it: padded with the padding mode (zeros, reflected, replicated or wrapped
    /// values). Pooling pads max with −inf shown as NaN and avg with zeros. Not meaningful for transposed
    /// (returns the input unchanged).
    Volume paddedInput() const;

    /// The step's arithmetic as one line of UTF-8 text, with at most `maxTerms` terms before an ellipsis,
    /// e.g. "1·(−1) + 2·0 + 3·1 + … = 8", "max(1, 2, 7, 8) = 8", "(1 + 2 + 7 + 8) / 4 = 4.5",
    /// "... + 0.5 (bias) = 8.5", or for transposed "3 × W → output rows 2–4, cols 4–6"; upsampling:
    /// "7 → rows 2–3, cols 4–5", "7 → (2, 4), zeros elsewhere in rows 2–3, cols 4–5",
    /// "max(1, 2, 7, 8) = 8 at (1, 1) → (1, 1), zeros elsewhere in rows 0–1, cols 0–1".
    std::string arithmetic(const TraceStep& step, int maxTerms = 12) const;

private:
    const Volume& stepGrid() const;

    Volume m_input;
    FilterBank m_weights;
    ConvSpec m_spec;
    Volume m_output;
    Volume m_pooled;                 ///< max unpooling only
    std::vector<int> m_poolIndices;  ///< max unpooling only
    int m_uncroppedHeight = 0;       ///< transposed only: full output before cropping
    int m_uncroppedWidth = 0;
};

/// Numbers as a learner reads them: integers without a decimal point, otherwise up to 4 significant digits;
/// a real minus sign (U+2212); negative numbers in parentheses when `parenthesizeNegative` (for "2·(−1)").
std::string formatNumber(double value, bool parenthesizeNegative = false);

}  // namespace convscope::conv
