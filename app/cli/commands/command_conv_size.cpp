#include "app/cli/commands/command_conv_size.h"

#include "app/cli/output/json_writer.h"
#include "app/cli/parsing/argument_parser.h"
#include "app/cli/parsing/conv_option_parsing.h"
#include "app/cli/parsing/usage_error.h"
#include "app/cli/parsing/value_parsing.h"
#include "core/conv/output_size.h"

namespace convscope::cli {

namespace {

// Bounds that keep every intermediate of both formulas inside an int: (n − 1)·s + d·(k − 1) + q + 1 stays
// below 2^31 − 1 with n, k up to 10^5 and s, d up to 10^4.
constexpr int kMaxSide = 100000;
constexpr int kMaxStep = 10000;

int readInteger(const ArgumentParser& parser, const std::string& option, int fallback, int minimum,
                int maximum) {
    const auto text = parser.value(option);
    return text ? static_cast<int>(parseInteger(option, *text, minimum, maximum)) : fallback;
}

}  // namespace

std::string ConvSizeCommand::summary() const {
    return "Work out a convolution's output size, with the formula";
}

std::string ConvSizeCommand::help() const {
    return "Usage: convscope-cli conv-size --input N --kernel K [--stride S] [--padding P] [--dilation D]\n"
           "                               [--transposed [--output-padding Q]] [--json]\n"
           "\n"
           "Prints the output size along one axis and the formula with the numbers substituted:\n"
           "  conv2d and pooling:  floor((n + p_before + p_after − d·(k − 1) − 1) / s) + 1\n"
           "  conv_transpose2d:    (n − 1)·s − (p_before + p_after) + d·(k − 1) + output_padding + 1\n"
           "Example: --input 227 --kernel 11 --stride 4 gives 55 (AlexNet's first layer).\n"
           "\n"
           "Options:\n"
           "  --input N            input size, 1 to 100000\n"
           "  --kernel K           kernel (or pooling window) size, 1 to 100000\n"
           "  --stride S           1 to 10000 (default 1)\n"
           "  --padding P          P on both sides or BEFORE,AFTER, 0 to 100000 (default 0)\n"
           "  --dilation D         1 to 10000 (default 1)\n"
           "  --transposed         use conv_transpose2d's formula\n"
           "  --output-padding Q   transposed only; must be below the stride or the dilation (default 0)\n"
           "  --json               one JSON object: operation, input, kernel, stride, padding "
           "[before,after],\n"
           "                       dilation, output_padding (transposed), output and arithmetic\n"
           "\n"
           "Exit status 2 for a mistake in the command line, including a size that cannot work (a dilated\n"
           "kernel larger than the padded input).\n";
}

int ConvSizeCommand::run(const std::vector<std::string>& args, std::ostream& out) {
    ArgumentParser parser(name());
    for (const char* option :
         {"--input", "--kernel", "--stride", "--padding", "--dilation", "--output-padding"})
        parser.addOption(option);
    parser.addFlag("--transposed");
    parser.addFlag("--json");
    parser.parse(args);
    if (!parser.positionals().empty())
        throw UsageError("conv-size takes only options, got '" + parser.positionals().front() + "'");
    if (!parser.has("--input")) throw UsageError("conv-size needs --input N (the input size)");
    if (!parser.has("--kernel")) throw UsageError("conv-size needs --kernel K (the kernel size)");
    const bool transposed = parser.has("--transposed");
    if (!transposed && parser.has("--output-padding"))
        throw UsageError("--output-padding applies only with --transposed");

    const int n = readInteger(parser, "--input", 0, 1, kMaxSide);
    const int k = readInteger(parser, "--kernel", 0, 1, kMaxSide);
    const int stride = readInteger(parser, "--stride", 1, 1, kMaxStep);
    const int dilation = readInteger(parser, "--dilation", 1, 1, kMaxStep);
    const int outputPadding = readInteger(parser, "--output-padding", 0, 0, kMaxStep);
    const auto [before, after] = parser.has("--padding")
                                     ? parseSidePadding("--padding", *parser.value("--padding"), kMaxSide)
                                     : std::pair<int, int>{0, 0};

    conv::SizeResult result;
    try {
        result = transposed ? conv::transposedOutputSize(n, k, stride, before, after, dilation, outputPadding)
                            : conv::convOutputSize(n, k, stride, before, after, dilation);
    } catch (const conv::ConvError& e) {
        throw UsageError(e.what());  // every number came from the command line
    }

    if (!parser.has("--json")) {
        out << (transposed ? "transposed convolution" : "convolution / pooling")
            << " output size: " << result.size << "\n"
            << result.arithmetic << "\n";
        return 0;
    }
    JsonWriter json(out);
    json.beginObject();
    json.key("operation").value(transposed ? "transposed" : "conv");
    json.key("input").value(n).key("kernel").value(k).key("stride").value(stride);
    json.key("padding").integers({before, after});
    json.key("dilation").value(dilation);
    if (transposed) json.key("output_padding").value(outputPadding);
    json.key("output").value(result.size);
    json.key("arithmetic").value(result.arithmetic);
    json.endObject();
    out << "\n";
    return 0;
}

}  // namespace convscope::cli
