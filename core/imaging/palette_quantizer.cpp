#include "core/imaging/palette_quantizer.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <limits>
#include <memory>

namespace convscope::imaging {

namespace {

constexpr std::size_t kMaxColours = 256;
// Colours covering at least 1/kReservedShare of the pixels keep their exact value in the quantised palette.
constexpr std::uint64_t kReservedShare = 256;
constexpr std::size_t kMaxReserved = 128;

std::uint32_t packAt(const std::uint8_t* p) {
    return (std::uint32_t(p[0]) << 16) | (std::uint32_t(p[1]) << 8) | p[2];
}

// axis 0 = red, 1 = green, 2 = blue.
int channel(std::uint32_t colour, int axis) {
    return int((colour >> (16 - 8 * axis)) & 0xFF);
}

// Distinct colours with their pixel counts, in order of first appearance; open addressing, linear probing.
class ColourHistogram {
public:
    /// Empties the histogram, sized for up to 2^15 colours (or `pixels`, when fewer) before it grows; keeps
    /// the memory of earlier use, so a frame after the first allocates nothing.
    void reset(std::size_t pixels) {
        std::size_t capacity = 64;
        while (capacity < 2 * std::min<std::size_t>(pixels, 1 << 15)) capacity *= 2;
        m_colours.clear();
        m_counts.clear();
        rehash(capacity);
    }

    /// Counts `pixels` more pixels of `colour`.
    void add(std::uint32_t colour, std::uint32_t pixels) {
        std::size_t slot = probe(colour);
        if (m_slots[slot].colour == kEmpty) {
            if ((m_colours.size() + 1) * 2 > m_slots.size()) {
                rehash(m_slots.size() * 2);
                slot = probe(colour);
            }
            m_slots[slot] = {colour, std::uint32_t(m_colours.size())};
            m_colours.push_back(colour);
            m_counts.push_back(0);
        }
        m_counts[m_slots[slot].entry] += pixels;
    }
    /// Entry index of a colour that was added.
    std::size_t find(std::uint32_t colour) const { return m_slots[probe(colour)].entry; }
    std::size_t size() const { return m_colours.size(); }
    const std::vector<std::uint32_t>& colours() const { return m_colours; }
    const std::vector<std::uint32_t>& counts() const { return m_counts; }

private:
    // Colours are 24-bit, so this value never is one.
    static constexpr std::uint32_t kEmpty = 0xFFFFFFFFu;
    struct Slot {
        std::uint32_t colour;
        std::uint32_t entry;
    };

    std::size_t probe(std::uint32_t colour) const {
        std::size_t slot = (colour * 0x9E3779B1u) & m_mask;
        while (m_slots[slot].colour != kEmpty && m_slots[slot].colour != colour) slot = (slot + 1) & m_mask;
        return slot;
    }
    void rehash(std::size_t capacity) {
        m_slots.assign(capacity, Slot{kEmpty, 0});
        m_mask = capacity - 1;
        for (std::size_t i = 0; i < m_colours.size(); ++i)
            m_slots[probe(m_colours[i])] = {m_colours[i], std::uint32_t(i)};
    }

    std::vector<Slot> m_slots;
    std::size_t m_mask = 0;
    std::vector<std::uint32_t> m_colours;
    std::vector<std::uint32_t> m_counts;
};

struct ColourCount {
    std::uint32_t colour;
    std::uint32_t count;
};

struct Box {
    std::size_t begin;
    std::size_t end;
    int axis;   // channel with the widest range
    int range;  // that range; 0 only for a box of one colour
    std::uint64_t pixels;
    // Pixels times squared range: roughly the box's share of the squared error, so crowded wide boxes are cut
    // first (on a photo-like frame this is within 10 % of k-means' mean error).
    double priority() const { return double(pixels) * range * range; }
};

Box makeBox(const std::vector<ColourCount>& colours, std::size_t begin, std::size_t end) {
    std::array<int, 3> lo{255, 255, 255};
    std::array<int, 3> hi{0, 0, 0};
    for (std::size_t i = begin; i < end; ++i) {
        for (int a = 0; a < 3; ++a) {
            lo[a] = std::min(lo[a], channel(colours[i].colour, a));
            hi[a] = std::max(hi[a], channel(colours[i].colour, a));
        }
    }
    std::uint64_t pixels = 0;
    for (std::size_t i = begin; i < end; ++i) pixels += colours[i].count;
    Box box{begin, end, 0, hi[0] - lo[0], pixels};
    for (int a = 1; a < 3; ++a) {
        if (hi[a] - lo[a] > box.range) box = Box{begin, end, a, hi[a] - lo[a], pixels};
    }
    return box;
}

// Median cut of `colours` into at most `boxCount` boxes; appends each box's pixel-weighted mean to `palette`.
void medianCut(std::vector<ColourCount>& colours, std::size_t boxCount, std::vector<std::uint32_t>& palette) {
    if (colours.empty() || boxCount == 0) return;
    std::vector<Box> boxes{makeBox(colours, 0, colours.size())};
    while (boxes.size() < boxCount) {
        const auto worst = std::max_element(boxes.begin(), boxes.end(), [](const Box& a, const Box& b) {
            return a.priority() < b.priority();
        });
        if (worst->range == 0) break;
        const Box box = *worst;
        const int axis = box.axis;
        // Weighted median along the axis from a histogram of that channel, then one partition pass: linear
        // in the box's colours, where sorting them would dominate the time on photo-like frames.
        std::array<std::uint64_t, 256> weights{};
        std::uint64_t total = 0;
        for (std::size_t i = box.begin; i < box.end; ++i) {
            weights[std::size_t(channel(colours[i].colour, axis))] += colours[i].count;
            total += colours[i].count;
        }
        int lo = 0;
        while (weights[std::size_t(lo)] == 0) ++lo;
        // Threshold in (lo, lo + range]: colours below it go to the first box; closest to half the pixels.
        int threshold = lo + 1;
        std::uint64_t below = weights[std::size_t(lo)];
        std::uint64_t bestBelow = below;
        for (int v = lo + 2; v <= lo + box.range; ++v) {
            below += weights[std::size_t(v - 1)];
            const auto gap = [total](std::uint64_t b) {
                return b * 2 > total ? b * 2 - total : total - b * 2;
            };
            if (gap(below) < gap(bestBelow)) {
                bestBelow = below;
                threshold = v;
            }
        }
        const auto middle = std::partition(
            colours.begin() + std::ptrdiff_t(box.begin), colours.begin() + std::ptrdiff_t(box.end),
            [axis, threshold](const ColourCount& c) { return channel(c.colour, axis) < threshold; });
        const std::size_t split = std::size_t(middle - colours.begin());
        *worst = makeBox(colours, box.begin, split);
        boxes.push_back(makeBox(colours, split, box.end));
    }
    for (const Box& box : boxes) {
        std::array<std::uint64_t, 3> sum{0, 0, 0};
        std::uint64_t weight = 0;
        for (std::size_t i = box.begin; i < box.end; ++i) {
            for (int a = 0; a < 3; ++a)
                sum[a] += std::uint64_t(channel(colours[i].colour, a)) * colours[i].count;
            weight += colours[i].count;
        }
        std::uint32_t mean = 0;
        for (int a = 0; a < 3; ++a) mean = (mean << 8) | std::uint32_t((sum[a] + weight / 2) / weight);
        palette.push_back(mean);
    }
}

// `rest` is scratch space, kept by the caller between frames.
std::vector<std::uint32_t> buildPalette(const ColourHistogram& histogram, std::uint64_t pixels,
                                        std::vector<ColourCount>& rest) {
    std::vector<ColourCount> frequent;
    rest.clear();
    for (std::size_t i = 0; i < histogram.size(); ++i) {
        const ColourCount c{histogram.colours()[i], histogram.counts()[i]};
        (std::uint64_t(c.count) * kReservedShare >= pixels ? frequent : rest).push_back(c);
    }
    std::sort(frequent.begin(), frequent.end(), [](const ColourCount& a, const ColourCount& b) {
        return a.count != b.count ? a.count > b.count : a.colour < b.colour;
    });
    if (frequent.size() > kMaxReserved) {
        rest.insert(rest.end(), frequent.begin() + std::ptrdiff_t(kMaxReserved), frequent.end());
        frequent.resize(kMaxReserved);
    }
    std::vector<std::uint32_t> palette;
    for (const ColourCount& c : frequent) palette.push_back(c.colour);
    medianCut(rest, kMaxColours - palette.size(), palette);
    return palette;
}

// Nearest palette colour by squared RGB distance: entries sorted by green, searched outwards from the query's
// green value until the green difference alone exceeds the best distance found.
class NearestColour {
public:
    explicit NearestColour(const std::vector<std::uint32_t>& palette) {
        for (std::size_t i = 0; i < palette.size(); ++i) m_entries.push_back({palette[i], std::uint8_t(i)});
        std::sort(m_entries.begin(), m_entries.end(), [](const Entry& a, const Entry& b) {
            return channel(a.colour, 1) != channel(b.colour, 1) ? channel(a.colour, 1) < channel(b.colour, 1)
                                                                : a.index < b.index;
        });
    }

    std::uint8_t find(std::uint32_t colour) const {
        const int g = channel(colour, 1);
        const auto start =
            std::lower_bound(m_entries.begin(), m_entries.end(), g,
                             [](const Entry& e, int value) { return channel(e.colour, 1) < value; });
        int best = std::numeric_limits<int>::max();
        std::uint8_t bestIndex = 0;
        const auto consider = [&](const Entry& e) {
            const int dg = channel(e.colour, 1) - g;
            if (dg * dg >= best) return false;
            const int dr = channel(e.colour, 0) - channel(colour, 0);
            const int db = channel(e.colour, 2) - channel(colour, 2);
            const int d = dr * dr + dg * dg + db * db;
            if (d < best) {
                best = d;
                bestIndex = e.index;
            }
            return true;
        };
        for (auto it = start; it != m_entries.end() && consider(*it); ++it) {
        }
        for (auto it = start; it != m_entries.begin() && consider(*(it - 1)); --it) {
        }
        return bestIndex;
    }

private:
    struct Entry {
        std::uint32_t colour;
        std::uint8_t index;
    };
    std::vector<Entry> m_entries;
};

}  // namespace

struct PaletteQuantizer::Buffers {
    ColourHistogram histogram;
    std::vector<ColourCount> rest;
    std::vector<std::uint8_t> entryIndex;
    IndexedImage image;
};

PaletteQuantizer::PaletteQuantizer() : m_buffers(std::make_unique<Buffers>()) {}

PaletteQuantizer::~PaletteQuantizer() = default;

const IndexedImage& PaletteQuantizer::quantize(const std::uint8_t* rgb, int width, int height,
                                               int strideBytes) {
    ColourHistogram& histogram = m_buffers->histogram;
    histogram.reset(std::size_t(width) * std::size_t(height));
    for (int y = 0; y < height; ++y) {
        const std::uint8_t* row = rgb + std::ptrdiff_t(y) * strideBytes;
        // Diagrams are mostly flat runs: one hash look-up per run of equal pixels.
        for (int x = 0; x < width;) {
            const std::uint32_t colour = packAt(row + 3 * x);
            int end = x + 1;
            while (end < width && packAt(row + 3 * end) == colour) ++end;
            histogram.add(colour, std::uint32_t(end - x));
            x = end;
        }
    }

    IndexedImage& image = m_buffers->image;
    image.exact = true;
    image.paletteRgb.clear();
    std::vector<std::uint32_t> palette;
    std::vector<std::uint8_t>& entryIndex = m_buffers->entryIndex;
    entryIndex.resize(histogram.size());
    if (histogram.size() <= kMaxColours) {
        palette = histogram.colours();
        for (std::size_t i = 0; i < entryIndex.size(); ++i) entryIndex[i] = std::uint8_t(i);
    } else {
        image.exact = false;
        palette = buildPalette(histogram, std::uint64_t(width) * std::uint64_t(height), m_buffers->rest);
        const NearestColour nearest(palette);
        for (std::size_t i = 0; i < entryIndex.size(); ++i)
            entryIndex[i] = nearest.find(histogram.colours()[i]);
    }
    for (std::uint32_t colour : palette) {
        image.paletteRgb.insert(image.paletteRgb.end(), {std::uint8_t(colour >> 16),
                                                         std::uint8_t(colour >> 8), std::uint8_t(colour)});
    }

    image.indices.resize(std::size_t(width) * std::size_t(height));
    std::size_t out = 0;
    for (int y = 0; y < height; ++y) {
        const std::uint8_t* row = rgb + std::ptrdiff_t(y) * strideBytes;
        std::uint32_t previous = std::numeric_limits<std::uint32_t>::max();
        std::uint8_t index = 0;
        for (int x = 0; x < width; ++x) {
            const std::uint32_t colour = packAt(row + 3 * x);
            if (colour != previous) {
                index = entryIndex[histogram.find(colour)];
                previous = colour;
            }
            image.indices[out++] = index;
        }
    }
    return image;
}

}  // namespace convscope::imaging
