#pragma once

#include <complex>
#include <cstddef>
#include <new>
#include <utility>

namespace convscope::spectral {

/// Memory with the SIMD alignment FFTW's plans assume (fftw_malloc), so that a cached plan may run on any
/// such array through the new-array execute functions. Throws std::bad_alloc when the allocation fails.
void* alignedAllocate(std::size_t bytes);
void alignedFree(void* p) noexcept;

/// A move-only array of `T` (float, double, std::complex<float>, std::complex<double>) on alignedAllocate.
/// Elements are not initialised.
template <typename T>
class AlignedArray {
public:
    AlignedArray() = default;
    explicit AlignedArray(std::size_t count)
        : m_data(count ? static_cast<T*>(alignedAllocate(count * sizeof(T))) : nullptr), m_size(count) {}
    ~AlignedArray() { alignedFree(m_data); }
    AlignedArray(const AlignedArray&) = delete;
    AlignedArray& operator=(const AlignedArray&) = delete;
    AlignedArray(AlignedArray&& other) noexcept
        : m_data(std::exchange(other.m_data, nullptr)), m_size(std::exchange(other.m_size, 0)) {}
    AlignedArray& operator=(AlignedArray&& other) noexcept {
        if (this != &other) {
            alignedFree(m_data);
            m_data = std::exchange(other.m_data, nullptr);
            m_size = std::exchange(other.m_size, 0);
        }
        return *this;
    }

    T* data() { return m_data; }
    const T* data() const { return m_data; }
    std::size_t size() const { return m_size; }
    T& operator[](std::size_t i) { return m_data[i]; }
    const T& operator[](std::size_t i) const { return m_data[i]; }
    /// Reallocates when `count` differs from the size (contents are then lost).
    void resize(std::size_t count) {
        if (count != m_size) *this = AlignedArray(count);
    }

private:
    T* m_data = nullptr;
    std::size_t m_size = 0;
};

}  // namespace convscope::spectral
