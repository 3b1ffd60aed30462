#pragma once

#include <string>

#include "core/conv/conv_spec.h"
#include "core/conv/volume.h"

namespace convscope::conv::detail {

/// Internal to core/conv. Volume's fields are public, so a caller may have resized `values` behind the
/// shape's back; the engines read values and reject that with a ConvError instead of reading out of bounds.
inline void checkVolumeValues(const Volume& v, const char* what = "input") {
    const std::size_t needed = static_cast<std::size_t>(v.channels < 0 ? 0 : v.channels) *
                               static_cast<std::size_t>(v.height < 0 ? 0 : v.height) *
                               static_cast<std::size_t>(v.width < 0 ? 0 : v.width);
    if (v.values.size() != needed) {
        throw ConvError(std::string("The ") + what + " holds " + std::to_string(v.values.size()) +
                        " values but its shape " + v.shapeText() + " needs " + std::to_string(needed) + ".");
    }
}

}  // namespace convscope::conv::detail
