#include "app/cli/commands/command_spectrum.h"

#include <algorithm>
#include <iomanip>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "app/cli/output/output_path.h"
#include "app/cli/output/stderr_silencer.h"
#include "app/cli/parsing/argument_parser.h"
#include "app/cli/parsing/kernel_choice.h"
#include "app/cli/parsing/usage_error.h"
#include "core/imaging/image_loader.h"
#include "core/spectral/image_spectrum.h"

namespace convscope::cli {

std::string SpectrumCommand::summary() const {
    return "Log-magnitude spectrum of an image";
}

std::string SpectrumCommand::help() const {
    return "Usage: convscope-cli spectrum [--hann] INPUT OUTPUT\n"
           "\n"
           "Writes ln(1 + |F|) of INPUT's luminance (BT.601 for colour images), centred: the middle is DC,\n"
           "the edges +-0.5 cycles per pixel. A .tif/.tiff OUTPUT holds the 32-bit float values; any other\n"
           "format an 8-bit picture scaled from 0 to the largest value.\n"
           "\n"
           "Options:\n"
           "  --hann   multiply by a 2-D Hann window first, so the jump between the image's opposite edges\n"
           "           (the DFT treats it as periodic) does not draw a bright cross through the centre\n";
}

int SpectrumCommand::run(const std::vector<std::string>& args, std::ostream& out) {
    ArgumentParser parser(name());
    parser.addFlag("--hann");
    parser.parse(args);
    const std::vector<std::string>& files = parser.positionals();
    if (files.size() != 2)
        throw UsageError("spectrum needs INPUT and OUTPUT, got " + std::to_string(files.size()) +
                         " file names");
    checkOutputExtension(files[1], "OUTPUT");
    checkOutputFolder(files[1]);
    imaging::LoadedImage image;
    {
        const StderrSilencer quiet;
        image = imaging::loadImage(files[0]);
    }
    cv::Mat gray = image.pixels;
    if (gray.channels() == 3) cv::cvtColor(image.pixels, gray, cv::COLOR_BGR2GRAY);
    cv::Mat values;
    gray.convertTo(values, CV_32F);
    spectral::SpectrumOptions options;
    options.hann = parser.has("--hann");
    prepareSpectralCache();
    const std::vector<float> spectrum = spectral::logMagnitudeSpectrum(
        spectral::PlaneView<const float>{values.ptr<float>(), values.rows, values.cols,
                                         std::ptrdiff_t(values.step1()), 1},
        options);
    saveSpectralCache();
    cv::Mat result(values.rows, values.cols, CV_32F, const_cast<float*>(spectrum.data()));
    const float peak = *std::max_element(spectrum.begin(), spectrum.end());
    {
        const StderrSilencer quiet;
        if (isTiffPath(files[1])) {
            imaging::saveImage(files[1], result);
        } else {
            cv::Mat picture;
            result.convertTo(picture, CV_8U, peak > 0.0f ? 255.0 / peak : 1.0);
            imaging::saveImage(files[1], picture);
        }
    }
    out << std::setprecision(6);
    out << "input:    " << files[0] << " (" << image.format << ", " << values.cols << " x " << values.rows
        << (image.pixels.channels() == 3 ? ", luminance of colour" : ", gray") << ")\n";
    out << "spectrum: ln(1 + |F|), centred" << (options.hann ? ", Hann window" : "") << ", max " << peak
        << " (DC " << spectrum[std::size_t(values.rows / 2) * values.cols + values.cols / 2] << ")\n";
    out << "output:   " << files[1]
        << (isTiffPath(files[1]) ? " (32-bit float values)" : " (8-bit, 0 .. max scaled to 0 .. 255)")
        << "\n";
    return 0;
}

}  // namespace convscope::cli
