#include "app/cli/cli_application.h"

#include <algorithm>

#include "app/cli/parsing/usage_error.h"
#ifdef CONVSCOPE_CLI_IMAGING
#include "app/cli/commands/command_conv_size.h"
#include "app/cli/commands/command_conv_trace.h"
#include "app/cli/commands/command_filter.h"
#include "app/cli/commands/command_freqresp.h"
#include "app/cli/commands/command_kernels.h"
#include "app/cli/commands/command_pattern.h"
#include "app/cli/commands/command_spectrum.h"
#include "core/imaging/library_info.h"
#endif
#ifdef CONVSCOPE_CLI_NN
#include "app/cli/commands/command_costs.h"
#include "app/cli/commands/command_degradation.h"
#include "app/cli/commands/command_describe.h"
#include "app/cli/commands/command_embed.h"
#include "app/cli/commands/command_evaluate.h"
#include "app/cli/commands/command_gradients.h"
#include "app/cli/commands/command_lr_find.h"
#include "app/cli/commands/command_train.h"
#include "app/cli/commands/command_transfer.h"
#include "app/cli/commands/command_zoo.h"
#include "core/nn/train/library_info.h"
#endif
#if defined(CONVSCOPE_CLI_NN) && defined(CONVSCOPE_CLI_IMAGING)
#include "app/cli/commands/command_dataset_image.h"
#include "app/cli/commands/command_explain.h"
#include "app/cli/commands/command_features.h"
#include "app/cli/commands/command_shift.h"
#endif

#ifndef CONVSCOPE_VERSION
#define CONVSCOPE_VERSION "unknown"
#endif

namespace convscope::cli {

namespace {

bool asksForHelp(const std::vector<std::string>& args) {
    for (const std::string& arg : args) {
        if (arg == "--") return false;
        if (arg == "--help" || arg == "-h") return true;
    }
    return false;
}

}  // namespace

CliApplication::CliApplication() {
#ifdef CONVSCOPE_CLI_IMAGING
    m_commands.push_back(std::make_unique<KernelsCommand>());
    m_commands.push_back(std::make_unique<FilterCommand>());
    m_commands.push_back(std::make_unique<PatternCommand>());
    m_commands.push_back(std::make_unique<ConvTraceCommand>());
    m_commands.push_back(std::make_unique<ConvSizeCommand>());
    m_commands.push_back(std::make_unique<FreqrespCommand>());
    m_commands.push_back(std::make_unique<FilterCommand>(imaging::FilterMethod::Fft));
    m_commands.push_back(std::make_unique<SpectrumCommand>());
#endif
#ifdef CONVSCOPE_CLI_NN
    m_commands.push_back(std::make_unique<TrainCommand>());
    m_commands.push_back(std::make_unique<TransferCommand>());
    m_commands.push_back(std::make_unique<DegradationCommand>());
    m_commands.push_back(std::make_unique<LrFindCommand>());
    m_commands.push_back(std::make_unique<EvaluateCommand>());
    m_commands.push_back(std::make_unique<GradientsCommand>());
    m_commands.push_back(std::make_unique<EmbedCommand>());
    m_commands.push_back(std::make_unique<DescribeCommand>());
    m_commands.push_back(std::make_unique<ZooCommand>());
    m_commands.push_back(std::make_unique<CostsCommand>());
#endif
#if defined(CONVSCOPE_CLI_NN) && defined(CONVSCOPE_CLI_IMAGING)
    m_commands.push_back(std::make_unique<FeaturesCommand>());
    m_commands.push_back(std::make_unique<DatasetImageCommand>());
    m_commands.push_back(std::make_unique<ExplainCommand>());
    m_commands.push_back(std::make_unique<ShiftCommand>());
#endif
}

std::string CliApplication::help() const {
    std::string text =
        "Usage: convscope-cli COMMAND [options]\n"
        "\n"
        "ConvScope's engine from the command line: kernels, filtering, test patterns, convolution "
        "traces, the frequency domain, and training and inspecting CNNs.\n"
        "\n"
        "Commands:\n";
    std::size_t nameWidth = 0;
    for (const auto& command : m_commands) nameWidth = std::max(nameWidth, command->name().size());
    for (const auto& command : m_commands) {
        text += "  " + command->name() + std::string(nameWidth + 2 - command->name().size(), ' ') +
                command->summary() + "\n";
    }
    text +=
        "\n"
        "Options:\n"
        "  -h, --help   show this help; 'convscope-cli COMMAND --help' explains one command\n"
        "  --version    show the version\n"
        "\n"
        "Exit status: 0 on success, 1 when the work fails, 2 for a mistake in the command line.\n";
    return text;
}

std::string CliApplication::version() {
    std::string libraries;
#ifdef CONVSCOPE_CLI_IMAGING
    libraries += "OpenCV " + imaging::opencvVersion();
#endif
#ifdef CONVSCOPE_CLI_NN
    libraries += std::string(libraries.empty() ? "" : ", ") + "LibTorch " + nn::torchVersion();
#endif
    return std::string("convscope-cli ") + CONVSCOPE_VERSION + " (" + libraries + ")";
}

int CliApplication::run(const std::vector<std::string>& args, std::ostream& out) {
    if (args.empty()) throw UsageError("no command given (try convscope-cli --help)");
    const std::string& first = args.front();
    if (first == "--help" || first == "-h") {
        out << help();
        return 0;
    }
    if (first == "--version") {
        out << version() << "\n";
        return 0;
    }
    const auto command =
        std::find_if(m_commands.begin(), m_commands.end(), [&](const auto& c) { return c->name() == first; });
    if (command == m_commands.end()) {
        std::string known;
        for (const auto& c : m_commands) known += (known.empty() ? "" : ", ") + c->name();
        if (!first.empty() && first[0] == '-')
            throw UsageError("unknown option " + first + " (try convscope-cli --help)");
        throw UsageError("unknown command '" + first + "'; commands: " + known);
    }
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    if (asksForHelp(rest)) {
        out << (*command)->help();
        return 0;
    }
    return (*command)->run(rest, out);
}

}  // namespace convscope::cli
