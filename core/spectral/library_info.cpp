#include "core/spectral/library_info.h"

#include <fftw3.h>

namespace convscope::spectral {

std::string fftwVersion() {
    return fftw_version;
}

}  // namespace convscope::spectral
