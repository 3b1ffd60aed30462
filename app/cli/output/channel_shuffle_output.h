#pragma once

#include <ostream>

#include "core/conv/volume.h"

namespace convscope::cli {

class JsonWriter;

/// conv-trace --channel-shuffle, JSON: the member "channel_shuffle": {groups, permutation (shuffled channel
/// i is output channel permutation[i]), output_shape [C,H,W], output [C][H][W] after the shuffle}.
void writeChannelShuffleJson(JsonWriter& json, const conv::Volume& output, int groups);

/// The same as text, after the trace: the permutation and the shuffled output, one block per channel.
void writeChannelShuffleText(std::ostream& out, const conv::Volume& output, int groups);

}  // namespace convscope::cli
