#include "app/gui/convolution/conv_lab_setup.h"

#include <QObject>
#include <random>

namespace convscope::gui {

namespace {

using conv::ConvError;

common::Kernel sobelX() {
    return common::Kernel(3, 3, {-1, 0, 1, -2, 0, 2, -1, 0, 1});
}

// Input sizes the panel accepts: the animation is for reading numbers, and the worked examples go up to
// AlexNet's 227 and the notes' 56×56×64 (channels beyond a few are drawn as tiles, see
// channel_summary_builder.h).
constexpr int kMaxChannels = kMaxConvChannels;
constexpr int kMaxSide = 256;

conv::Volume makeInput(const ConvLabSetup& s) {
    if (s.channels < 1 || s.channels > kMaxChannels)
        throw ConvError(QObject::tr("The input needs 1 to %1 channels (got %2).")
                            .arg(kMaxChannels)
                            .arg(s.channels)
                            .toStdString());
    if (s.height < 1 || s.width < 1 || s.height > kMaxSide || s.width > kMaxSide)
        throw ConvError(QObject::tr("The input must be 1×1 to %1×%1 (got %2×%3).")
                            .arg(kMaxSide)
                            .arg(s.height)
                            .arg(s.width)
                            .toStdString());
    switch (s.source) {
        case ConvInputSource::Sequence:
            return conv::Volume::sequence(s.channels, s.height, s.width);
        case ConvInputSource::Random: {
            conv::Volume v(s.channels, s.height, s.width);
            std::mt19937 rng(static_cast<unsigned>(s.seed));
            std::uniform_int_distribution<int> digit(0, 9);
            for (double& x : v.values) x = digit(rng);
            return v;
        }
        case ConvInputSource::Image:
        case ConvInputSource::Custom:
            break;
    }
    const size_t expected = static_cast<size_t>(s.channels) * s.height * s.width;
    if (s.values.size() != expected)
        throw ConvError(QObject::tr("The input holds %1 values but %2×%3×%4 needs %5.")
                            .arg(s.values.size())
                            .arg(s.channels)
                            .arg(s.height)
                            .arg(s.width)
                            .arg(expected)
                            .toStdString());
    return conv::Volume(s.channels, s.height, s.width, s.values);
}

// Random integer weights make each (output, input) slice different, so a multi-channel sum is worth reading.
void fillRandom(conv::FilterBank& bank, int seed) {
    std::mt19937 rng(static_cast<unsigned>(seed) * 7919u + 17u);
    std::uniform_int_distribution<int> weight(-2, 2);
    for (double& w : bank.weights) w = weight(rng);
}

}  // namespace

ConvLabSetup::ConvLabSetup() : kernel(sobelX()) {}

ConvLabSetup ConvLabSetup::defaultsFor(ConvMode mode) {
    ConvLabSetup s;
    s.mode = mode;
    switch (mode) {
        case ConvMode::Single:
            break;
        case ConvMode::MultiChannel:
            s.channels = 3;
            s.height = s.width = 5;
            s.source = ConvInputSource::Random;
            s.outChannels = 2;
            s.fill = ConvWeightFill::RandomIntegers;
            s.useBias = true;
            s.bias = 1;
            s.padding = conv::Padding::uniform(1);
            break;
        case ConvMode::Depthwise:
            s.channels = 3;
            s.height = s.width = 5;
            s.source = ConvInputSource::Random;
            s.outChannels = 3;
            s.groups = 3;
            s.fill = ConvWeightFill::RandomIntegers;
            s.padding = conv::Padding::uniform(1);
            break;
        case ConvMode::Pointwise:
            s.channels = 3;
            s.height = s.width = 4;
            s.source = ConvInputSource::Random;
            s.outChannels = 2;
            s.kernel = common::Kernel(1, 1, {1});
            s.fill = ConvWeightFill::RandomIntegers;
            break;
        case ConvMode::Grouped:
            s.channels = 4;
            s.height = s.width = 4;
            s.source = ConvInputSource::Random;
            s.outChannels = 4;
            s.groups = 2;
            s.fill = ConvWeightFill::RandomIntegers;
            s.padding = conv::Padding::uniform(1);
            break;
        case ConvMode::MaxPool:
        case ConvMode::AvgPool:
            s.stride = {2, 2};
            s.poolSize = 2;
            break;
        case ConvMode::Transposed:
            s.height = s.width = 3;
            s.kernel = common::Kernel(3, 3, {1, 2, 1, 2, 4, 2, 1, 2, 1});
            s.stride = {2, 2};
            break;
        case ConvMode::Dilated:
            s.height = s.width = 7;
            s.dilation = {2, 2};
            break;
        case ConvMode::Nearest:
        case ConvMode::BedOfNails:
            s.height = s.width = 3;
            break;
        case ConvMode::MaxUnpool:
            // Random digits, so that the maxima sit in different corners of their windows.
            s.height = s.width = 4;
            s.source = ConvInputSource::Random;
            break;
    }
    return s;
}

bool ConvLabSetup::operator==(const ConvLabSetup& o) const {
    return mode == o.mode && source == o.source && channels == o.channels && height == o.height &&
           width == o.width && values == o.values && kernel == o.kernel && fill == o.fill &&
           outChannels == o.outChannels && groups == o.groups && bias == o.bias && useBias == o.useBias &&
           padding == o.padding && paddingMode == o.paddingMode && stride == o.stride &&
           dilation == o.dilation && outputPadding == o.outputPadding && poolSize == o.poolSize &&
           countIncludePad == o.countIncludePad && scale == o.scale && seed == o.seed;
}

ConvProblem buildConvProblem(const ConvLabSetup& s) {
    ConvProblem p;
    p.input = makeInput(s);
    p.spec.padding = s.padding;
    p.spec.paddingMode = s.paddingMode;
    p.spec.stride = s.stride;
    p.spec.dilation = s.dilation;
    p.spec.countIncludePad = s.countIncludePad;
    switch (s.mode) {
        case ConvMode::Nearest:
        case ConvMode::BedOfNails:
        case ConvMode::MaxUnpool:
            // The scale factor is the whole geometry: the other controls are hidden and do not apply.
            p.spec = conv::ConvSpec{};
            p.spec.op = s.mode == ConvMode::Nearest      ? conv::Operation::Nearest
                        : s.mode == ConvMode::BedOfNails ? conv::Operation::BedOfNails
                                                         : conv::Operation::MaxUnpool;
            p.spec.scale = {s.scale, s.scale};
            return p;
        case ConvMode::MaxPool:
        case ConvMode::AvgPool:
            p.spec.op = s.mode == ConvMode::MaxPool ? conv::Operation::MaxPool : conv::Operation::AvgPool;
            p.spec.poolKernel = {s.poolSize, s.poolSize};
            p.spec.paddingMode = conv::PaddingMode::Zeros;
            if (s.mode == ConvMode::AvgPool) p.spec.dilation = {1, 1};
            return p;
        case ConvMode::Transposed:
            p.spec.op = conv::Operation::Transposed;
            p.spec.outputPadding = s.outputPadding;
            p.spec.paddingMode = conv::PaddingMode::Zeros;
            break;
        default:
            p.spec.op = conv::Operation::Convolution;
            break;
    }

    int groups = s.groups;
    int outChannels = s.outChannels;
    if (s.mode == ConvMode::Single || s.mode == ConvMode::Dilated) {
        groups = 1;
        outChannels = std::max(1, s.outChannels);
    } else if (s.mode == ConvMode::Depthwise) {
        groups = s.channels;
        outChannels = s.channels;
    } else if (s.mode == ConvMode::MultiChannel || s.mode == ConvMode::Pointwise) {
        groups = 1;
    }
    if (groups < 1) throw ConvError(QObject::tr("Groups must be at least 1.").toStdString());
    if (s.channels % groups != 0)
        throw ConvError(QObject::tr("Groups (%1) must divide the input channels (%2).")
                            .arg(groups)
                            .arg(s.channels)
                            .toStdString());
    if (outChannels < 1 || outChannels % groups != 0)
        throw ConvError(QObject::tr("Groups (%1) must divide the output channels (%2).")
                            .arg(groups)
                            .arg(outChannels)
                            .toStdString());
    p.spec.groups = groups;

    const common::Kernel& k =
        s.mode == ConvMode::Pointwise ? common::Kernel(1, 1, {s.kernel.at(0, 0)}) : s.kernel;
    // PyTorch's layouts: conv weights are C_out x C_in/groups, transposed ones C_in x C_out/groups.
    const bool transposed = s.mode == ConvMode::Transposed;
    const int first = transposed ? s.channels : outChannels;
    const int second = transposed ? outChannels / groups : s.channels / groups;
    p.weights = conv::FilterBank::fromKernel(k.rows(), k.cols(), k.values(), first, second);
    if (s.fill == ConvWeightFill::RandomIntegers) fillRandom(p.weights, s.seed);
    if (s.useBias) p.weights.bias.assign(static_cast<size_t>(outChannels), s.bias);
    return p;
}

QString modeTitle(ConvMode mode) {
    switch (mode) {
        case ConvMode::Single:
            return QObject::tr("Single channel");
        case ConvMode::MultiChannel:
            return QObject::tr("Multi-channel");
        case ConvMode::Depthwise:
            return QObject::tr("Depthwise");
        case ConvMode::Pointwise:
            return QObject::tr("Pointwise (1×1)");
        case ConvMode::Grouped:
            return QObject::tr("Grouped");
        case ConvMode::MaxPool:
            return QObject::tr("Max pooling");
        case ConvMode::AvgPool:
            return QObject::tr("Average pooling");
        case ConvMode::Transposed:
            return QObject::tr("Transposed");
        case ConvMode::Dilated:
            return QObject::tr("Dilated");
        case ConvMode::Nearest:
            return QObject::tr("Nearest-neighbour upsampling");
        case ConvMode::BedOfNails:
            return QObject::tr("Bed of nails");
        case ConvMode::MaxUnpool:
            return QObject::tr("Max unpooling");
    }
    return {};
}

QString modeId(ConvMode mode) {
    switch (mode) {
        case ConvMode::Single:
            return QStringLiteral("single");
        case ConvMode::MultiChannel:
            return QStringLiteral("multi");
        case ConvMode::Depthwise:
            return QStringLiteral("depthwise");
        case ConvMode::Pointwise:
            return QStringLiteral("pointwise");
        case ConvMode::Grouped:
            return QStringLiteral("grouped");
        case ConvMode::MaxPool:
            return QStringLiteral("maxpool");
        case ConvMode::AvgPool:
            return QStringLiteral("avgpool");
        case ConvMode::Transposed:
            return QStringLiteral("transposed");
        case ConvMode::Dilated:
            return QStringLiteral("dilated");
        case ConvMode::Nearest:
            return QStringLiteral("nearest");
        case ConvMode::BedOfNails:
            return QStringLiteral("bed-of-nails");
        case ConvMode::MaxUnpool:
            return QStringLiteral("max-unpool");
    }
    return {};
}

ConvMode modeFromId(const QString& id, ConvMode fallback) {
    for (int i = 0; i <= static_cast<int>(kLastConvMode); ++i) {
        const auto mode = static_cast<ConvMode>(i);
        if (modeId(mode) == id) return mode;
    }
    return fallback;
}

QString modeDescription(ConvMode mode) {
    switch (mode) {
        case ConvMode::Single:
            return QObject::tr(
                "The kernel slides over the input; each output value is the sum of the element-wise "
                "products under the window (cross-correlation, as in PyTorch's conv2d).");
        case ConvMode::MultiChannel:
            return QObject::tr(
                "Each filter has one slice per input channel. The slices' products are summed over all "
                "channels and the bias is added: Y[c_out,h,w] = Σ_c_in Σ_i Σ_j X·W + b.");
        case ConvMode::Depthwise:
            return QObject::tr(
                "groups = channels: every channel has its own filter and channels never mix. Followed "
                "by a 1×1 convolution this is a depthwise separable convolution (MobileNet).");
        case ConvMode::Pointwise:
            return QObject::tr(
                "A 1×1 kernel looks at one position only and mixes the channels: a per-pixel linear "
                "layer that changes the channel count.");
        case ConvMode::Grouped:
            return QObject::tr(
                "Channels are split into groups; each filter sees only its group's channels, which "
                "divides the weights by the number of groups (AlexNet, ResNeXt, ShuffleNet).");
        case ConvMode::MaxPool:
            return QObject::tr(
                "Each output is the largest value under the window; no weights. Padding never wins.");
        case ConvMode::AvgPool:
            return QObject::tr("Each output is the mean of the values under the window; no weights.");
        case ConvMode::Transposed:
            return QObject::tr(
                "Each input value scales the whole kernel and adds it into the output at stride "
                "spacing: an up-sampling layer (U-Net, GAN generators). Padding crops the output.");
        case ConvMode::Dilated:
            return QObject::tr(
                "The kernel's taps are spread d pixels apart: a larger receptive field with the same "
                "number of weights (atrous convolution).");
        case ConvMode::Nearest:
            return QObject::tr(
                "Upsampling without weights: every input value is copied into its S×S cell of the output "
                "(F.interpolate, mode='nearest').");
        case ConvMode::BedOfNails:
            return QObject::tr(
                "Upsampling without weights: every input value goes to the top-left corner of its S×S "
                "cell and the rest of the cell stays zero.");
        case ConvMode::MaxUnpool:
            return QObject::tr(
                "Max pooling with an S×S window remembers where each maximum was; unpooling puts it back "
                "there and fills the rest with zeros (SegNet's decoder). Arrows show the way.");
    }
    return {};
}

}  // namespace convscope::gui
