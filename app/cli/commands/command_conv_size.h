#pragma once

#include "app/cli/command.h"

namespace convscope::cli {

/// "conv-size": the output size of a convolution, pooling or transposed convolution along one axis, with the
/// formula and the numbers substituted.
class ConvSizeCommand : public Command {
public:
    std::string name() const override { return "conv-size"; }
    std::string summary() const override;
    std::string help() const override;
    int run(const std::vector<std::string>& args, std::ostream& out) override;
};

}  // namespace convscope::cli
