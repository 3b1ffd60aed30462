#include "core/conv/channel_shuffle.h"

#include <algorithm>
#include <string>

#include "core/conv/conv_spec.h"
#include "core/conv/validation.h"

namespace convscope::conv {

std::vector<int> channelShufflePermutation(int channels, int groups) {
    if (channels < 1)
        throw ConvError("A channel shuffle needs at least one channel (got " + std::to_string(channels) +
                        ").");
    if (groups < 1) throw ConvError("Groups must be at least 1 (got " + std::to_string(groups) + ").");
    if (channels % groups != 0)
        throw ConvError("Groups (" + std::to_string(groups) + ") must divide the channels (" +
                        std::to_string(channels) + ") to shuffle them.");
    const int perGroup = channels / groups;
    std::vector<int> permutation(static_cast<std::size_t>(channels));
    // Row k of the g × (C/g) view holds channels k·(C/g) … k·(C/g) + C/g − 1; after the transpose, position
    // j·g + k holds what was at row k, column j.
    for (int j = 0; j < perGroup; ++j)
        for (int k = 0; k < groups; ++k)
            permutation[static_cast<std::size_t>(j) * groups + k] = k * perGroup + j;
    return permutation;
}

Volume channelShuffle(const Volume& input, int groups) {
    detail::checkVolumeValues(input);
    const std::vector<int> permutation = channelShufflePermutation(input.channels, groups);
    Volume out(input.channels, input.height, input.width);
    const std::size_t plane = static_cast<std::size_t>(input.height) * input.width;
    for (int c = 0; c < input.channels; ++c) {
        const auto from = input.values.begin() + static_cast<std::ptrdiff_t>(permutation[c] * plane);
        std::copy(from, from + static_cast<std::ptrdiff_t>(plane),
                  out.values.begin() + static_cast<std::ptrdiff_t>(c * plane));
    }
    return out;
}

}  // namespace convscope::conv
