#include "core/common/attribution_display.h"

#include <algorithm>
#include <cmath>

namespace convscope::common {

std::vector<float> resizeBilinear(const std::vector<float>& source, int sourceHeight, int sourceWidth,
                                  int height, int width) {
    std::vector<float> out(std::size_t(std::max(0, height)) * std::size_t(std::max(0, width)), 0.0f);
    if (sourceHeight <= 0 || sourceWidth <= 0 || height <= 0 || width <= 0) return out;
    const double sy = double(sourceHeight) / height, sx = double(sourceWidth) / width;
    for (int y = 0; y < height; ++y) {
        const double fy = std::max(0.0, (y + 0.5) * sy - 0.5);
        const int y0 = std::min(int(fy), sourceHeight - 1), y1 = std::min(y0 + 1, sourceHeight - 1);
        const double ty = fy - y0;
        for (int x = 0; x < width; ++x) {
            const double fx = std::max(0.0, (x + 0.5) * sx - 0.5);
            const int x0 = std::min(int(fx), sourceWidth - 1), x1 = std::min(x0 + 1, sourceWidth - 1);
            const double tx = fx - x0;
            const auto at = [&](int r, int c) { return double(source[std::size_t(r) * sourceWidth + c]); };
            const double top = at(y0, x0) * (1 - tx) + at(y0, x1) * tx;
            const double bottom = at(y1, x0) * (1 - tx) + at(y1, x1) * tx;
            out[std::size_t(y) * width + x] = float(top * (1 - ty) + bottom * ty);
        }
    }
    return out;
}

DisplayMap prepareDisplayMap(const std::vector<float>& raw, int rawHeight, int rawWidth, int height,
                             int width, const AttributionDisplayOptions& options) {
    DisplayMap map;
    map.diverging = options.diverging && !options.relu;
    std::vector<float> values = raw;
    if (options.relu)
        for (float& v : values) v = std::max(v, 0.0f);
    for (float v : values) map.scale = std::max(map.scale, double(map.diverging ? std::abs(v) : v));
    if (map.scale > 0.0)
        for (float& v : values) v = float(map.diverging ? v / map.scale : std::max(0.0, v / map.scale));
    else
        std::fill(values.begin(), values.end(), 0.0f);
    map.values = resizeBilinear(values, rawHeight, rawWidth, height, width);
    map.width = width;
    map.height = height;
    return map;
}

Rgb displayColour(float value, bool diverging) {
    const auto& table = colormapTable(diverging ? Colormap::CoolWarm : Colormap::Viridis);
    const double t =
        diverging ? (std::clamp(double(value), -1.0, 1.0) + 1.0) / 2.0 : std::clamp(double(value), 0.0, 1.0);
    return table[std::size_t(std::lround(t * 255.0))];
}

std::vector<Rgb> blendOverlay(const std::vector<float>& background, int channels, const DisplayMap& map,
                              double opacity) {
    const std::size_t n = std::size_t(map.width) * std::size_t(map.height);
    std::vector<Rgb> out(n);
    for (std::size_t i = 0; i < n; ++i) {
        const float* px = background.data() + i * std::size_t(channels);
        const double base[3] = {px[0], px[channels == 3 ? 1 : 0], px[channels == 3 ? 2 : 0]};
        const Rgb c = displayColour(map.values[i], map.diverging);
        const double alpha = std::clamp(opacity * std::abs(double(map.values[i])), 0.0, 1.0);
        const double colour[3] = {c.r / 255.0, c.g / 255.0, c.b / 255.0};
        std::uint8_t rgb[3];
        for (int k = 0; k < 3; ++k) {
            const double v = (1.0 - alpha) * std::clamp(base[k], 0.0, 1.0) + alpha * colour[k];
            rgb[k] = std::uint8_t(std::lround(v * 255.0));
        }
        out[i] = {rgb[0], rgb[1], rgb[2]};
    }
    return out;
}

}  // namespace convscope::common

namespace convscope::common {

OverlayPicture renderOverlay(const std::vector<float>& background, int channels, int height, int width,
                             const std::vector<float>& raw, int rawHeight, int rawWidth,
                             const AttributionDisplayOptions& options, int scale) {
    scale = std::max(1, scale);
    OverlayPicture picture;
    picture.width = width * scale;
    picture.height = height * scale;
    std::vector<float> enlarged(std::size_t(picture.width) * std::size_t(picture.height) *
                                std::size_t(channels));
    for (int y = 0; y < picture.height; ++y)
        for (int x = 0; x < picture.width; ++x)
            for (int c = 0; c < channels; ++c)
                enlarged[(std::size_t(y) * picture.width + x) * channels + c] =
                    background[(std::size_t(y / scale) * width + x / scale) * channels + c];
    picture.map = prepareDisplayMap(raw, rawHeight, rawWidth, picture.height, picture.width, options);
    picture.pixels = blendOverlay(enlarged, channels, picture.map, options.opacity);
    return picture;
}

}  // namespace convscope::common
