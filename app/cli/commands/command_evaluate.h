#pragma once

#include "app/cli/command.h"

namespace convscope::cli {

/// "evaluate": a checkpoint's model on the Fashion-MNIST test set.
class EvaluateCommand : public Command {
public:
    std::string name() const override { return "evaluate"; }
    std::string summary() const override;
    std::string help() const override;
    int run(const std::vector<std::string>& args, std::ostream& out) override;
};

}  // namespace convscope::cli
