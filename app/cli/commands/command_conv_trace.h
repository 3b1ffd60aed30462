#pragma once

#include "app/cli/command.h"

namespace convscope::cli {

/// "conv-trace": one convolution, pooling or transposed convolution computed step by step on a small input,
/// with every multiplication shown (text for reading, --json for scripts).
class ConvTraceCommand : public Command {
public:
    std::string name() const override { return "conv-trace"; }
    std::string summary() const override;
    std::string help() const override;
    int run(const std::vector<std::string>& args, std::ostream& out) override;
};

}  // namespace convscope::cli
