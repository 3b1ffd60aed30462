#pragma once

#include <vector>

#include "core/conv/volume.h"

namespace convscope::conv {

/// ShuffleNet's channel shuffle (Zhang et al. 2017), the step after a grouped convolution that lets the next
/// grouped convolution see channels of every group: the C channels are viewed as a g × (C/g) matrix (row =
/// group), transposed to (C/g) × g and flattened again, as PyTorch writes it:
/// x.view(N, g, C/g, H, W).transpose(1, 2).reshape(N, C, H, W).
///
/// The permutation as a gather: shuffled channel i is original channel permutation[i]. With C = 6, g = 2 it
/// is 0 3 1 4 2 5, so each consecutive pair of the result holds one channel of each group. Throws ConvError
/// when groups < 1, channels < 1 or groups does not divide channels.
std::vector<int> channelShufflePermutation(int channels, int groups);

/// `input` with its channels reordered by channelShufflePermutation(input.channels, groups); values within a
/// channel are untouched. Throws ConvError as above, or when the volume's values do not match its shape.
Volume channelShuffle(const Volume& input, int groups);

}  // namespace convscope::conv
