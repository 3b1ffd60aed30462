#include "app/cli/commands/command_filter.h"

#include <iomanip>
#include <sstream>

#include <opencv2/core.hpp>

#include "app/cli/output/output_path.h"
#include "app/cli/output/stderr_silencer.h"
#include "app/cli/parsing/argument_parser.h"
#include "app/cli/parsing/kernel_choice.h"
#include "app/cli/parsing/usage_error.h"
#include "core/imaging/filter_cost_model.h"
#include "core/imaging/filter_engine.h"
#include "core/imaging/image_loader.h"

namespace convscope::cli {

namespace {

std::string valueText(double value) {
    std::ostringstream text;
    text << std::setprecision(7) << value;
    return text.str();
}

std::string describe(const cv::Mat& image) {
    return std::to_string(image.cols) + " x " + std::to_string(image.rows) + ", " +
           std::to_string(image.channels()) + (image.channels() == 1 ? " channel" : " channels");
}

}  // namespace

FilterCommand::FilterCommand(imaging::FilterMethod forced) : m_forced(forced) {}

std::string FilterCommand::name() const {
    return m_forced == imaging::FilterMethod::Fft ? "fftconv" : "filter";
}

std::string FilterCommand::summary() const {
    return m_forced == imaging::FilterMethod::Fft ? "Filter an image through the FFT (same options as filter)"
                                                  : "Filter an image with a preset or a kernel file";
}

std::string FilterCommand::help() const {
    if (m_forced == imaging::FilterMethod::Fft) {
        return "Usage: convscope-cli fftconv (--kernel NAME | --kernel-file FILE) [options] INPUT OUTPUT\n"
               "\n"
               "The same as 'convscope-cli filter --method fft': the image is padded by the border rule and\n"
               "filtered through FFTW in overlap-save tiles (linear, not circular, convolution). The result\n"
               "equals 'filter' to float rounding. Options as for filter, without --method.\n";
    }
    return "Usage: convscope-cli filter (--kernel NAME | --kernel-file FILE) [options] INPUT OUTPUT\n"
           "\n"
           "Filters INPUT (PNG, JPEG, BMP, TIFF, WebP or PNM) and writes OUTPUT. A .tif/.tiff OUTPUT holds "
           "the\n"
           "exact 32-bit float results in input units (0..255 scale); any other format holds the 8-bit "
           "picture\n"
           "the Filters panel shows. Prints the input, the kernel and the result's size and value range.\n"
           "\n"
           "Options:\n"
           "  --kernel NAME        a preset (list them with 'convscope-cli kernels')\n"
           "  --kernel-file FILE   rows of numbers; blank lines and lines starting with # are ignored\n"
           "  --param KEY=VALUE    set a preset parameter (repeatable; see 'convscope-cli kernels "
           "--params')\n"
           "  --mode MODE          correlate (default, what CNN layers compute) or convolve (kernel "
           "flipped)\n"
           "  --border BORDER      zero, reflect101 (default), replicate or wrap\n"
           "  --gray               convert a colour image to luminance (BT.601) before filtering\n"
           "  --display DISPLAY    8-bit outputs: clip, abs, offset (128 + v/2) or diverging (needs one\n"
           "                       channel); default clip for kernels without negative coefficients, else "
           "abs\n"
           "  --stretch            8-bit outputs: scale by the result's true range instead of 0..255\n"
           "  --method METHOD      auto (default: the faster, by a cost model calibrated on this machine),\n"
           "                       direct (summation) or fft (FFTW, overlap-save); the same values to float\n"
           "                       rounding\n";
}

int FilterCommand::run(const std::vector<std::string>& args, std::ostream& out) {
    ArgumentParser parser(name());
    addKernelOptions(parser);
    for (const char* option : {"--mode", "--border", "--display"}) parser.addOption(option);
    if (m_forced == imaging::FilterMethod::Automatic) parser.addOption("--method");
    parser.addFlag("--gray");
    parser.addFlag("--stretch");
    parser.parse(args);
    const std::vector<std::string>& files = parser.positionals();
    if (files.size() != 2) {
        throw UsageError(name() + " needs INPUT and OUTPUT, got " + std::to_string(files.size()) +
                         (files.size() == 1 ? " file name" : " file names"));
    }
    const std::string& input = files[0];
    const std::string& output = files[1];

    imaging::FilterOptions options;
    options.mode = parseChoice(parser, "--mode", imaging::parseCorrelationMode, options.mode);
    options.border = parseChoice(parser, "--border", imaging::parseBorderMode, options.border);
    options.grayscale = parser.has("--gray");
    options.method = m_forced == imaging::FilterMethod::Automatic
                         ? parseChoice(parser, "--method", imaging::parseFilterMethod, options.method)
                         : m_forced;
    checkOutputExtension(output, "OUTPUT");
    const bool floatOutput = isTiffPath(output);
    if (floatOutput && (parser.has("--display") || parser.has("--stretch"))) {
        throw UsageError(
            "--display and --stretch shape 8-bit pictures; a .tif OUTPUT holds the float values");
    }
    const KernelChoice choice = chooseKernel(parser, name());
    imaging::DisplayOptions display;
    display.mode =
        choice.kernel.minValue() >= 0.0 ? imaging::SignedDisplay::Clip : imaging::SignedDisplay::Absolute;
    display.mode = parseChoice(parser, "--display", imaging::parseSignedDisplay, display.mode);
    display.stretch = parser.has("--stretch");

    checkOutputFolder(output);
    imaging::LoadedImage image;
    {
        const StderrSilencer quiet;
        image = imaging::loadImage(input);
    }
    const bool singleChannel = options.grayscale || image.pixels.channels() == 1;
    if (!floatOutput && display.mode == imaging::SignedDisplay::Diverging && !singleChannel) {
        throw UsageError("--display diverging colours one channel; add --gray for a colour image");
    }

    if (options.method != imaging::FilterMethod::Direct) prepareSpectralCache();
    const imaging::FilterMethod method = imaging::resolveFilterMethod(image.pixels, choice.kernel, options);
    options.method = method;
    cv::Mat result;
    imaging::ValueRange range;
    if (floatOutput) {
        result = imaging::filterImage(image.pixels, choice.kernel, options);
        cv::minMaxLoc(result.reshape(1), &range.min, &range.max);
    } else {
        imaging::FilterOutput filtered =
            imaging::filterForDisplay(image.pixels, choice.kernel, options, display);
        range = filtered.range;
        result = filtered.values;
        cv::Mat picture = filtered.display;
        const StderrSilencer quiet;
        imaging::saveImage(output, picture);
    }
    if (floatOutput) {
        const StderrSilencer quiet;
        imaging::saveImage(output, result);
    }

    out << "input:  " << input << " (" << image.format << ", " << describe(image.pixels) << ")\n";
    out << "kernel: " << choice.label << ", " << choice.kernel.rows() << "x" << choice.kernel.cols() << ", "
        << imaging::toString(options.mode) << ", border " << imaging::toString(options.border)
        << (options.grayscale ? ", gray" : "") << ", by "
        << (method == imaging::FilterMethod::Fft ? "FFT" : "direct summation") << "\n";
    out << "result: " << describe(result) << ", min " << valueText(range.min) << ", max "
        << valueText(range.max) << "\n";
    out << "output: " << output << " ("
        << (floatOutput ? std::string("32-bit float values")
                        : "8-bit picture, display " + imaging::toString(display.mode) +
                              (display.stretch ? ", stretched" : ""))
        << ")\n";
    if (method == imaging::FilterMethod::Fft) saveSpectralCache();
    return 0;
}

}  // namespace convscope::cli
