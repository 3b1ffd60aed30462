#pragma once

#include <cstddef>

namespace convscope::spectral {

/// A non-owning view of one channel of an image: element (r, c) is data[r·rowStride + c·colStride] (strides
/// in elements, so one channel of an interleaved BGR image has colStride 3). The owner keeps the pixels
/// alive while the view is used.
template <typename T>
struct PlaneView {
    T* data = nullptr;
    int rows = 0;
    int cols = 0;
    std::ptrdiff_t rowStride = 0;
    std::ptrdiff_t colStride = 1;

    T& at(int r, int c) const { return data[r * rowStride + c * colStride]; }
    bool empty() const { return !data || rows < 1 || cols < 1; }
    /// A dense row-major plane.
    static PlaneView dense(T* data, int rows, int cols) { return {data, rows, cols, cols, 1}; }
};

}  // namespace convscope::spectral
