#pragma once

#include "app/cli/command.h"

namespace convscope::cli {

/// "degradation": He et al. 2016's degradation experiment (core/nn/train/degradation_experiment.h): plain and
/// residual CIFAR networks of two depths trained with one recipe on Fashion-MNIST, their training loss, test
/// error and gradient norms by depth.
class DegradationCommand : public Command {
public:
    std::string name() const override { return "degradation"; }
    std::string summary() const override;
    std::string help() const override;
    int run(const std::vector<std::string>& args, std::ostream& out) override;
};

}  // namespace convscope::cli
