#pragma once

#include "app/cli/command.h"

namespace convscope::cli {

/// "shift": invariance and equivariance of every tap point under a shift (and a rotation or scale) of the
/// input: f(s(x)) against s(f(x)), and the prediction before and after.
class ShiftCommand : public Command {
public:
    std::string name() const override { return "shift"; }
    std::string summary() const override;
    std::string help() const override;
    int run(const std::vector<std::string>& args, std::ostream& out) override;
};

}  // namespace convscope::cli
