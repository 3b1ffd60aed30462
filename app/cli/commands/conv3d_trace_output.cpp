#include "app/cli/commands/conv3d_trace_output.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <optional>
#include <sstream>

#include "app/cli/output/json_writer.h"
#include "app/cli/parsing/argument_parser.h"
#include "app/cli/parsing/conv_input_reader.h"
#include "app/cli/parsing/usage_error.h"
#include "app/cli/parsing/value_parsing.h"
#include "core/conv/conv3d_examples.h"
#include "core/conv/conv3d_trace.h"
#include "core/conv/conv_trace.h"
#include "core/conv/output_size.h"

namespace convscope::cli {

// A named namespace, not an anonymous one: the CLI builds as a unity build, where helpers of the same name
// in other files would collide.
namespace conv3d_detail {

constexpr int kMaxGeometry = 64;
constexpr int kMaxKernelSide = 15;
// The same limits as the 2-D trace: a trace is for reading, not bulk work.
constexpr double kMaxOutputValues = 1e6;
constexpr double kMaxMultiplications = 5e7;

std::vector<std::string> split(const std::string& text, const std::string& separators) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (true) {
        const std::size_t at = text.find_first_of(separators, start);
        parts.push_back(text.substr(start, at == std::string::npos ? std::string::npos : at - start));
        if (at == std::string::npos) return parts;
        start = at + 1;
    }
}

// "N" (every axis) or "D,Y,X" (depth, rows, columns); `separators` also admits "x" for shapes.
conv::Triple parseTriple(const std::string& option, const std::string& text, int minimum, int maximum,
                         const std::string& separators = ",") {
    const std::vector<std::string> parts = split(text, separators);
    auto one = [&](const std::string& what, const std::string& part) {
        return static_cast<int>(parseInteger(option + what, part, minimum, maximum));
    };
    if (parts.size() == 1) {
        const int all = one("", parts[0]);
        return {all, all, all};
    }
    if (parts.size() != 3)
        throw UsageError(option + " expects N or D,Y,X (depth, rows, columns), got '" + text + "'");
    return {one(" (depth)", parts[0]), one(" (rows)", parts[1]), one(" (columns)", parts[2])};
}

conv::Triple parseShape(const std::string& option, const std::string& text) {
    const std::vector<std::string> parts = split(text, "xX");
    if (parts.size() != 3)
        throw UsageError(option + " expects DEPTHxHEIGHTxWIDTH such as 3x4x4, got '" + text + "'");
    return {static_cast<int>(parseInteger(option + " depth", parts[0], 1, kMaxTraceSide)),
            static_cast<int>(parseInteger(option + " height", parts[1], 1, kMaxTraceSide)),
            static_cast<int>(parseInteger(option + " width", parts[2], 1, kMaxTraceSide))};
}

struct Request {
    conv::Volume3d input;
    std::string inputSource;
    conv::FilterBank3d weights;
    std::string kernelSource;
    conv::Conv3dSpec spec;
    bool json = false;
    int maxSteps = 10000;
};

// Options of the 2-D trace that mean nothing for conv3d: refused, so nobody believes they changed the result.
const char* const kTwoDOnly[] = {"--input",        "--kernel-file",    "--param",     "--groups",
                                 "--padding-mode", "--output-padding", "--pool-size", "--count-include-pad"};

Request readRequest(const ArgumentParser& parser) {
    if (!parser.positionals().empty())
        throw UsageError("conv-trace takes no file names without an option (got '" +
                         parser.positionals().front() + "')");
    for (const char* option : kTwoDOnly) {
        if (parser.has(option)) throw UsageError(std::string(option) + " does not apply to --op conv3d");
    }
    if (parser.has("--channel-shuffle")) throw UsageError("--channel-shuffle does not apply to --op conv3d");
    Request r;
    r.json = parser.has("--json");
    if (const auto v = parser.value("--max-steps"))
        r.maxSteps = static_cast<int>(parseInteger("--max-steps", *v, 0, std::numeric_limits<int>::max()));
    if (const auto v = parser.value("--padding"))
        r.spec.padding = parseTriple("--padding", *v, 0, kMaxGeometry);
    if (const auto v = parser.value("--stride")) r.spec.stride = parseTriple("--stride", *v, 1, kMaxGeometry);
    if (const auto v = parser.value("--dilation"))
        r.spec.dilation = parseTriple("--dilation", *v, 1, kMaxGeometry);

    // Input: the sequence 1..N or the moving-square video.
    const auto seq = parser.value("--seq");
    const auto video = parser.value("--video");
    if (seq && video) throw UsageError("give either --seq or --video, not both");
    int channels = 1;
    if (const auto v = parser.value("--channels"))
        channels = static_cast<int>(parseInteger("--channels", *v, 1, kMaxTraceChannels));
    if (video) {
        if (channels != 1) throw UsageError("--video is one grey channel; it takes no --channels");
        const conv::Triple s = parseShape("--video", *video);
        r.input = conv::movingSquareVideo(s.d, s.y, s.x);
        r.inputSource = "a 2x2 square moving one column right per frame";
    } else {
        const conv::Triple s = parseShape("--seq", seq.value_or("3x4x4"));
        r.input = conv::Volume3d::sequence(channels, s.d, s.y, s.x);
        r.inputSource = "the sequence 1.." + std::to_string(r.input.size()) +
                        ", row by row, plane after plane" + (channels > 1 ? ", channel after channel" : "");
    }

    // Weights: a preset or a list, copied into every (out, in) slice unless the list fills the whole bank.
    int outChannels = 1;
    if (const auto v = parser.value("--out-channels"))
        outChannels = static_cast<int>(parseInteger("--out-channels", *v, 1, kMaxTraceChannels));
    const conv::Triple k =
        parseTriple("--kernel-size", parser.value("--kernel-size").value_or("3"), 1, kMaxKernelSide, ",xX");
    const auto preset = parser.value("--kernel");
    const auto list = parser.value("--weights");
    if (preset && list) throw UsageError("give either --kernel or --weights, not both");
    const std::size_t slice = static_cast<std::size_t>(k.d) * k.y * k.x;
    if (list) {
        std::vector<double> values;
        for (const std::string& part : split(*list, ",")) values.push_back(parseNumber("--weights", part));
        const std::size_t all = slice * static_cast<std::size_t>(outChannels) * r.input.channels;
        if (values.size() == slice) {
            r.weights = conv::FilterBank3d::fromKernel(k.d, k.y, k.x, values, outChannels, r.input.channels);
        } else if (values.size() == all) {
            r.weights = conv::FilterBank3d(outChannels, r.input.channels, k.d, k.y, k.x);
            r.weights.weights = values;
        } else {
            throw UsageError("--weights has " + std::to_string(values.size()) + " values; a " +
                             std::to_string(k.d) + "x" + std::to_string(k.y) + "x" + std::to_string(k.x) +
                             " kernel needs " + std::to_string(slice) + " (copied into every slice) or " +
                             std::to_string(all) + " (C_out x C_in x kD x kH x kW)");
        }
        r.kernelSource = "weights from --weights";
    } else {
        const std::string name = preset.value_or("ones");
        try {
            r.weights = conv::FilterBank3d::fromKernel(k.d, k.y, k.x, conv::conv3dKernel(name, k.d, k.y, k.x),
                                                       outChannels, r.input.channels);
        } catch (const conv::ConvError& e) {
            throw UsageError(std::string("--kernel: ") + e.what());
        }
        r.kernelSource = name;
    }
    if (const auto v = parser.value("--bias"))
        r.weights.bias.assign(static_cast<std::size_t>(outChannels), parseNumber("--bias", *v));

    conv::Volume3d shape;
    try {
        shape = conv::Conv3dTrace::outputShape(r.input, r.weights, r.spec);
    } catch (const conv::ConvError& e) {
        throw UsageError(e.what());
    }
    const double outputs = double(shape.channels) * shape.depth * shape.height * shape.width;
    if (outputs > kMaxOutputValues)
        throw UsageError("the output would hold " + std::to_string(static_cast<long long>(outputs)) +
                         " values, more than a trace shows (1000000); use smaller strides or channel counts");
    if (outputs * double(slice) * r.input.channels > kMaxMultiplications)
        throw UsageError(
            "this trace needs more than 50 million multiplications; use a smaller input, kernel "
            "or fewer channels");
    return r;
}

std::string tripleText(const conv::Triple& t) {
    if (t.d == t.y && t.y == t.x) return std::to_string(t.d);
    return std::to_string(t.d) + "," + std::to_string(t.y) + "," + std::to_string(t.x);
}

conv::SizeResult axis(const conv::Conv3dTrace& trace, int which) {
    const conv::Volume3d& in = trace.input();
    const conv::FilterBank3d& w = trace.weights();
    const conv::Conv3dSpec& s = trace.spec();
    if (which == 0)
        return conv::convOutputSize(in.depth, w.kernelDepth, s.stride.d, s.padding.d, s.padding.d,
                                    s.dilation.d, "depth");
    if (which == 1)
        return conv::convOutputSize(in.height, w.kernelHeight, s.stride.y, s.padding.y, s.padding.y,
                                    s.dilation.y, "height");
    return conv::convOutputSize(in.width, w.kernelWidth, s.stride.x, s.padding.x, s.padding.x, s.dilation.x,
                                "width");
}

void writeJsonVolume(JsonWriter& json, const conv::Volume3d& v) {
    json.beginArray();
    for (int c = 0; c < v.channels; ++c) {
        json.beginArray();
        for (int z = 0; z < v.depth; ++z) {
            json.beginArray();
            for (int y = 0; y < v.height; ++y) {
                json.beginArray();
                for (int x = 0; x < v.width; ++x) json.value(v.at(c, z, y, x));
                json.endArray();
            }
            json.endArray();
        }
        json.endArray();
    }
    json.endArray();
}

void writeJson(const conv::Conv3dTrace& trace, const Request& r, std::ostream& out) {
    const conv::FilterBank3d& w = trace.weights();
    const conv::Conv3dSpec& s = trace.spec();
    JsonWriter json(out);
    json.beginObject();
    json.key("op").value("conv3d");
    const conv::Volume3d& in = trace.input();
    json.key("input_shape").integers({in.channels, in.depth, in.height, in.width});
    json.key("input_source").value(r.inputSource);
    json.key("input");
    writeJsonVolume(json, in);
    json.key("weight_shape")
        .integers({w.outChannels, w.inChannels, w.kernelDepth, w.kernelHeight, w.kernelWidth});
    json.key("kernel_source").value(r.kernelSource);
    json.key("weights").numbers(w.weights);
    json.key("bias");
    if (w.hasBias()) {
        json.numbers(w.bias);
    } else {
        json.null();
    }
    json.key("padding").integers({s.padding.d, s.padding.y, s.padding.x});
    json.key("stride").integers({s.stride.d, s.stride.y, s.stride.x});
    json.key("dilation").integers({s.dilation.d, s.dilation.y, s.dilation.x});
    const conv::Volume3d& o = trace.output();
    json.key("output_shape").integers({o.channels, o.depth, o.height, o.width});
    json.key("output");
    writeJsonVolume(json, o);
    json.key("arithmetic").beginObject();
    json.key("depth").value(axis(trace, 0).arithmetic);
    json.key("height").value(axis(trace, 1).arithmetic);
    json.key("width").value(axis(trace, 2).arithmetic);
    json.endObject();
    const int total = trace.stepCount();
    const int shown = std::min(total, r.maxSteps);
    json.key("step_count").value(total);
    json.key("steps_truncated").value(shown < total);
    json.key("steps").beginArray();
    for (int i = 0; i < shown; ++i) {
        const conv::Conv3dStep step = trace.step(i);
        json.beginObject();
        json.key("index").value(i + 1);
        json.key("output_index").integers({step.channel, step.z, step.y, step.x});
        json.key("positions").beginArray();
        for (const conv::Tap3d& t : step.taps) {
            json.beginObject();
            json.key("channel").value(t.channel).key("z").value(t.z).key("y").value(t.y).key("x").value(t.x);
            json.key("padded").value(t.padded);
            json.key("kernel_index").integers({t.channel, t.kernelZ, t.kernelY, t.kernelX});
            json.key("value").value(t.value).key("weight").value(t.weight).key("product").value(t.product);
            json.endObject();
        }
        json.endArray();
        json.key("products").beginArray();
        for (const conv::Tap3d& t : step.taps) json.value(t.product);
        json.endArray();
        json.key("sum").value(step.sum).key("bias").value(step.bias).key("result").value(step.result);
        json.key("arithmetic").value(trace.arithmetic(step, static_cast<int>(step.taps.size())));
        json.endObject();
    }
    json.endArray();
    json.endObject();
    out << "\n";
}

// Columns a number takes in a terminal: formatNumber's minus (U+2212) is three bytes but one column.
std::size_t columns(const std::string& text) {
    return static_cast<std::size_t>(std::count_if(
        text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

void writeTextVolume(std::ostream& out, const conv::Volume3d& v) {
    std::size_t width = 1;
    for (double value : v.values) width = std::max(width, columns(conv::formatNumber(value)));
    for (int c = 0; c < v.channels; ++c) {
        for (int z = 0; z < v.depth; ++z) {
            out << "  " << (v.channels > 1 ? "channel " + std::to_string(c) + ", " : "") << "d=" << z
                << ":\n";
            for (int y = 0; y < v.height; ++y) {
                std::string line = "  ";
                for (int x = 0; x < v.width; ++x) {
                    const std::string text = conv::formatNumber(v.at(c, z, y, x));
                    line += std::string(width + 1 - columns(text), ' ') + text;
                }
                out << line << "\n";
            }
        }
    }
}

void writeText(const conv::Conv3dTrace& trace, const Request& r, std::ostream& out) {
    const conv::FilterBank3d& w = trace.weights();
    const conv::Conv3dSpec& s = trace.spec();
    out << "conv3d on " << trace.input().shapeText() << " (C x D x H x W: " << r.inputSource << ")\n";
    out << "weights " << w.outChannels << "x" << w.inChannels << "x" << w.kernelDepth << "x" << w.kernelHeight
        << "x" << w.kernelWidth << " (" << r.kernelSource << ")"
        << (w.hasBias() ? ", bias " + conv::formatNumber(w.bias.front()) : std::string()) << "; stride "
        << tripleText(s.stride) << ", padding " << tripleText(s.padding) << ", dilation "
        << tripleText(s.dilation) << " (depth, rows, columns)\n\ninput:\n";
    writeTextVolume(out, trace.input());
    out << "\nkernel (out 0, in 0):\n";
    conv::Volume3d kernel(
        1, w.kernelDepth, w.kernelHeight, w.kernelWidth,
        std::vector<double>(
            w.weights.begin(),
            w.weights.begin() + static_cast<std::ptrdiff_t>(w.kernelDepth * w.kernelHeight * w.kernelWidth)));
    writeTextVolume(out, kernel);
    out << "\noutput size:\n";
    for (int a = 0; a < 3; ++a)
        out << "  " << (a == 0 ? "D" : a == 1 ? "H" : "W") << ": " << axis(trace, a).arithmetic << "\n";
    out << "\n";
    const int shown = std::min(trace.stepCount(), r.maxSteps);
    for (int i = 0; i < shown; ++i) {
        const conv::Conv3dStep step = trace.step(i);
        out << "step " << i + 1 << ": out[" << step.channel << "," << step.z << "," << step.y << "," << step.x
            << "] = " << trace.arithmetic(step, static_cast<int>(step.taps.size())) << "\n";
    }
    if (shown < trace.stepCount())
        out << "... " << trace.stepCount() - shown << " more steps (--max-steps)\n";
    out << "\noutput " << trace.output().shapeText() << ":\n";
    writeTextVolume(out, trace.output());
}

}  // namespace conv3d_detail

using namespace conv3d_detail;

bool requestsConv3d(const std::vector<std::string>& args) {
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--") return false;
        if (args[i] == "--op=conv3d") return true;
        if (args[i] == "--op" && i + 1 < args.size() && args[i + 1] == "conv3d") return true;
    }
    return false;
}

int runConv3dTrace(const std::vector<std::string>& args, std::ostream& out) {
    ArgumentParser parser("conv-trace");
    for (const char* option :
         {"--op", "--seq", "--video", "--channels", "--kernel", "--kernel-size", "--weights",
          "--out-channels", "--bias", "--padding", "--stride", "--dilation", "--max-steps"})
        parser.addOption(option);
    for (const char* option : kTwoDOnly) parser.addOption(option, true);
    parser.addFlag("--json");
    parser.addFlag("--channel-shuffle");
    parser.parse(args);
    const Request request = readRequest(parser);
    std::optional<conv::Conv3dTrace> trace;
    try {
        trace.emplace(request.input, request.weights, request.spec);
    } catch (const conv::ConvError& e) {
        throw UsageError(e.what());
    }
    if (request.json) {
        writeJson(*trace, request, out);
    } else {
        writeText(*trace, request, out);
    }
    return 0;
}

std::string conv3dHelp() {
    return "\n"
           "3-D convolution (conv3d): convscope-cli conv-trace --op conv3d [--seq DxHxW | --video DxHxW]\n"
           "                                [--kernel NAME | --weights LIST] [options] [--json]\n"
           "The kernel moves along depth (planes, or the frames of a video) as well as rows and columns;\n"
           "PyTorch's conv3d with groups 1 and zero padding. D,Y,X means depth, rows, columns; one number\n"
           "sets all three.\n"
           "  --seq DxHxW           the values 1, 2, 3, ... row by row, plane after plane (default 3x4x4)\n"
           "  --video DxHxW         D frames of a 2x2 square of 1s moving one column right per frame\n"
           "  --channels C          channels of --seq (default 1)\n"
           "  --kernel-size K       K, KD,KH,KW or KDxKHxKW (default 3)\n"
           "  --kernel NAME         ones (default), frame-difference (-1 on the first plane, +1 on the\n"
           "                        last: responds to motion) or mean\n"
           "  --weights LIST        comma-separated weights: kD*kH*kW values copied into every slice, or\n"
           "                        C_out*C_in*kD*kH*kW values for the whole bank\n"
           "  --out-channels N      output channels (default 1)\n"
           "  --bias B              the same bias on every output channel (default none)\n"
           "  --padding P           P or PD,PH,PW zeros on both sides of each axis (default 0)\n"
           "  --stride S            S or SD,SY,SX (default 1)\n"
           "  --dilation D          D or DD,DY,DX (default 1)\n"
           "  --max-steps N, --json as above. --input, --kernel-file, --param, --groups, --channel-shuffle,\n"
           "                        --padding-mode, --output-padding, --pool-size and --count-include-pad\n"
           "                        do not apply.\n"
           "  JSON: op \"conv3d\", input_shape [C,D,H,W], input [C][D][H][W], weight_shape\n"
           "  [C_out,C_in,kD,kH,kW], kernel_source, weights (flat), bias, padding, stride and dilation\n"
           "  [d,y,x], output_shape [C,D,H,W], output [C][D][H][W], arithmetic {depth,height,width},\n"
           "  step_count, steps_truncated, steps: index (from 1), output_index [c,z,y,x], positions\n"
           "  (channel, z, y, x, padded, kernel_index [c,kz,ky,kx], value, weight, product), products,\n"
           "  sum, bias, result, arithmetic.\n";
}

}  // namespace convscope::cli
