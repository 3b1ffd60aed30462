#pragma once

#include <functional>
#include <ostream>

#include "app/cli/parsing/conv_trace_request.h"
#include "core/conv/conv_trace.h"

namespace convscope::cli {

class JsonWriter;

/// conv-trace --json: one JSON object with the geometry, input, kernel, output, size arithmetic and the first
/// request.maxSteps steps with every position, product and sum (see ConvTraceCommand::help for the keys).
/// `extra`, when set, writes further members of the object after "steps" (--channel-shuffle's).
void writeTraceJson(const conv::ConvTrace& trace, const TraceRequest& request, std::ostream& out,
                    const std::function<void(JsonWriter&)>& extra = {});

}  // namespace convscope::cli
