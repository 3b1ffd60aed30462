#pragma once

#include <ostream>

#include "app/cli/parsing/conv_trace_request.h"
#include "core/conv/conv_trace.h"

namespace convscope::cli {

/// conv-trace's plain-text report: the operation, input, kernel, geometry, the padded input, the output-size
/// arithmetic, one line per step (at most request.maxSteps) and the output grid. UTF-8.
void writeTraceText(const conv::ConvTrace& trace, const TraceRequest& request, std::ostream& out);

}  // namespace convscope::cli
