#pragma once

#include <string>

#include "core/conv/volume.h"

namespace convscope::cli {

/// The largest input side and channel count conv-trace takes: a trace is for reading, not for bulk work.
constexpr int kMaxTraceSide = 64;
constexpr int kMaxTraceChannels = 64;

/// An input volume and how to describe where it came from.
struct TraceInput {
    conv::Volume volume;
    std::string description;  ///< "the sequence 1..36, row by row" or "numbers.txt (text, 2 channels)"
};

/// Parses rows of numbers separated by blanks or commas; one or more blank lines end a channel, lines
/// starting with '#' are ignored. Throws std::invalid_argument with the 1-based line number for a token that
/// is not a finite number, an empty value between commas, ragged rows, channels of different sizes, no
/// numbers at all, or more than kMaxTraceSide rows/columns or kMaxTraceChannels channels.
conv::Volume parseVolumeText(const std::string& text);

/// Reads conv-trace's --input FILE. Files with an image extension (see imaging::supportedExtensions) are
/// decoded with imaging::loadImage and give values 0..255: grey (`channels` 0 or 1) or RGB (`channels` 3);
/// other files are read as text (at most 1 MiB) with parseVolumeText, and `channels`, when not 0, must match
/// the file. Throws UsageError for a `channels` an image cannot give, std::runtime_error or
/// std::invalid_argument (file name first) for unreadable, malformed or too large inputs.
TraceInput readTraceInput(const std::string& path, int channels);

}  // namespace convscope::cli
