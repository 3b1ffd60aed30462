#pragma once

#include <cstdint>
#include <memory>
#include <vector>

namespace convscope::imaging {

/// An image as indices into a palette of at most 256 RGB colours.
struct IndexedImage {
    std::vector<std::uint8_t> paletteRgb;  ///< 3 bytes per colour, 1..256 colours
    std::vector<std::uint8_t> indices;     ///< one per pixel, row-major
    bool exact = true;                     ///< false when the colours had to be quantised
};

/// Converts RGB images to indexed images of at most 256 colours. When the pixels hold at most 256 distinct
/// colours the palette is exactly those colours, in order of first appearance, and every pixel keeps its
/// colour. Otherwise the palette is built in two stages, with no dithering: colours covering at least 1/256
/// of the pixels (the flat fills of a diagram, at most 128 of them) are kept exactly, and the remaining
/// colours are split by median cut (the box with the largest pixel count times squared range is cut along its
/// widest channel at the pixel-weighted median) into boxes whose pixel-weighted mean colours fill the rest of
/// the palette. Each pixel then gets the nearest palette colour (Euclidean distance in RGB). Deterministic.
/// Keeps its working memory between calls (one per encoder saves reallocating it for every frame); use from
/// one thread at a time.
class PaletteQuantizer {
public:
    PaletteQuantizer();
    ~PaletteQuantizer();
    PaletteQuantizer(const PaletteQuantizer&) = delete;
    PaletteQuantizer& operator=(const PaletteQuantizer&) = delete;

    /// Indexes `width` x `height` RGB pixels (3 bytes each, rows `strideBytes` apart). The result stays valid
    /// until the next call.
    const IndexedImage& quantize(const std::uint8_t* rgb, int width, int height, int strideBytes);

private:
    struct Buffers;
    std::unique_ptr<Buffers> m_buffers;
};

}  // namespace convscope::imaging
