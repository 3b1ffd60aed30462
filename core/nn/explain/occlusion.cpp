#include <stdexcept>
#include <string>

#include "core/nn/explain/attribution.h"
#include "core/nn/explain/explain_support.h"

// Occlusion sensitivity as Captum computes it: a window slid over the positions where it fits inside the
// image, set to the baseline in every channel; each pixel gets the mean, over the windows that cover it, of
// y_c(x) − y_c(x occluded). Occluded copies go through the model in batches.

namespace convscope::nn::detail {

void occlusion(Attribution& a, ClassifierImpl& model, const torch::Tensor& x,
               const AttributionOptions& options, const common::JobControl& control) {
    const int height = int(x.size(2)), width = int(x.size(3));
    const int wh = options.windowHeight, ww = options.windowWidth;
    if (wh < 1 || ww < 1) throw std::invalid_argument("the occlusion window must be at least 1 pixel");
    if (wh > height || ww > width)
        throw std::invalid_argument("the occlusion window (" + std::to_string(wh) + " × " +
                                    std::to_string(ww) + ") is larger than the image (" +
                                    std::to_string(height) + " × " + std::to_string(width) + ")");
    if (options.strideY < 1 || options.strideX < 1)
        throw std::invalid_argument("the occlusion stride must be at least 1");
    std::vector<std::pair<int, int>> positions;
    for (int y = 0; y + wh <= height; y += options.strideY)
        for (int x0 = 0; x0 + ww <= width; x0 += options.strideX) positions.emplace_back(y, x0);

    const double reference = a.logits[std::size_t(a.target)];
    torch::Tensor total = torch::zeros({height, width}, torch::kFloat64);
    torch::Tensor count = torch::zeros({height, width}, torch::kFloat64);
    const int batch = std::max(1, options.batchSize);
    const int n = int(positions.size());
    torch::NoGradGuard noGrad;
    for (int done = 0; done < n; done += batch) {
        if (control.cancelled()) throw common::Cancelled{};
        const int m = std::min(batch, n - done);
        torch::Tensor copies = x.repeat({m, 1, 1, 1});
        for (int i = 0; i < m; ++i) {
            const auto [y, x0] = positions[std::size_t(done + i)];
            copies[i].narrow(1, y, wh).narrow(2, x0, ww).fill_(options.baseline);
        }
        const torch::Tensor y =
            forwardBatch(model, copies).select(1, a.target).to(torch::kCPU, torch::kFloat64);
        const double* values = y.contiguous().data_ptr<double>();
        for (int i = 0; i < m; ++i) {
            const auto [py, px] = positions[std::size_t(done + i)];
            total.narrow(0, py, wh).narrow(1, px, ww) += reference - values[i];
            count.narrow(0, py, wh).narrow(1, px, ww) += 1.0;
        }
        control.progress(done + m, n);
    }
    a.map = torch::where(count > 0, total / count.clamp_min(1.0), torch::zeros_like(total))
                .to(torch::kFloat32)
                .contiguous();
    a.windowHeight = wh;
    a.windowWidth = ww;
    a.strideY = options.strideY;
    a.strideX = options.strideX;
}

}  // namespace convscope::nn::detail
