#include "core/spectral/spectral_border.h"

namespace convscope::spectral {

int borderIndex(int i, int n, Border border) {
    if (i >= 0 && i < n) return i;
    switch (border) {
        case Border::Zero:
            return -1;
        case Border::Replicate:
            return i < 0 ? 0 : n - 1;
        case Border::Wrap: {
            const int m = i % n;
            return m < 0 ? m + n : m;
        }
        case Border::Reflect101:
        default: {
            if (n == 1) return 0;
            // OpenCV's borderInterpolate for BORDER_REFLECT_101: fold until inside.
            const int period = 2 * (n - 1);
            int m = i % period;
            if (m < 0) m += period;
            return m < n ? m : period - m;
        }
    }
}

std::string toString(Border border) {
    switch (border) {
        case Border::Zero:
            return "zero";
        case Border::Replicate:
            return "replicate";
        case Border::Wrap:
            return "wrap";
        case Border::Reflect101:
        default:
            return "reflect101";
    }
}

}  // namespace convscope::spectral
