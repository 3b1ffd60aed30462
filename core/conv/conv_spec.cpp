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
    }
    return "conv";
}

Operation parseOperation(const std::string& text) {
    for (Operation op :
         {Operation::Convolution, Operation::MaxPool, Operation::AvgPool, Operation::Transposed}) {
        if (text == toString(op)) return op;
    }
    throw ConvError("Unknown operation \"" + text + "\"; use conv, maxpool, avgpool or transposed.");
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
