#include "app/gui/bridge/feature_bridge.h"

#include <algorithm>
#include <cmath>

#include "core/common/colormap.h"
#include "core/nn/models/classifier.h"
#include "core/nn/models/feature_maps.h"

namespace convscope::gui::bridge {

namespace {

QImage channelPicture(const float* p, int h, int w, float lo, float hi) {
    const auto& table = common::colormapTable(common::Colormap::Viridis);
    QImage image(w, h, QImage::Format_RGB32);
    const float range = hi - lo;
    for (int y = 0; y < h; ++y) {
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(y));
        for (int x = 0; x < w; ++x) {
            const int i = range > 0 ? int(std::lround((p[y * w + x] - lo) / range * 255.0f)) : 0;
            const common::Rgb c = table[std::size_t(std::clamp(i, 0, 255))];
            line[x] = qRgb(c.r, c.g, c.b);
        }
    }
    return image;
}

}  // namespace

FeatureFrame toFeatureFrame(const nn::FeatureSnapshot& s, nn::ClassifierImpl& model,
                            const QStringList& classNames, const QString& source, const QString& modelSource,
                            int trueLabel, qint64 step) {
    FeatureFrame f;
    f.source = source;
    f.modelSource = modelSource;
    f.prediction = s.prediction;
    f.trueLabel = trueLabel;
    f.classNames = classNames;
    f.step = step;
    f.scores = QVector<float>(s.scores.begin(), s.scores.end());
    for (const nn::TapActivation& tap : s.taps) {
        TapFrame t;
        t.name = QString::fromStdString(tap.name);
        const torch::Tensor& v = tap.value;  // C x H x W float, CPU, contiguous
        t.channels = int(v.size(0));
        t.height = int(v.size(1));
        t.width = int(v.size(2));
        t.min = v.min().item<double>();
        t.max = v.max().item<double>();
        t.mean = v.mean().item<double>();
        t.stdev = v.numel() > 1 ? v.std().item<double>() : 0.0;
        const float* data = v.data_ptr<float>();
        const int shown = std::min(t.channels, TapFrame::kMaxChannels);
        const std::ptrdiff_t plane = std::ptrdiff_t(t.height) * t.width;
        for (int c = 0; c < shown; ++c) {
            const float* p = data + c * plane;
            const auto [lo, hi] = std::minmax_element(p, p + plane);
            t.channelValues.push_back(QVector<float>(p, p + plane));
            t.channelMin.push_back(*lo);
            t.channelMax.push_back(*hi);
            t.channelImages.push_back(channelPicture(p, t.height, t.width, *lo, *hi));
        }
        f.taps.push_back(std::move(t));
    }
    // The input as the model sees it, 0 … 1 to grey, or to colour for a three-channel (RGB) model.
    const torch::Tensor in = (s.input * 255.0).round().clamp(0, 255).to(torch::kUInt8);
    if (in.size(0) == 3) {
        const torch::Tensor rgb = in.permute({1, 2, 0}).contiguous();
        f.input = QImage(int(rgb.size(1)), int(rgb.size(0)), QImage::Format_RGB888);
        for (int y = 0; y < f.input.height(); ++y)
            std::copy_n(rgb.data_ptr<std::uint8_t>() + std::ptrdiff_t(y) * f.input.width() * 3,
                        f.input.width() * 3, f.input.scanLine(y));
    } else {
        const torch::Tensor grey = in[0].contiguous();
        f.input = QImage(int(grey.size(1)), int(grey.size(0)), QImage::Format_Grayscale8);
        for (int y = 0; y < f.input.height(); ++y)
            std::copy_n(grey.data_ptr<std::uint8_t>() + std::ptrdiff_t(y) * f.input.width(), f.input.width(),
                        f.input.scanLine(y));
    }
    // The first layer's filters, input channel 0 of each, as kernels the Frequency panel can open.
    const torch::Tensor w = model.firstConvWeights().detach().to(torch::kCPU, torch::kFloat64).contiguous();
    const int kh = int(w.size(2)), kw = int(w.size(3));
    for (std::int64_t o = 0; o < w.size(0); ++o) {
        const torch::Tensor k = w[o][0].contiguous();
        f.firstLayerKernels.push_back(common::Kernel(
            kh, kw, std::vector<double>(k.data_ptr<double>(), k.data_ptr<double>() + k.numel())));
    }
    return f;
}

}  // namespace convscope::gui::bridge
