#pragma once
// A small labelled image set that a tiny network learns in seconds, whatever its pooling: class c is a
// grating at one of five orientations and one of two frequencies, with a random phase, on noise.
#include <torch/torch.h>

#include <cmath>
#include <random>

#include "core/nn/data/image_dataset.h"

namespace convscope::nn::testing {

inline ImageDataset gratingsDataset(std::int64_t n, std::uint64_t seed) {
    std::mt19937 rng{static_cast<std::uint32_t>(seed)};
    std::uniform_real_distribution<double> phase(0.0, 6.283185307179586), noise(-25.0, 25.0);
    torch::Tensor images = torch::empty({n, 1, 28, 28}, torch::kUInt8);
    torch::Tensor labels = torch::arange(n, torch::kInt64).remainder(10);
    auto acc = images.accessor<std::uint8_t, 4>();
    for (std::int64_t i = 0; i < n; ++i) {
        const int c = int(i % 10);
        const double angle = (c % 5) * 3.141592653589793 / 5.0, frequency = c < 5 ? 0.12 : 0.3;
        const double p = phase(rng), cx = std::cos(angle), sy = std::sin(angle);
        for (int y = 0; y < 28; ++y)
            for (int x = 0; x < 28; ++x) {
                const double v = 128.0 +
                                 90.0 * std::cos(6.283185307179586 * frequency * (x * cx + y * sy) + p) +
                                 noise(rng);
                acc[i][0][y][x] = std::uint8_t(std::clamp(v, 0.0, 255.0));
            }
    }
    ImageDataset d;
    d.images = images;
    d.labels = labels;
    for (int c = 0; c < 10; ++c) d.classNames.push_back("class " + std::to_string(c));
    return d;
}

}  // namespace convscope::nn::testing
