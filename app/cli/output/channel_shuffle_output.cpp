#include "app/cli/output/channel_shuffle_output.h"

#include <string>
#include <vector>

#include "app/cli/output/json_writer.h"
#include "core/conv/channel_shuffle.h"
#include "core/conv/conv_trace.h"

namespace convscope::cli {

void writeChannelShuffleJson(JsonWriter& json, const conv::Volume& output, int groups) {
    const std::vector<int> permutation = conv::channelShufflePermutation(output.channels, groups);
    const conv::Volume shuffled = conv::channelShuffle(output, groups);
    json.key("channel_shuffle").beginObject();
    json.key("groups").value(groups);
    json.key("permutation").integers(permutation);
    json.key("output_shape").integers({shuffled.channels, shuffled.height, shuffled.width});
    json.key("output").beginArray();
    for (int c = 0; c < shuffled.channels; ++c) {
        json.beginArray();
        for (int y = 0; y < shuffled.height; ++y) {
            json.beginArray();
            for (int x = 0; x < shuffled.width; ++x) json.value(shuffled.at(c, y, x));
            json.endArray();
        }
        json.endArray();
    }
    json.endArray();
    json.endObject();
}

void writeChannelShuffleText(std::ostream& out, const conv::Volume& output, int groups) {
    const std::vector<int> permutation = conv::channelShufflePermutation(output.channels, groups);
    const conv::Volume shuffled = conv::channelShuffle(output, groups);
    out << "\nChannel shuffle (ShuffleNet): view the " << output.channels << " output channels as " << groups
        << "x" << output.channels / groups << ", transpose, flatten\n";
    out << "channel order:";
    for (int c : permutation) out << ' ' << c;
    out << "\n\nShuffled output " << shuffled.shapeText() << ":\n";
    for (int c = 0; c < shuffled.channels; ++c) {
        out << "channel " << c << " (output channel " << permutation[static_cast<std::size_t>(c)] << "):\n";
        for (int y = 0; y < shuffled.height; ++y) {
            for (int x = 0; x < shuffled.width; ++x)
                out << (x > 0 ? " " : "  ") << conv::formatNumber(shuffled.at(c, y, x));
            out << '\n';
        }
    }
}

}  // namespace convscope::cli
