#pragma once

#include <QMetaType>
#include <QString>
#include <vector>

#include "core/common/kernel.h"
#include "core/conv/conv_spec.h"
#include "core/conv/volume.h"

namespace convscope::gui {

/// The kinds of layer the Convolution panel teaches. Each sets sensible starting values (see defaultsFor)
/// that the user can then change.
enum class ConvMode {
    Single,        ///< one input channel, one filter: the seed's animation
    MultiChannel,  ///< C_in channels, C_out filters: Y[c_out,h,w] = Σ_c_in Σ_i Σ_j X·W + b
    Depthwise,     ///< groups = C_in: one filter per channel
    Pointwise,     ///< 1x1 kernels mixing channels
    Grouped,       ///< groups dividing C_in and C_out
    MaxPool,
    AvgPool,
    Transposed,  ///< each input element scatters a scaled kernel
    Dilated,     ///< dilation > 1: a kernel with holes
    Nearest,     ///< nearest-neighbour upsampling by `scale`
    BedOfNails,  ///< each value at the top-left of its scale×scale cell, zeros elsewhere
    MaxUnpool,   ///< max pooling by `scale`, then each maximum back where it was found
};
/// The last ConvMode, for loops over all of them.
constexpr ConvMode kLastConvMode = ConvMode::MaxUnpool;

/// Nearest, bed of nails or max unpooling: no weights, only a scale factor.
inline bool isUpsamplingMode(ConvMode m) {
    return m == ConvMode::Nearest || m == ConvMode::BedOfNails || m == ConvMode::MaxUnpool;
}

/// Input channels the panel accepts: the notes' 56×56×64 → 1×1 convolution with 32 filters, and AlexNet's
/// POOL1 on the 96 channels CONV1 makes (a worked example that would otherwise silently drop a third of
/// them).
constexpr int kMaxConvChannels = 96;

/// Where the input values come from.
enum class ConvInputSource {
    Sequence,  ///< 1, 2, 3, ... row by row (the seed's 6x6 input holds 1..36)
    Random,    ///< integers 0..9 from a fixed seed
    Image,     ///< a crop of the loaded image's gray values (values set by the panel)
    Custom,    ///< typed by the user (values kept in `values`)
};

/// How the filter bank is filled from the chosen kernel.
enum class ConvWeightFill {
    KernelEverywhere,  ///< the chosen kernel in every (output, input) slice
    RandomIntegers,    ///< integers −2..2 from a fixed seed, so that channels differ and sums stay readable
};

/// Everything the panel's controls describe. A plain value: compared, stored in settings, sent to the worker.
struct ConvLabSetup {
    ConvMode mode = ConvMode::Single;
    ConvInputSource source = ConvInputSource::Sequence;
    int channels = 1;
    int height = 6;
    int width = 6;
    std::vector<double> values;  ///< Image/Custom: channels*height*width values; ignored otherwise
    common::Kernel kernel;       ///< default: the seed's Sobel X
    ConvWeightFill fill = ConvWeightFill::KernelEverywhere;
    int outChannels = 1;
    int groups = 1;
    double bias = 0.0;
    bool useBias = false;
    conv::Padding padding;
    conv::PaddingMode paddingMode = conv::PaddingMode::Zeros;
    conv::Pair2 stride{1, 1};
    conv::Pair2 dilation{1, 1};
    conv::Pair2 outputPadding{0, 0};
    int poolSize = 2;
    bool countIncludePad = true;
    int scale = 2;  ///< upsampling modes: the factor S on both axes
    int seed = 7;

    ConvLabSetup();
    /// The starting values of a mode: Single = the seed's 6x6 1..36 with Sobel X, no padding (first step
    /// 1·(−1) + 2·0 + 3·1 + … = 8); MultiChannel = 3x5x5, two filters, random integer weights, bias;
    /// Depthwise = 3 channels, groups 3; Pointwise = 3 channels, 1x1, two filters; Grouped = 4 channels, 4
    /// filters, groups 2; MaxPool/AvgPool = 6x6 with 2x2 stride 2; Transposed = 3x3 input, 3x3 kernel, stride
    /// 2; Dilated = 7x7, d = 2; Nearest/BedOfNails = 3x3 1..9, scale 2; MaxUnpool = 4x4 random, scale 2.
    static ConvLabSetup defaultsFor(ConvMode mode);

    bool operator==(const ConvLabSetup& other) const;
    bool operator!=(const ConvLabSetup& other) const { return !(*this == other); }
};

/// The engine's view of a setup.
struct ConvProblem {
    conv::Volume input;
    conv::FilterBank weights;
    conv::ConvSpec spec;
};

/// Builds the input, weights and spec (kernel replicated or random integers; depthwise/pointwise/grouped set
/// groups and shapes). Throws conv::ConvError with a sentence for impossible combinations (the panel shows
/// it). Cheap.
ConvProblem buildConvProblem(const ConvLabSetup& setup);

/// "Single channel", "Multi-channel", ... for the mode menu; stable identifiers "single", "multi", ... for
/// settings and tests.
QString modeTitle(ConvMode mode);
QString modeId(ConvMode mode);
ConvMode modeFromId(const QString& id, ConvMode fallback = ConvMode::Single);
/// One or two sentences explaining the mode, shown under the mode menu.
QString modeDescription(ConvMode mode);

}  // namespace convscope::gui

Q_DECLARE_METATYPE(convscope::gui::ConvLabSetup)
