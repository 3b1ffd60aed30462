#pragma once

#include "app/cli/command.h"

namespace convscope::cli {

/// "spectrum": the log-magnitude spectrum of an image (its luminance), as float TIFF or an 8-bit picture.
class SpectrumCommand : public Command {
public:
    std::string name() const override { return "spectrum"; }
    std::string summary() const override;
    std::string help() const override;
    int run(const std::vector<std::string>& args, std::ostream& out) override;
};

}  // namespace convscope::cli
