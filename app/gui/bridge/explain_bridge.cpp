#include "app/gui/bridge/explain_bridge.h"

#include <QObject>
#include <algorithm>
#include <cstring>

#include "core/common/attribution_display.h"
#include "widgets/common/number_text.h"

namespace convscope::gui::bridge {

namespace {

// Overlays are enlarged to at least this side (each input pixel a sharp block, as the CLI's --png draws).
constexpr int kExplainOverlaySide = 168;

static_assert(sizeof(common::Rgb) == 3, "overlay rows are copied as packed RGB bytes");

std::vector<float> tensorValues(const torch::Tensor& t) {
    const torch::Tensor c = t.to(torch::kFloat32).contiguous();
    return std::vector<float>(c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
}

}  // namespace

ExplainMap toExplainMap(const nn::Attribution& a, const ExplainBackground& bg) {
    const nn::AttributionMethodInfo& info = nn::methodInfo(a.method);
    ExplainMap m;
    m.method = QString::fromStdString(info.name);
    m.title = QString::fromStdString(info.title);
    m.layer = QString::fromStdString(a.layer);
    m.atLayer = info.atLayer;
    m.rows = int(a.map.size(0));
    m.cols = int(a.map.size(1));
    const std::vector<float> raw = tensorValues(a.map);
    m.values = QVector<float>(raw.begin(), raw.end());
    const common::AttributionDisplayOptions display = nn::defaultDisplay(a.method);
    const int scale = std::max(1, (kExplainOverlaySide + bg.height - 1) / std::max(1, bg.height));
    const common::OverlayPicture p = common::renderOverlay(bg.pixels, bg.channels, bg.height, bg.width, raw,
                                                           m.rows, m.cols, display, scale);
    QImage image(p.width, p.height, QImage::Format_RGB888);
    for (int y = 0; y < p.height; ++y)
        std::memcpy(image.scanLine(y), p.pixels.data() + std::size_t(y) * std::size_t(p.width),
                    std::size_t(p.width) * 3);
    m.overlay = image;
    m.relu = display.relu;
    m.diverging = p.map.diverging;
    m.scale = p.map.scale;
    if (a.method == nn::AttributionMethod::IntegratedGradients)
        m.note =
            QObject::tr("%1 steps; the attributions sum to y_c(x) − y_c(baseline) = %2 within %3")
                .arg(a.steps)
                .arg(widgets::formatValue(a.targetDelta, 4), widgets::formatValue(a.completenessError, 2));
    else if (a.method == nn::AttributionMethod::Occlusion)
        m.note = QObject::tr("%1×%2 window of the baseline (mean grey), stride %3")
                     .arg(a.windowHeight)
                     .arg(a.windowWidth)
                     .arg(a.strideY);
    if (info.atLayer && a.activation.defined() && a.activation.dim() == 3) {
        m.channels = int(a.activation.size(0));
        const std::vector<float> activation = tensorValues(a.activation);
        m.activation = QVector<float>(activation.begin(), activation.end());
        // HiResCAM weighs each cell by its own gradient; the others have one weight per channel.
        const std::vector<float> weights =
            tensorValues(a.method == nn::AttributionMethod::HiResCam ? a.gradient : a.channelWeights);
        m.weights = QVector<float>(weights.begin(), weights.end());
    }
    return m;
}

ExplainBackground explainBackground(const torch::Tensor& input, const nn::InputTransform& transform) {
    const torch::Tensor picture =
        nn::denormalize(input.unsqueeze(0), transform)[0].clamp(0.0, 1.0).permute({1, 2, 0}).contiguous();
    ExplainBackground bg;
    bg.pixels = tensorValues(picture);
    bg.channels = input.size(0) == 3 ? 3 : 1;
    bg.height = int(input.size(1));
    bg.width = int(input.size(2));
    return bg;
}

QImage explainInputImage(const ExplainBackground& bg) {
    // Grey, or colour for a three-channel (RGB) model.
    QImage image(bg.width, bg.height, bg.channels == 3 ? QImage::Format_RGB888 : QImage::Format_Grayscale8);
    for (int y = 0; y < bg.height; ++y) {
        uchar* line = image.scanLine(y);
        for (int x = 0; x < bg.width * bg.channels; ++x)
            line[x] = uchar(std::lround(255.0 * bg.pixels[std::size_t(y) * bg.width * bg.channels + x]));
    }
    return image;
}

}  // namespace convscope::gui::bridge
