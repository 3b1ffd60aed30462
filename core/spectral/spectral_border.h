#pragma once

#include <string>

namespace convscope::spectral {

/// How pixels outside the image are invented before an FFT convolution; the same rules, with the same
/// meaning, as imaging::BorderMode (so the FFT path equals the spatial one).
enum class Border {
    Zero,        ///< 0 outside
    Reflect101,  ///< gfedcb|abcdefgh|gfedcba, periodic with period 2(n − 1) far out; n = 1 repeats its pixel
    Replicate,   ///< aaaaaa|abcdefgh|hhhhhhh
    Wrap,        ///< cdefgh|abcdefgh|abcdefg
};

/// The source index for position `i` of a line of `n` pixels, or −1 for a zero (Border::Zero outside).
int borderIndex(int i, int n, Border border);

std::string toString(Border border);  ///< "zero", "reflect101", "replicate", "wrap"

}  // namespace convscope::spectral
