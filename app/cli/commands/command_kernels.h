#pragma once

#include "app/cli/command.h"

namespace convscope::cli {

/// "kernels": lists the presets of the kernel library with their default coefficients.
class KernelsCommand : public Command {
public:
    std::string name() const override { return "kernels"; }
    std::string summary() const override;
    std::string help() const override;
    int run(const std::vector<std::string>& args, std::ostream& out) override;
};

}  // namespace convscope::cli
