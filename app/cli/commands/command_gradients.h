#pragma once

#include "app/cli/command.h"

namespace convscope::cli {

/// "gradients": a checkpoint's mean cross-entropy over a range of test images and each parameter's gradient
/// norm.
class GradientsCommand : public Command {
public:
    std::string name() const override { return "gradients"; }
    std::string summary() const override;
    std::string help() const override;
    int run(const std::vector<std::string>& args, std::ostream& out) override;
};

}  // namespace convscope::cli
