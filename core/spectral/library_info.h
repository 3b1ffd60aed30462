#pragma once

#include <string>

namespace convscope::spectral {

/// FFTW version linked at run time, e.g. "fftw-3.3.10-sse2-avx".
std::string fftwVersion();

}  // namespace convscope::spectral
