#include "app/cli/commands/command_kernels.h"

#include <sstream>

#include "app/cli/output/output_check.h"
#include "app/cli/parsing/argument_parser.h"
#include "app/cli/parsing/usage_error.h"
#include "core/imaging/kernel_io.h"
#include "core/imaging/kernel_library.h"

namespace convscope::cli {

namespace {

std::string knownPresets() {
    std::string known;
    for (const imaging::PresetInfo& preset : imaging::kernelPresets()) {
        known += (known.empty() ? "" : ", ") + preset.name;
    }
    return known;
}

std::string parameterNumber(double value) {
    std::ostringstream text;
    text << value;
    return text.str();
}

void printParameters(const imaging::PresetInfo& preset, std::ostream& out) {
    if (preset.params.empty()) {
        out << "  parameters: none\n";
        return;
    }
    out << "  parameters:\n";
    for (const imaging::ParamSpec& p : preset.params) {
        const std::string unit = p.unit.empty() ? "" : " " + p.unit;
        const std::string kind = p.oddOnly ? "odd whole number" : p.integer ? "whole number" : "number";
        out << "    " << p.key << " (" << p.label << "): " << kind << " from " << parameterNumber(p.minimum)
            << " to " << parameterNumber(p.maximum) << unit << ", step " << parameterNumber(p.step)
            << ", default " << parameterNumber(p.defaultValue) << "\n";
    }
}

void printPreset(const imaging::PresetInfo& preset, bool withParams, std::ostream& out) {
    const common::Kernel kernel = imaging::makeKernel(preset.name);
    out << preset.name << ": " << preset.title << " (" << kernel.rows() << "x" << kernel.cols()
        << (preset.fromSeed ? ", from the textbook" : "") << ")\n";
    out << "  " << preset.description << "\n";
    if (!preset.params.empty()) out << "  coefficients with the default parameters:\n";
    std::istringstream rows(kernel.toText());
    for (std::string row; std::getline(rows, row);) out << "    " << row << "\n";
    if (withParams) printParameters(preset, out);
}

}  // namespace

std::string KernelsCommand::summary() const {
    return "List the kernel presets and their coefficients";
}

std::string KernelsCommand::help() const {
    return "Usage: convscope-cli kernels [--name NAME [--save FILE]] [--params]\n"
           "\n"
           "Lists the kernel presets: name, title, size, what the kernel responds to, and its coefficients\n"
           "(as a kernel file holds them) with the default parameters. The textbook's five filters come "
           "first.\n"
           "\n"
           "Options:\n"
           "  --name NAME   show only this preset\n"
           "  --params      also list each preset's adjustable parameters and their ranges\n"
           "                (set them with 'convscope-cli filter --param KEY=VALUE')\n"
           "  --save FILE   write the preset named by --name, with its default parameters, as a kernel file\n"
           "                (rows of numbers, a comment header): what the Filters panel's Load… reads\n";
}

int KernelsCommand::run(const std::vector<std::string>& args, std::ostream& out) {
    ArgumentParser parser(name());
    parser.addOption("--name");
    parser.addFlag("--params");
    parser.addOption("--save");
    parser.parse(args);
    if (!parser.positionals().empty()) {
        throw UsageError("kernels takes no arguments, got '" + parser.positionals().front() + "'");
    }
    const bool withParams = parser.has("--params");
    if (const auto wanted = parser.value("--name")) {
        const imaging::PresetInfo* preset = imaging::findPreset(*wanted);
        if (!preset) throw UsageError("unknown kernel '" + *wanted + "'; known kernels: " + knownPresets());
        if (const auto file = parser.value("--save")) {
            checkWritableFile(*file, "--save");
            const common::Kernel kernel = imaging::makeKernel(preset->name);
            imaging::writeKernelFile(*file, kernel,
                                     preset->title + ": " + preset->description +
                                         "\nconvscope-cli kernels --name " + preset->name + " --save FILE");
            out << "wrote " << preset->name << " (" << kernel.rows() << "x" << kernel.cols() << ") to "
                << *file << "\n";
            return 0;
        }
        printPreset(*preset, withParams, out);
        return 0;
    }
    if (parser.has("--save")) throw UsageError("--save needs --name NAME: which preset to write");
    bool first = true;
    for (const imaging::PresetInfo& preset : imaging::kernelPresets()) {
        if (!first) out << "\n";
        first = false;
        printPreset(preset, withParams, out);
    }
    return 0;
}

}  // namespace convscope::cli
