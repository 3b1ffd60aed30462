#pragma once

#include <string>
#include <vector>

#include "core/conv/conv_spec.h"

namespace convscope::conv {

/// A worked example from the seeds that the Convolution panel loads in one click and the tests check.
struct WorkedExample {
    std::string id;  ///< "cs231n-32x32x3", "alexnet-conv1", "alexnet-pool1", "7x7-3x3", "seed-6x6-conv", ...
    std::string title;   ///< "32×32×3 input, ten 5×5 filters, stride 1, pad 2"
    std::string source;  ///< which seed and section it comes from
    int inChannels = 1;
    int inputSize = 6;    ///< square
    int outChannels = 1;  ///< filters (convolution) or channels (pooling)
    int kernel = 3;
    ConvSpec spec;             ///< op, stride, padding (pool kernel filled in for pooling)
    int expectedChannels = 1;  ///< the output the seed states
    int expectedSize = 6;
};

/// All of them, in the order of the panel's menu: the seed 6x6 conv (pad 1 → 6x6), the seed 6x6 2x2 max pool
/// (→ 3x3), 7x7 with 3x3 stride 1 (→ 5x5), 7x7 with 3x3 stride 2 (→ 3x3), 32x32x3 with ten 5x5 stride 1 pad 2
/// (→ 32x32x10), the notes' 6x6x3 with twenty 3x3x3 filters (→ 4x4x20) and 56x56x64 with thirty-two 1x1
/// filters (→ 56x56x32), AlexNet CONV1 227 → 55 (96 11x11 stride 4), AlexNet POOL1 55 → 27 (3x3 stride 2).
const std::vector<WorkedExample>& workedExamples();

}  // namespace convscope::conv
