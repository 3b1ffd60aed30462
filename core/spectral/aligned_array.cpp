#include "core/spectral/aligned_array.h"

#include "core/spectral/fftw_api.h"

namespace convscope::spectral {

void* alignedAllocate(std::size_t bytes) {
    // fftw_malloc and fftwf_malloc return the same alignment; double's is used for both precisions.
    void* p = detail::Fftw<double>::malloc(bytes);
    if (!p) throw std::bad_alloc();
    return p;
}

void alignedFree(void* p) noexcept {
    if (p) detail::Fftw<double>::free(p);
}

}  // namespace convscope::spectral
