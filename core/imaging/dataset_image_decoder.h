#pragma once

#include <cstdint>
#include <string>

#include "core/imaging/image_loader.h"

namespace convscope::imaging {

/// Decodes one image file of a data set into a network's input bytes, planar (channel, row, column):
///  1. loadImage with `limits` (alpha composited over white, 16-bit samples scaled to 8 bits);
///  2. grey (`channels` 1: BT.601 luminance of a colour file, cv::COLOR_BGR2GRAY) or colour (`channels` 3, in
///     RGB order; a grey file is repeated in all three);
///  3. squashed to size × size without cropping, as torchvision's Resize((S, S)) does: the aspect ratio is
///  not
///     kept. Area averaging (cv::INTER_AREA) when neither side grows, bilinear (cv::INTER_LINEAR) otherwise;
///     an image already size × size is copied as it is.
/// `out` must hold channels × size × size bytes. Returns false with `error` set to one sentence (the file's
/// name included) when the file cannot be read or decoded; never throws for a bad file. Any thread.
bool decodeDatasetImage(const std::string& path, int size, int channels, std::uint8_t* out,
                        std::string& error, const ImageLimits& limits = {});

}  // namespace convscope::imaging
