#include "core/nn/train/memory_errors.h"

#include <new>

namespace convscope::nn {

bool isOutOfMemory(const std::exception& e) {
    if (dynamic_cast<const std::bad_alloc*>(&e)) return true;
    const std::string what = e.what();
    return what.find("can't allocate memory") != std::string::npos ||
           what.find("out of memory") != std::string::npos;
}

std::string outOfMemoryMessage() {
    return "There is not enough memory for this run: choose a smaller batch size or input size, or a smaller "
           "model. The last finished epoch's checkpoint, if any, is kept.";
}

}  // namespace convscope::nn
