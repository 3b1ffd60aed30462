#pragma once

#include "core/conv/conv_spec.h"

namespace convscope::conv::detail {

/// Internal to core/conv. The input row (or column) that supplies position `i` of an axis of length `n` once
/// the axis is padded with `mode` (i may be negative or >= n); -1 where zero padding supplies a 0. Matches
/// PyTorch's F.pad: reflect mirrors without repeating the edge (needs p < n), circular wraps once (needs p <=
/// n).
inline int paddingSource(int i, int n, PaddingMode mode) {
    if (i >= 0 && i < n) return i;
    switch (mode) {
        case PaddingMode::Zeros:
            return -1;
        case PaddingMode::Reflect:
            return i < 0 ? -i : 2 * (n - 1) - i;
        case PaddingMode::Replicate:
            return i < 0 ? 0 : n - 1;
        case PaddingMode::Circular:
            return ((i % n) + n) % n;
    }
    return -1;
}

}  // namespace convscope::conv::detail
