#include "core/nn/explain/equivariance.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>

#include "core/nn/graph/architecture.h"

namespace convscope::nn {

namespace {

constexpr double kEqPi = 3.14159265358979323846;

/// A per-channel constant image like `t` (C x H x W): the fill, or zeros.
torch::Tensor eqFillLike(const torch::Tensor& t, const std::vector<float>& fill) {
    if (fill.empty()) return torch::zeros_like(t);
    if (std::int64_t(fill.size()) != t.size(0))
        throw std::invalid_argument("the fill has " + std::to_string(fill.size()) + " values for " +
                                    std::to_string(t.size(0)) + " channels");
    const torch::Tensor f = torch::tensor(fill, torch::kFloat32).to(t.dtype()).view({t.size(0), 1, 1});
    return f.expand_as(t).clone();
}

/// An integer shift of C x H x W content: out[y][x] = in[y − dy][x − dx].
torch::Tensor eqShiftTensor(const torch::Tensor& t, int dx, int dy, ShiftFill mode,
                            const std::vector<float>& fill) {
    if (mode == ShiftFill::Circular) return torch::roll(t, {dy, dx}, {1, 2});
    torch::Tensor out = eqFillLike(t, fill);
    const std::int64_t h = t.size(1), w = t.size(2);
    if (std::abs(dx) >= w || std::abs(dy) >= h) return out;
    const std::int64_t y0 = std::max(dy, 0), y1 = h + std::min(dy, 0);
    const std::int64_t x0 = std::max(dx, 0), x1 = w + std::min(dx, 0);
    using torch::indexing::Slice;
    out.index_put_({Slice(), Slice(y0, y1), Slice(x0, x1)},
                   t.index({Slice(), Slice(y0 - dy, y1 - dy), Slice(x0 - dx, x1 - dx)}));
    return out;
}

/// Rotation by `degrees` (counter-clockwise on screen), scale by `scale` about the centre and a translation
/// by (tx, ty) pixels, by bilinear resampling (grid_sample, align_corners false); outside is `fill`.
torch::Tensor eqResampleTensor(const torch::Tensor& t, double tx, double ty, double degrees, double scale,
                               const std::vector<float>& fill) {
    if (!(scale > 0.0)) throw std::invalid_argument("the scale must be positive");
    const std::int64_t h = t.size(1), w = t.size(2);
    const auto options = torch::TensorOptions().dtype(torch::kFloat32);
    const torch::Tensor ys = torch::arange(h, options).view({h, 1}).expand({h, w});
    const torch::Tensor xs = torch::arange(w, options).view({1, w}).expand({h, w});
    const double cx = (double(w) - 1.0) / 2.0, cy = (double(h) - 1.0) / 2.0;
    const double c = std::cos(degrees * kEqPi / 180.0), s = std::sin(degrees * kEqPi / 180.0);
    // The output pixel p samples the input at s⁻¹(p): undo the translation, the rotation, then the scale.
    // With y down, a counter-clockwise rotation maps (u, v) to (u c + v s, −u s + v c); its inverse is
    // (u c − v s, u s + v c).
    const torch::Tensor u = xs - cx - tx, v = ys - cy - ty;
    const torch::Tensor sx = cx + (u * c - v * s) / scale, sy = cy + (u * s + v * c) / scale;
    const torch::Tensor grid =
        torch::stack({(2.0 * sx + 1.0) / double(w) - 1.0, (2.0 * sy + 1.0) / double(h) - 1.0}, 2)
            .unsqueeze(0);
    const torch::Tensor base = eqFillLike(t, fill);
    namespace F = torch::nn::functional;
    const torch::Tensor sampled = F::grid_sample(
        (t.to(torch::kFloat32) - base).unsqueeze(0), grid,
        F::GridSampleFuncOptions().mode(torch::kBilinear).padding_mode(torch::kZeros).align_corners(false));
    return sampled[0] + base;
}

torch::Tensor eqTransformInput(const torch::Tensor& x, const SpatialTransform& s,
                               const std::vector<float>& fill) {
    if (s.resamples()) return eqResampleTensor(x, s.dx, s.dy, s.rotateDegrees, s.scale, fill);
    return eqShiftTensor(x, s.dx, s.dy, s.fill, fill);
}

std::int64_t eqCeilDiv(std::int64_t a, std::int64_t b) {
    return (a + b - 1) / b;
}

double eqRelativeError(const torch::Tensor& a, const torch::Tensor& b) {
    const double num = (a - b).to(torch::kFloat64).norm().item<double>();
    const double den = b.to(torch::kFloat64).norm().item<double>();
    if (den == 0.0) return num == 0.0 ? 0.0 : std::numeric_limits<double>::quiet_NaN();
    return num / den;
}

/// The compared rows and columns (see measureEquivariance's comment).
void eqChooseRegion(TapEquivariance& tap, const SpatialTransform& s, std::int64_t receptiveField) {
    const std::int64_t h = tap.height, w = tap.width, stride = tap.stride;
    tap.top = 0, tap.left = 0, tap.bottom = int(h), tap.right = int(w);
    if (tap.global) return;
    const std::int64_t half = receptiveField > 0 ? eqCeilDiv((receptiveField - 1) / 2, stride) : 1;
    const std::int64_t bx = std::min(half, w / 4), by = std::min(half, h / 4);
    const std::int64_t mx = eqCeilDiv(std::abs(s.dx), stride) + bx;
    const std::int64_t my = eqCeilDiv(std::abs(s.dy), stride) + by;
    std::int64_t left = mx, right = w - mx, top = my, bottom = h - my;
    if (s.resamples()) {
        left = std::max(left, w / 4), right = std::min(right, w - w / 4);
        top = std::max(top, h / 4), bottom = std::min(bottom, h - h / 4);
    }
    if (left >= right || top >= bottom) {
        tap.wholeMap = true;
        return;
    }
    tap.top = int(top), tap.left = int(left), tap.bottom = int(bottom), tap.right = int(right);
}

}  // namespace

std::vector<TapGeometry> tapGeometry(const Architecture& architecture) {
    std::vector<TapGeometry> out;
    for (const ArchTap& tap : architecture.taps) {
        if (tap.node < 0 || tap.node >= int(architecture.nodes.size())) continue;
        const ArchNode& node = architecture.nodes[std::size_t(tap.node)];
        out.push_back({tap.name, std::max<std::int64_t>(1, node.jump), node.receptiveField,
                       node.global || tap.shape.size() < 3});
    }
    return out;
}

TapGeometry estimateGeometry(const std::string& name, std::int64_t inputSize, std::int64_t mapHeight,
                             std::int64_t mapWidth) {
    TapGeometry g;
    g.name = name;
    g.global = mapHeight <= 1 && mapWidth <= 1;
    const std::int64_t side = std::max<std::int64_t>(1, std::max(mapHeight, mapWidth));
    g.stride = std::max<std::int64_t>(1, std::llround(double(inputSize) / double(side)));
    return g;
}

std::vector<float> backgroundFill(const InputTransform& transform, std::int64_t channels) {
    std::vector<float> out;
    for (std::int64_t c = 0; c < channels; ++c) {
        const bool own =
            std::size_t(c) < transform.channelMean.size() && std::size_t(c) < transform.channelStd.size();
        const double mean = own ? transform.channelMean[std::size_t(c)] : transform.mean;
        const double stdev = own ? transform.channelStd[std::size_t(c)] : transform.stdev;
        out.push_back(float(stdev > 0.0 ? -mean / stdev : 0.0));
    }
    return out;
}

torch::Tensor transformMaps(const torch::Tensor& maps, const SpatialTransform& s, double stride,
                            const std::vector<float>& fill) {
    if (s.resamples())
        return eqResampleTensor(maps, double(s.dx) / stride, double(s.dy) / stride, s.rotateDegrees, s.scale,
                                fill);
    const int mx = int(std::lround(double(s.dx) / stride)), my = int(std::lround(double(s.dy) / stride));
    return eqShiftTensor(maps, mx, my, s.fill, fill);
}

EquivarianceResult measureEquivariance(ClassifierImpl& model, const torch::Tensor& input,
                                       const SpatialTransform& s, const std::vector<TapGeometry>& geometry,
                                       const std::vector<float>& fill) {
    if (input.dim() != 3) throw std::invalid_argument("the input must be C x H x W");
    if (!(s.scale > 0.0) || !std::isfinite(s.scale) || !std::isfinite(s.rotateDegrees))
        throw std::invalid_argument("the scale must be a positive number and the rotation finite");
    std::map<std::string, TapGeometry> known;
    for (const TapGeometry& g : geometry) known[g.name] = g;

    const bool wasTraining = model.is_training();
    model.eval();
    EquivarianceResult result;
    {
        torch::NoGradGuard noGrad;
        const torch::Tensor x = input.to(torch::kCPU, torch::kFloat32).contiguous();
        const torch::Tensor sx = eqTransformInput(x, s, fill).contiguous();
        result.input = x;
        result.transformedInput = sx;
        std::vector<std::pair<std::string, torch::Tensor>> tapped;
        // x and s(x) as one batch of two: in evaluation mode the two are independent.
        const torch::Tensor logits =
            model.forward(torch::stack({x, sx}), [&tapped](const std::string& name, const torch::Tensor& t) {
                tapped.emplace_back(name, t.detach());
            });
        const torch::Tensor p = torch::softmax(logits.to(torch::kCPU, torch::kFloat32), 1).contiguous();
        result.scoresBefore.assign(p[0].data_ptr<float>(), p[0].data_ptr<float>() + p.size(1));
        result.scoresAfter.assign(p[1].data_ptr<float>(), p[1].data_ptr<float>() + p.size(1));
        result.predictionBefore = int(p[0].argmax().item<std::int64_t>());
        result.predictionAfter = int(p[1].argmax().item<std::int64_t>());
        const bool identity = !s.resamples() && s.dx == 0 && s.dy == 0;
        for (auto& [name, t] : tapped) {
            torch::Tensor before = t[0].to(torch::kCPU, torch::kFloat32),
                          after = t[1].to(torch::kCPU, torch::kFloat32);
            if (before.dim() == 1)
                before = before.view({before.size(0), 1, 1}), after = after.view({after.size(0), 1, 1});
            if (before.dim() != 3) continue;  // no spatial layout to transform
            TapEquivariance tap;
            tap.name = name;
            tap.channels = before.size(0), tap.height = before.size(1), tap.width = before.size(2);
            const auto it = known.find(name);
            TapGeometry g = it != known.end() ? it->second
                                              : estimateGeometry(name, std::max(x.size(1), x.size(2)),
                                                                 tap.height, tap.width);
            tap.strideEstimated = it == known.end();
            tap.stride = g.stride;
            tap.global = g.global || (tap.height == 1 && tap.width == 1);
            if (tap.global) {
                // The map has no positions left to move: s(f(x)) = f(x), an invariance comparison.
                tap.exactDx = tap.exactDy = 0.0;
                tap.exact = identity;
                tap.transformedMaps = before.contiguous();
            } else {
                tap.exactDx = double(s.dx) / double(tap.stride),
                tap.exactDy = double(s.dy) / double(tap.stride);
                tap.mapDx = int(std::lround(tap.exactDx)), tap.mapDy = int(std::lround(tap.exactDy));
                tap.exact = !s.resamples() && s.dx % tap.stride == 0 && s.dy % tap.stride == 0;
                tap.transformedMaps = transformMaps(before, s, double(tap.stride)).contiguous();
            }
            tap.transformedFeatures = after.contiguous();
            tap.difference = (tap.transformedFeatures - tap.transformedMaps).contiguous();
            eqChooseRegion(tap, s, g.receptiveField);
            using torch::indexing::Slice;
            const auto region = [&tap](const torch::Tensor& m) {
                return m.index({Slice(), Slice(tap.top, tap.bottom), Slice(tap.left, tap.right)});
            };
            tap.equivarianceError =
                eqRelativeError(region(tap.transformedFeatures), region(tap.transformedMaps));
            result.taps.push_back(std::move(tap));
        }
    }
    if (wasTraining) model.train();
    return result;
}

std::string toString(ShiftFill fill) {
    return fill == ShiftFill::Circular ? "circular" : "zeros";
}

ShiftFill parseShiftFill(const std::string& name) {
    if (name == "zeros") return ShiftFill::Zeros;
    if (name == "circular") return ShiftFill::Circular;
    throw std::invalid_argument("the shift mode must be zeros or circular, not \"" + name + "\"");
}

}  // namespace convscope::nn
