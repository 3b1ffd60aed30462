#pragma once

#include <string>

#include "app/cli/parsing/argument_parser.h"
#include "app/cli/parsing/usage_error.h"
#include "core/common/kernel.h"

namespace convscope::cli {

/// The kernel a command was given: --kernel NAME [--param KEY=VALUE ...] or --kernel-file FILE.
struct KernelChoice {
    common::Kernel kernel;
    std::string label;  ///< "sobel-x" or "kernel file k.txt"
};

/// Registers --kernel, --kernel-file and --param on `parser`.
void addKernelOptions(ArgumentParser& parser);
/// Reads them; throws UsageError for a missing or doubled choice, an unknown preset or parameter, and the
/// kernel file's own errors (std::runtime_error) for an unreadable, empty or non-numeric file.
KernelChoice chooseKernel(const ArgumentParser& parser, const std::string& command);

/// The value of `option` through `parse` (e.g. imaging::parseBorderMode), or `fallback` when absent; a parse
/// failure becomes a UsageError naming the option.
template <typename Parse>
auto parseChoice(const ArgumentParser& parser, const std::string& option, Parse parse,
                 decltype(parse("")) fallback) {
    const auto text = parser.value(option);
    if (!text) return fallback;
    try {
        return parse(*text);
    } catch (const std::invalid_argument& e) {
        throw UsageError(option + ": " + e.what());
    }
}

/// Loads FFTW's wisdom and the filter cost model from the user's cache directory (calibrating once, on first
/// use) so that FFT plans and the direct-or-FFT choice are the application's. Problems are not fatal: the
/// defaults are used and nothing is reported.
void prepareSpectralCache();
/// Saves the wisdom gathered by this run to the cache directory (quietly; a read-only cache is not an error).
void saveSpectralCache();

}  // namespace convscope::cli
