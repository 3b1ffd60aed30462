#include "core/nn/data/batch_transform.h"

#include <random>

namespace convscope::nn {

namespace F = torch::nn::functional;

torch::Tensor prepareBatch(const torch::Tensor& images, const InputTransform& t, std::uint64_t seed,
                           const torch::Device& device) {
    torch::Tensor x = images.to(device).to(torch::kFloat32).div_(255.0);
    const std::int64_t b = x.size(0), h = x.size(2), w = x.size(3);
    if (t.augment) {
        // A crop of the image padded by h/7 on every side (4 px at 28, as for CIFAR), and a flip, per image.
        const int pad = std::max<int>(1, int(h / 7));
        torch::Tensor padded = F::pad(x, F::PadFuncOptions({pad, pad, pad, pad}));
        std::mt19937_64 rng(seed);
        std::uniform_int_distribution<int> offset(0, 2 * pad);
        std::bernoulli_distribution flip(0.5);
        std::vector<torch::Tensor> crops;
        crops.reserve(std::size_t(b));
        for (std::int64_t i = 0; i < b; ++i) {
            torch::Tensor crop = padded[i].narrow(1, offset(rng), h).narrow(2, offset(rng), w);
            crops.push_back(flip(rng) ? crop.flip({2}) : crop);
        }
        x = torch::stack(crops);
    }
    if (h != t.size || w != t.size) {
        x = F::interpolate(x, F::InterpolateFuncOptions()
                                  .size(std::vector<std::int64_t>{t.size, t.size})
                                  .mode(torch::kBilinear)
                                  .align_corners(false));
    }
    if (t.channels > 0 && x.size(1) != t.channels) {
        // Grey images into a colour model are repeated into every channel; colour into grey is averaged.
        if (x.size(1) == 1)
            x = x.expand({-1, t.channels, -1, -1}).contiguous();
        else if (t.channels == 1)
            x = x.mean(1, true);
        else
            throw std::invalid_argument("The images have " + std::to_string(x.size(1)) +
                                        " channels and the model takes " + std::to_string(t.channels) + ".");
    }
    if (!t.channelMean.empty() && std::int64_t(t.channelMean.size()) == x.size(1)) {
        const auto opts = torch::TensorOptions().dtype(torch::kFloat32).device(x.device());
        const std::vector<float> m(t.channelMean.begin(), t.channelMean.end());
        const std::vector<float> sd(t.channelStd.begin(), t.channelStd.end());
        const std::int64_t c = x.size(1);
        return x.sub_(torch::tensor(m, opts).view({1, c, 1, 1}))
            .div_(torch::tensor(sd, opts).view({1, c, 1, 1}));
    }
    return x.sub_(t.mean).div_(t.stdev);
}

torch::Tensor denormalize(const torch::Tensor& input, const InputTransform& t) {
    if (!t.channelMean.empty() && input.dim() >= 3 &&
        std::int64_t(t.channelMean.size()) == input.size(input.dim() - 3)) {
        const std::int64_t c = input.size(input.dim() - 3);
        std::vector<std::int64_t> shape(std::size_t(input.dim()), 1);
        shape[std::size_t(input.dim() - 3)] = c;
        const auto opts = torch::TensorOptions().dtype(input.scalar_type()).device(input.device());
        const std::vector<float> m(t.channelMean.begin(), t.channelMean.end());
        const std::vector<float> sd(t.channelStd.begin(), t.channelStd.end());
        return (input * torch::tensor(sd, opts).view(shape) + torch::tensor(m, opts).view(shape))
            .clamp(0.0, 1.0);
    }
    return (input * t.stdev + t.mean).clamp(0.0, 1.0);
}

}  // namespace convscope::nn
