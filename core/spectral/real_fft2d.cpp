#include "core/spectral/real_fft2d.h"

#include <stdexcept>
#include <thread>

#include "core/spectral/fft_planner.h"
#include "core/spectral/fftw_api.h"

namespace convscope::spectral {

namespace {
template <typename T>
constexpr Precision precisionOf() {
    return std::is_same_v<T, double> ? Precision::Double : Precision::Single;
}
}  // namespace

template <typename T>
RealFft2d<T>::RealFft2d(int rows, int cols, int threads) : m_rows(rows), m_cols(cols) {
    FftPlanner& planner = FftPlanner::instance();
    m_forward = planner.plan(precisionOf<T>(), false, rows, cols, threads);
    m_inverse = planner.plan(precisionOf<T>(), true, rows, cols, threads);
}

template <typename T>
void RealFft2d<T>::forward(T* real, std::complex<T>* spectrum) const {
    using F = detail::Fftw<T>;
    F::executeR2c(static_cast<typename F::Plan>(m_forward), real,
                  reinterpret_cast<typename F::Complex*>(spectrum));
}

template <typename T>
void RealFft2d<T>::inverse(std::complex<T>* spectrum, T* real) const {
    using F = detail::Fftw<T>;
    F::executeC2r(static_cast<typename F::Plan>(m_inverse), reinterpret_cast<typename F::Complex*>(spectrum),
                  real);
}

template class RealFft2d<float>;
template class RealFft2d<double>;

int fastFftSize(int n) {
    if (n <= 1) return 1;
    for (int m = n;; ++m) {
        int r = m;
        for (int p : {2, 3, 5, 7})
            while (r % p == 0) r /= p;
        if (r == 1) return m;
    }
}

int fftThreadsFor(long long elements) {
    if (elements < (1LL << 20)) return 1;
    return std::max(1u, std::thread::hardware_concurrency());
}

}  // namespace convscope::spectral
