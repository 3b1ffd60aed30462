#pragma once

#include <complex>

namespace convscope::spectral {

/// A 2-D real-to-complex transform pair of one shape, on plans from FftPlanner (created once per shape and
/// reused). T is float or double.
///
/// Layouts are FFTW's: the real array is rows x cols, row-major; the spectrum is rows x (cols/2 + 1), the
/// non-redundant half (X[u][cols − v] = conj X[−u][v]). Both arrays must come from AlignedArray. forward and
/// inverse are unnormalised (inverse(forward(x)) = rows·cols·x) and may be called concurrently on different
/// arrays. inverse overwrites its input, as FFTW's complex-to-real transforms do.
template <typename T>
class RealFft2d {
public:
    /// Plans (or finds) both directions. `threads` > 1 lets FFTW split one transform over threads, which only
    /// pays for large shapes. Throws std::invalid_argument for sizes below 1.
    RealFft2d(int rows, int cols, int threads = 1);

    int rows() const { return m_rows; }
    int cols() const { return m_cols; }
    int spectrumCols() const { return m_cols / 2 + 1; }

    void forward(T* real, std::complex<T>* spectrum) const;
    void inverse(std::complex<T>* spectrum, T* real) const;

private:
    int m_rows = 0;
    int m_cols = 0;
    void* m_forward = nullptr;
    void* m_inverse = nullptr;
};

extern template class RealFft2d<float>;
extern template class RealFft2d<double>;

/// The smallest n' >= n whose prime factors are all 2, 3, 5 or 7: sizes FFTW transforms fastest.
int fastFftSize(int n);

/// Threads worth giving FFTW for one transform of `elements` values: 1 below about a million elements
/// (threading overhead outweighs the gain), else the hardware's concurrency.
int fftThreadsFor(long long elements);

}  // namespace convscope::spectral
