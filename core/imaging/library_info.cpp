#include "core/imaging/library_info.h"

#include <opencv2/core/utility.hpp>

namespace convscope::imaging {

std::string opencvVersion() {
    return std::to_string(cv::getVersionMajor()) + "." + std::to_string(cv::getVersionMinor()) + "." +
           std::to_string(cv::getVersionRevision());
}

}  // namespace convscope::imaging
