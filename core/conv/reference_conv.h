#pragma once

#include <vector>

#include "core/conv/conv_spec.h"
#include "core/conv/volume.h"

namespace convscope::conv {

// Two independent from-scratch implementations (the seed's exercise "implement 2-D convolution without
// nn.Conv2d"): nested loops, and im2col + matrix multiply. Both validate like outputShape() and throw
// ConvError. They work on a batch of one; callers loop over samples.

/// Seven nested loops over output channel, row, column, input channel, kernel row, kernel column.
Volume conv2dNaive(const Volume& input, const FilterBank& weights, const ConvSpec& spec);
/// max_pool2d / avg_pool2d by nested loops (spec.op selects).
Volume pool2dNaive(const Volume& input, const ConvSpec& spec);
/// conv_transpose2d by scattering each input element (weights are C_in x C_out/groups x kH x kW).
Volume convTranspose2dNaive(const Volume& input, const FilterBank& weights, const ConvSpec& spec);

/// The im2col matrix of a convolution: (C_in·kH·kW) rows x (H_out·W_out) columns, row-major, with padding
/// applied by the padding mode. groups > 1 is handled by conv2dIm2col, which takes the row band of each
/// group.
struct Im2colMatrix {
    int rows = 0;
    int cols = 0;
    std::vector<double> values;
};
Im2colMatrix im2col(const Volume& input, int kernelHeight, int kernelWidth, const ConvSpec& spec);

/// Convolution as im2col followed by a cache-blocked matrix multiply W (C_out x C_in·kH·kW) · columns.
Volume conv2dIm2col(const Volume& input, const FilterBank& weights, const ConvSpec& spec);

}  // namespace convscope::conv
