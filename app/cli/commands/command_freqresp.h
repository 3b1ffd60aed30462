#pragma once

#include "app/cli/command.h"

namespace convscope::cli {

/// "freqresp": a kernel's frequency response (magnitude and optionally phase) as 32-bit float TIFF, with its
/// DC gain, peak and classification printed.
class FreqrespCommand : public Command {
public:
    std::string name() const override { return "freqresp"; }
    std::string summary() const override;
    std::string help() const override;
    int run(const std::vector<std::string>& args, std::ostream& out) override;
};

}  // namespace convscope::cli
