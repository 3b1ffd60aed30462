#pragma once

#include <string>

namespace convscope::imaging {

/// OpenCV version in use at run time, e.g. "4.6.0".
std::string opencvVersion();

}  // namespace convscope::imaging
