#include "app/cli/parsing/conv_trace_request.h"

#include <cmath>
#include <limits>
#include <optional>
#include <set>

#include "app/cli/parsing/conv_option_parsing.h"
#include "app/cli/parsing/usage_error.h"
#include "app/cli/parsing/value_parsing.h"
#include "core/conv/output_size.h"
#include "core/imaging/kernel_io.h"
#include "core/imaging/kernel_library.h"

namespace convscope::cli {

namespace {

constexpr int kMaxGeometry = 64;  // stride, dilation, padding, window, channel counts
// A trace computes its whole output at once; beyond these it would take seconds and print walls of numbers.
constexpr double kMaxMultiplications = 5e7;
constexpr double kMaxOutputValues = 1e6;

// One rule for every operation: an option that the chosen --op does not use is refused, so nobody believes it
// changed the result.
void refuseInapplicable(const ArgumentParser& parser, conv::Operation op) {
    std::set<std::string> unused;
    const std::string name = conv::toString(op);
    if (conv::isUpsampling(op)) {
        // nearest / bed-of-nails / max-unpool: the scale factor is their only geometry.
        unused = {"--kernel",           "--kernel-file", "--param",          "--out-channels",
                  "--groups",           "--bias",        "--padding",        "--padding-mode",
                  "--stride",           "--dilation",    "--output-padding", "--pool-size",
                  "--count-include-pad"};
    } else if (conv::isPooling(op)) {
        unused = {"--kernel", "--kernel-file", "--param",        "--out-channels",  "--scale",
                  "--groups", "--bias",        "--padding-mode", "--output-padding"};
        if (op == conv::Operation::MaxPool) unused.insert("--count-include-pad");
        if (op == conv::Operation::AvgPool) unused.insert("--dilation");  // avg_pool2d has none
    } else {
        unused = {"--pool-size", "--count-include-pad", "--scale"};
        if (op == conv::Operation::Convolution) unused.insert("--output-padding");
        if (op == conv::Operation::Transposed)
            unused.insert("--padding-mode");  // conv_transpose2d: zeros only
    }
    for (const std::string& option : unused) {
        if (parser.has(option)) throw UsageError(option + " does not apply to --op " + name);
    }
}

struct ChosenKernel {
    common::Kernel kernel;
    std::string label;
};

ChosenKernel chooseKernel(const ArgumentParser& parser) {
    const auto preset = parser.value("--kernel");
    const auto file = parser.value("--kernel-file");
    if (preset && file) throw UsageError("give either --kernel or --kernel-file, not both");
    if (!preset && !file) {
        throw UsageError("conv-trace needs --kernel NAME or --kernel-file FILE (or --op maxpool/avgpool)");
    }
    if (file) {
        if (parser.has("--param"))
            throw UsageError("--param adjusts a preset; it does not apply to --kernel-file");
        return {imaging::readKernelFile(*file), "kernel file " + *file};
    }
    imaging::ParamValues params;
    std::string label = *preset;
    for (const std::string& text : parser.values("--param")) {
        const auto [key, value] = parseKeyValue("--param", text);
        if (params.count(key)) throw UsageError("--param " + key + " is given twice");
        params[key] = value;
        label += (params.size() == 1 ? " (" : ", ") + text;
    }
    if (!params.empty()) label += ")";
    try {
        return {imaging::makeKernel(*preset, params), label};
    } catch (const std::invalid_argument& e) {
        throw UsageError(e.what());  // unknown name or parameter, value out of range
    }
}

TraceInput chooseInput(const ArgumentParser& parser) {
    const auto seq = parser.value("--seq");
    const auto file = parser.value("--input");
    if (seq && file) throw UsageError("give either --seq or --input, not both");
    int channels = 0;
    if (const auto text = parser.value("--channels"))
        channels = static_cast<int>(parseInteger("--channels", *text, 1, kMaxTraceChannels));
    if (file) return readTraceInput(*file, channels);
    const auto [height, width] = parseHeightWidth("--seq", seq.value_or("6x6"), kMaxTraceSide);
    const int c = channels == 0 ? 1 : channels;
    const long long last = static_cast<long long>(c) * height * width;
    return {conv::Volume::sequence(c, height, width), "the sequence 1.." + std::to_string(last) +
                                                          ", row by row" +
                                                          (c > 1 ? ", channel after channel" : "")};
}

conv::ConvSpec readSpec(const ArgumentParser& parser, conv::Operation op) {
    conv::ConvSpec spec;
    spec.op = op;
    if (const auto v = parser.value("--padding")) spec.padding = parsePadding("--padding", *v, kMaxGeometry);
    if (const auto v = parser.value("--padding-mode")) {
        try {
            spec.paddingMode = conv::parsePaddingMode(*v);
        } catch (const conv::ConvError& e) {
            throw UsageError(std::string("--padding-mode: ") + e.what());
        }
    }
    if (const auto v = parser.value("--pool-size"))
        spec.poolKernel = parsePair("--pool-size", *v, 1, kMaxGeometry);
    // PyTorch's pooling layers step by their window unless told otherwise.
    spec.stride = conv::isPooling(op) ? spec.poolKernel : conv::Pair2{1, 1};
    if (const auto v = parser.value("--stride")) spec.stride = parsePair("--stride", *v, 1, kMaxGeometry);
    if (const auto v = parser.value("--dilation"))
        spec.dilation = parsePair("--dilation", *v, 1, kMaxGeometry);
    if (const auto v = parser.value("--groups"))
        spec.groups = static_cast<int>(parseInteger("--groups", *v, 1, kMaxGeometry));
    if (const auto v = parser.value("--output-padding"))
        spec.outputPadding = parsePair("--output-padding", *v, 0, kMaxGeometry - 1);
    if (const auto v = parser.value("--count-include-pad"))
        spec.countIncludePad = parseYesNo("--count-include-pad", *v);
    if (const auto v = parser.value("--scale")) spec.scale = parsePair("--scale", *v, 1, kMaxGeometry);
    return spec;
}

std::string count(double n) {
    if (n < 1e6) return std::to_string(static_cast<long long>(n));
    return std::to_string(static_cast<long long>(std::llround(n / 1e6))) + " million";
}

// Refuses a trace whose output alone would take too long or too much memory, before anything is allocated.
void checkWorkload(const TraceRequest& request, const conv::Volume& outputShape) {
    const conv::Volume& in = request.input.volume;
    const conv::ConvSpec& spec = request.spec;
    const double outputs = double(outputShape.channels) * outputShape.height * outputShape.width;
    double perStep = 0;
    double steps = outputs;
    if (conv::isUpsampling(spec.op)) {
        perStep = double(spec.scale.y) * spec.scale.x;  // one step per S×S cell of the output
        steps = outputs / perStep;
    } else if (conv::isPooling(spec.op)) {
        perStep = double(spec.poolKernel.y) * spec.poolKernel.x;
    } else if (spec.op == conv::Operation::Convolution) {
        perStep = double(in.channels / spec.groups) * request.kernelRows * request.kernelCols;
    } else {
        steps = double(in.channels) * in.height * in.width;
        perStep = double(request.outChannels / spec.groups) * request.kernelRows * request.kernelCols;
    }
    if (outputs > kMaxOutputValues) {
        throw UsageError("the output would hold " + count(outputs) + " values, more than a trace shows (" +
                         count(kMaxOutputValues) + "); use smaller strides, dilations or channel counts");
    }
    if (steps * perStep > kMaxMultiplications) {
        throw UsageError("this trace needs " + count(steps * perStep) + " multiplications, more than the " +
                         count(kMaxMultiplications) +
                         " a trace allows; use a smaller input, kernel or fewer channels");
    }
}

}  // namespace

void addTraceOptions(ArgumentParser& parser) {
    for (const char* option :
         {"--seq", "--input", "--channels", "--kernel", "--kernel-file", "--padding", "--padding-mode",
          "--stride", "--dilation", "--op", "--out-channels", "--groups", "--bias", "--output-padding",
          "--pool-size", "--count-include-pad", "--scale", "--max-steps"}) {
        parser.addOption(option);
    }
    parser.addOption("--param", true);
    parser.addFlag("--json");
}

TraceRequest readTraceRequest(const ArgumentParser& parser) {
    if (!parser.positionals().empty()) {
        throw UsageError("conv-trace takes no file names without an option (got '" +
                         parser.positionals().front() + "'; use --input FILE)");
    }
    conv::Operation op = conv::Operation::Convolution;
    if (const auto v = parser.value("--op")) {
        try {
            op = conv::parseOperation(*v);
        } catch (const conv::ConvError& e) {
            throw UsageError(std::string("--op: ") + e.what());
        }
    }
    refuseInapplicable(parser, op);

    TraceRequest request;
    request.spec = readSpec(parser, op);
    request.json = parser.has("--json");
    if (const auto v = parser.value("--max-steps"))
        request.maxSteps =
            static_cast<int>(parseInteger("--max-steps", *v, 0, std::numeric_limits<int>::max()));
    if (const auto v = parser.value("--out-channels"))
        request.outChannels = static_cast<int>(parseInteger("--out-channels", *v, 1, kMaxTraceChannels));
    double bias = 0.0;
    const auto biasText = parser.value("--bias");
    if (biasText) bias = parseNumber("--bias", *biasText);
    std::optional<ChosenKernel> kernel;
    const bool weightless = conv::isPooling(op) || conv::isUpsampling(op);
    if (!weightless) kernel = chooseKernel(parser);  // before reading the input: a usage error wins

    request.input = chooseInput(parser);
    const int inChannels = request.input.volume.channels;
    const int groups = request.spec.groups;
    if (weightless) {
        request.outChannels = inChannels;
    } else {
        if (inChannels % groups != 0 || request.outChannels % groups != 0) {
            throw UsageError("--groups " + std::to_string(groups) + " must divide both the " +
                             std::to_string(inChannels) + " input and the " +
                             std::to_string(request.outChannels) + " output channels");
        }
        const common::Kernel& k = kernel->kernel;
        request.kernelRows = k.rows();
        request.kernelCols = k.cols();
        request.kernelLabel = kernel->label;
        // conv2d weights are C_out x C_in/groups x kH x kW; conv_transpose2d's are C_in x C_out/groups x kH x
        // kW.
        request.weights = op == conv::Operation::Transposed
                              ? conv::FilterBank::fromKernel(k.rows(), k.cols(), k.values(), inChannels,
                                                             request.outChannels / groups)
                              : conv::FilterBank::fromKernel(k.rows(), k.cols(), k.values(),
                                                             request.outChannels, inChannels / groups);
        if (biasText) request.weights.bias.assign(static_cast<std::size_t>(request.outChannels), bias);
    }
    try {
        checkWorkload(request, conv::outputShape(request.input.volume, request.weights, request.spec));
    } catch (const conv::ConvError& e) {
        throw UsageError(e.what());  // the geometry the options describe is impossible
    }
    return request;
}

}  // namespace convscope::cli
