#pragma once

#include <ostream>
#include <string>

#include "core/conv/conv_spec.h"

namespace convscope::conv {
class ConvTrace;
}

namespace convscope::cli {

class JsonWriter;

/// conv-trace --op nearest|bed-of-nails|max-unpool: the members only these operations have, written after
/// "weight_shape" (null): "scale" [y, x] and, for max-unpool, "pooled_shape" [C, H/S, W/S], "pooled"
/// [C][H/S][W/S] and "indices" [C][H/S][W/S], PyTorch's flat indices y·W + x into the input's channel plane
/// (where each pooled maximum was found and where the unpooled output puts it).
void writeUpsampleJson(JsonWriter& json, const conv::ConvTrace& trace);

/// The text report's lines for the same: the scale factor and, for max unpooling, the pooled values and the
/// (row, column) each came from.
void writeUpsampleText(const conv::ConvTrace& trace, std::ostream& out);

/// The JSON key of a step's own position: "pooled_index" for max-unpool, "input_index" for nearest and
/// bed-of-nails, `otherwise` for every other operation.
const char* upsampleStepIndexKey(conv::Operation op, const char* otherwise);

}  // namespace convscope::cli
