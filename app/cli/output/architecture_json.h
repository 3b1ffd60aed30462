#pragma once

#include "app/cli/output/json_writer.h"
#include "core/nn/graph/architecture.h"

namespace convscope::cli {

/// The whole description as one JSON object (see `describe --help`).
void writeArchitecture(JsonWriter& json, const nn::Architecture& a);

}  // namespace convscope::cli
