#pragma once

#include <string>
#include <vector>

#include "core/conv/conv_trace.h"

namespace convscope::conv::detail {

/// Internal to core/conv: what ConvTrace does for the upsampling operations (Nearest, BedOfNails,
/// MaxUnpool). A step is one element of the step grid (the input; max unpooling: the pooled input) and writes
/// its whole S×S cell of the output, like a transposed convolution with a fixed kernel; every output element
/// belongs to exactly one cell.

/// F.max_pool2d(kernel S, stride S, return_indices=True): `pooled` gets C × floor(H / S) × floor(W / S) and
/// `indices` one flat index y·W + x into the input's channel plane per pooled element (PyTorch's), with
/// PyTorch's tie rule (the first maximum in the window, a NaN wins). Uses the max-pooling trace's own loop.
void maxPoolWithIndices(const Volume& input, Pair2 scale, Volume& pooled, std::vector<int>& indices);

/// The final output of `spec` (an upsampling op); `pooled`/`indices` are used by max unpooling only.
void upsampleOutput(const Volume& input, const ConvSpec& spec, const std::vector<int>& indices,
                    const Volume& pooled, Volume& output);

/// Fills step (s.channel, s.y, s.x) of the step grid: one tap per cell element in row-major order, with
/// (y, x) the output position, kernelY/kernelX its offset in the cell, (sourceY, sourceX) the input
/// element the value comes from, `value` that input value, `weight` 1 where the value lands (0 for the
/// zeros of bed of nails and max unpooling) and `product` what is written. sum = result = the value
/// scattered; winner = the tap that receives it (bed of nails and max unpooling; −1 for nearest).
void upsampleStep(const Volume& input, const ConvSpec& spec, const Volume& pooled,
                  const std::vector<int>& indices, TraceStep& s);

/// "7 → rows 2–3, cols 4–5" (nearest), "7 → (2, 4), zeros elsewhere in rows 2–3, cols 4–5" (bed of
/// nails), "max(1, 2, 7, 8) = 8 at (1, 1) → (1, 1), zeros elsewhere in rows 0–1, cols 0–1" (max
/// unpooling: the window's values, at most `maxTerms`).
std::string upsampleArithmetic(const TraceStep& step, const ConvSpec& spec, int maxTerms);

}  // namespace convscope::conv::detail
