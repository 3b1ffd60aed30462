#pragma once

#include "app/cli/command.h"

namespace convscope::cli {

/// "zoo": every model with its parameters and multiply-accumulates, measured by describing it.
class ZooCommand : public Command {
public:
    std::string name() const override { return "zoo"; }
    std::string summary() const override;
    std::string help() const override;
    int run(const std::vector<std::string>& args, std::ostream& out) override;
};

}  // namespace convscope::cli
