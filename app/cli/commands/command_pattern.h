#pragma once

#include "app/cli/command.h"

namespace convscope::cli {

/// "pattern": writes one of the synthetic test patterns as an 8-bit grey image.
class PatternCommand : public Command {
public:
    std::string name() const override { return "pattern"; }
    std::string summary() const override;
    std::string help() const override;
    int run(const std::vector<std::string>& args, std::ostream& out) override;
};

}  // namespace convscope::cli
