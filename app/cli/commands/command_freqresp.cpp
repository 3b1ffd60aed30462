#include "app/cli/commands/command_freqresp.h"

#include <iomanip>
#include <opencv2/core.hpp>

#include "app/cli/output/output_path.h"
#include "app/cli/output/stderr_silencer.h"
#include "app/cli/parsing/kernel_choice.h"
#include "app/cli/parsing/value_parsing.h"
#include "core/imaging/image_loader.h"
#include "core/spectral/frequency_response.h"
#include "core/spectral/response_analysis.h"

namespace convscope::cli {

namespace {

spectral::KernelOrigin parseOrigin(const std::string& text) {
    if (text == "anchor") return spectral::KernelOrigin::Anchor;
    if (text == "corner") return spectral::KernelOrigin::Corner;
    throw std::invalid_argument("unknown origin '" + text + "' (choose anchor or corner)");
}

spectral::ResponseOf parseOf(const std::string& text) {
    if (text == "convolution") return spectral::ResponseOf::Convolution;
    if (text == "correlation") return spectral::ResponseOf::Correlation;
    throw std::invalid_argument("unknown operation '" + text + "' (choose convolution or correlation)");
}

void writeFloatTiff(const std::string& path, const std::vector<double>& values, int size) {
    cv::Mat image(size, size, CV_32F);
    for (int r = 0; r < size; ++r)
        for (int c = 0; c < size; ++c) image.at<float>(r, c) = float(values[std::size_t(r) * size + c]);
    const StderrSilencer quiet;
    imaging::saveImage(path, image);
}

}  // namespace

std::string FreqrespCommand::summary() const {
    return "Frequency response of a kernel (magnitude and phase as float TIFF)";
}

std::string FreqrespCommand::help() const {
    return "Usage: convscope-cli freqresp (--kernel NAME | --kernel-file FILE) [options] MAG.tiff "
           "[PHASE.tiff]\n"
           "\n"
           "Zero-pads the kernel to N x N, takes its 2-D DFT and writes the centred magnitude (and the phase "
           "in\n"
           "radians, -pi..pi) as 32-bit float TIFF: row r, column c hold f_y = (r - N/2)/N, f_x = (c - "
           "N/2)/N\n"
           "cycles per pixel (N/2 rounded down), so the centre is DC and the edges +-0.5. Prints the DC "
           "gain,\n"
           "the peak and what the response does (low-pass, high-pass, band-pass, directional...).\n"
           "\n"
           "Options:\n"
           "  --kernel NAME        a preset (see 'convscope-cli kernels'); --param KEY=VALUE adjusts it\n"
           "  --kernel-file FILE   rows of numbers\n"
           "  --size N             transform size, 16 to 1024 (default 256)\n"
           "  --scale SCALE        magnitude as linear (default), log (ln(1 + |H|), the seed's plot) or db\n"
           "                       (20 log10 |H|, floored at -120)\n"
           "  --origin ORIGIN      anchor (default: the kernel's centre at the origin, so the phase shows "
           "its\n"
           "                       symmetry) or corner (element (0,0) at the origin, as numpy.fft.fft2(k, "
           "s))\n"
           "  --of OPERATION       convolution (default, the DSP definition) or correlation (what CNN "
           "layers\n"
           "                       and the Filters panel's default compute: same magnitude, phase negated)\n";
}

int FreqrespCommand::run(const std::vector<std::string>& args, std::ostream& out) {
    ArgumentParser parser(name());
    addKernelOptions(parser);
    for (const char* option : {"--size", "--scale", "--origin", "--of"}) parser.addOption(option);
    parser.parse(args);
    const std::vector<std::string>& files = parser.positionals();
    if (files.empty() || files.size() > 2)
        throw UsageError("freqresp needs MAG.tiff and optionally PHASE.tiff, got " +
                         std::to_string(files.size()) + " file names");
    for (const std::string& f : files)
        if (!isTiffPath(f))
            throw UsageError(f + ": freqresp writes 32-bit float TIFF; use a .tif or .tiff name");
    spectral::ResponseOptions options;
    if (const auto size = parser.value("--size"))
        options.size =
            int(parseInteger("--size", *size, spectral::kMinResponseSize, spectral::kMaxResponseSize));
    options.origin = parseChoice(parser, "--origin", parseOrigin, options.origin);
    options.of = parseChoice(parser, "--of", parseOf, options.of);
    const spectral::MagnitudeScale scale =
        parseChoice(parser, "--scale", spectral::parseMagnitudeScale, spectral::MagnitudeScale::Linear);
    const KernelChoice choice = chooseKernel(parser, name());
    for (const std::string& f : files) checkOutputFolder(f);

    spectral::FrequencyResponse response;
    try {
        response = spectral::frequencyResponse(choice.kernel, options);
    } catch (const std::invalid_argument& e) {
        throw UsageError(e.what());  // the kernel does not fit the chosen size
    }
    writeFloatTiff(files[0], spectral::scaledMagnitude(response, scale), response.size);
    if (files.size() == 2) writeFloatTiff(files[1], response.phase, response.size);
    const spectral::ResponseClass c = spectral::classifyResponse(response);

    out << std::setprecision(6);
    out << "kernel:    " << choice.label << ", " << choice.kernel.rows() << "x" << choice.kernel.cols()
        << "\n";
    out << "transform: " << response.size << "x" << response.size << ", origin "
        << (options.origin == spectral::KernelOrigin::Anchor ? "anchor" : "corner") << ", "
        << (options.of == spectral::ResponseOf::Convolution ? "convolution" : "correlation") << "\n";
    out << "dc gain:   " << response.dcGain << "\n";
    out << "peak:      " << response.peakGain << " at f = (" << response.peakFx << ", " << response.peakFy
        << ") cycles/pixel (x, y)\n";
    out << "kind:      " << spectral::toString(c.kind)
        << (c.directional
                ? ", directional at " + std::to_string(int(std::lround(c.orientationDeg)) % 180) + " degrees"
                : std::string())
        << "\n";
    out << "summary:   " << c.summary << "\n";
    out << "magnitude: " << files[0] << " (" << spectral::toString(scale) << ")\n";
    if (files.size() == 2) out << "phase:     " << files[1] << " (radians)\n";
    return 0;
}

}  // namespace convscope::cli
