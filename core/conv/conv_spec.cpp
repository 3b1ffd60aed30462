#include "core/conv/conv_spec.h"

namespace convscope::conv {

std::string toString(Operation op) {
    switch (op) {
        case Operation::Convolution:
            return "conv";
        case Operation::MaxPool:
            return "maxpool";
        case Operation::AvgPool:
            return "avgpool";
        case Operation::Transposed:
            return "transposed";
        case Operation::Nearest:
            return "nearest";
        case Operation::BedOfNails:
            return "bed-of-nails";
        case Operation::MaxUnpool:
            return "max-unpool";
    }
    return "conv";
}

Operation parseOperation(const std::string& text) {
    for (Operation op :
         {Operation::Convolution, Operation::MaxPool, Operation::AvgPool, Operation::Transposed,
          Operation::Nearest, Operation::BedOfNails, Operation::MaxUnpool}) {
        if (text == toString(op)) return op;
    }
    throw ConvError("Unknown operation \"" + text +
                    "\"; use conv, maxpool, avgpool, transposed, nearest, bed-of-nails or max-unpool.");
}

std::string toString(PaddingMode mode) {
    switch (mode) {
        case PaddingMode::Zeros:
            return "zeros";
        case PaddingMode::Reflect:
            return "reflect";
        case PaddingMode::Replicate:
            return "replicate";
        case PaddingMode::Circular:
            return "circular";
    }
    return "zeros";
}

PaddingMode parsePaddingMode(const std::string& text) {
    for (PaddingMode mode :
         {PaddingMode::Zeros, PaddingMode::Reflect, PaddingMode::Replicate, PaddingMode::Circular}) {
        if (text == toString(mode)) return mode;
    }
    throw ConvError("Unknown padding mode \"" + text + "\"; use zeros, reflect, replicate or circular.");
}

}  // namespace convscope::conv
