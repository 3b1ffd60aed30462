#include "app/cli/parsing/kernel_choice.h"

#include "app/cli/parsing/value_parsing.h"
#include "core/imaging/filter_cost_model.h"
#include "core/imaging/kernel_io.h"
#include "core/imaging/kernel_library.h"
#include "core/spectral/fft_planner.h"

namespace convscope::cli {

void addKernelOptions(ArgumentParser& parser) {
    parser.addOption("--kernel");
    parser.addOption("--kernel-file");
    parser.addOption("--param", true);
}

KernelChoice chooseKernel(const ArgumentParser& parser, const std::string& command) {
    const auto preset = parser.value("--kernel");
    const auto file = parser.value("--kernel-file");
    if (preset && file) throw UsageError("give either --kernel or --kernel-file, not both");
    if (!preset && !file) throw UsageError(command + " needs --kernel NAME or --kernel-file FILE");
    if (file) {
        if (parser.has("--param"))
            throw UsageError("--param adjusts a preset; it does not apply to --kernel-file");
        return {imaging::readKernelFile(*file), "kernel file " + *file};
    }
    imaging::ParamValues params;
    for (const std::string& text : parser.values("--param")) {
        const auto [key, value] = parseKeyValue("--param", text);
        if (params.count(key)) throw UsageError("--param " + key + " is given twice");
        params[key] = value;
    }
    try {
        return {imaging::makeKernel(*preset, params), *preset};
    } catch (const std::invalid_argument& e) {
        throw UsageError(
            e.what());  // unknown name or parameter, value out of range: the command line's fault
    }
}

void prepareSpectralCache() {
    const std::string dir = spectral::FftPlanner::defaultCacheDirectory();
    if (dir.empty()) return;
    (void)spectral::FftPlanner::instance().loadWisdom(dir);
    (void)imaging::loadOrCalibrateCostModel(dir);
}

void saveSpectralCache() {
    const std::string dir = spectral::FftPlanner::defaultCacheDirectory();
    if (!dir.empty()) (void)spectral::FftPlanner::instance().saveWisdom(dir);
}

}  // namespace convscope::cli
