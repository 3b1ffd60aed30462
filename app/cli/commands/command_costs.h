#pragma once

#include "app/cli/command.h"

namespace convscope::cli {

/// "costs": the seeds' cost comparisons (depthwise separable, residual blocks, Inception, compound scaling).
class CostsCommand : public Command {
public:
    std::string name() const override { return "costs"; }
    std::string summary() const override;
    std::string help() const override;
    int run(const std::vector<std::string>& args, std::ostream& out) override;
};

}  // namespace convscope::cli
