#pragma once

#include "app/cli/command.h"

namespace convscope::cli {

/// "train": trains a model on Fashion-MNIST with the same engine as the Training panel.
class TrainCommand : public Command {
public:
    std::string name() const override { return "train"; }
    std::string summary() const override;
    std::string help() const override;
    int run(const std::vector<std::string>& args, std::ostream& out) override;
};

}  // namespace convscope::cli
