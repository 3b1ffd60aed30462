#pragma once

#include <string>

#include "app/cli/parsing/argument_parser.h"
#include "app/cli/parsing/conv_input_reader.h"
#include "core/conv/conv_spec.h"
#include "core/conv/volume.h"

namespace convscope::cli {

/// Everything conv-trace needs, read from its command line and files and checked before any work.
struct TraceRequest {
    TraceInput input;
    conv::FilterBank weights;  ///< empty for pooling
    std::string kernelLabel;   ///< "sobel-x", "gaussian (sigma=1.5)", "kernel file k.txt"; empty for pooling
    int kernelRows = 0;        ///< the 2-D kernel copied into every weight slice (0 for pooling)
    int kernelCols = 0;
    int outChannels = 1;  ///< output channels of the operation (pooling: the input's)
    conv::ConvSpec spec;
    bool json = false;
    int maxSteps = 10000;
};

/// Declares conv-trace's options on `parser`.
void addTraceOptions(ArgumentParser& parser);

/// Builds the request from a parsed command line. Throws UsageError for every command-line mistake (a bad
/// value, an option that does not apply to --op, an impossible geometry, a trace too large to compute), and
/// std::runtime_error / std::invalid_argument for unreadable or malformed input and kernel files.
TraceRequest readTraceRequest(const ArgumentParser& parser);

}  // namespace convscope::cli
