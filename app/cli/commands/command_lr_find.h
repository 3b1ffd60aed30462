#pragma once

#include "app/cli/command.h"

namespace convscope::cli {

/// "lr-find": the learning-rate range test (core/nn/train/lr_finder.h) on the run train would start from
/// the same options; prints the loss against the rate and the suggested rate.
class LrFindCommand : public Command {
public:
    std::string name() const override { return "lr-find"; }
    std::string summary() const override;
    std::string help() const override;
    int run(const std::vector<std::string>& args, std::ostream& out) override;
};

}  // namespace convscope::cli
