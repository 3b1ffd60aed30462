#pragma once

#include "app/cli/command.h"

namespace convscope::cli {

/// "describe": a model's layers, the output shape at every tap point and its parameter counts.
class DescribeCommand : public Command {
public:
    std::string name() const override { return "describe"; }
    std::string summary() const override;
    std::string help() const override;
    int run(const std::vector<std::string>& args, std::ostream& out) override;
};

}  // namespace convscope::cli
