#pragma once

#include "app/cli/command.h"
#include "core/imaging/filter_options.h"

namespace convscope::cli {

/// "filter": applies a preset or a kernel file to an image and writes the float values (.tif) or the
/// displayed 8-bit picture (any other format). Constructed with FilterMethod::Fft it is "fftconv", the same
/// command with the FFT path forced.
class FilterCommand : public Command {
public:
    explicit FilterCommand(imaging::FilterMethod forced = imaging::FilterMethod::Automatic);
    std::string name() const override;
    std::string summary() const override;
    std::string help() const override;
    int run(const std::vector<std::string>& args, std::ostream& out) override;

private:
    imaging::FilterMethod m_forced;
};

}  // namespace convscope::cli
