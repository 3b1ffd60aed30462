#pragma once

#include "app/cli/command.h"

namespace convscope::cli {

/// "filter": applies a preset or a kernel file to an image and writes the float values (.tif) or the
/// displayed 8-bit picture (any other format).
class FilterCommand : public Command {
public:
    std::string name() const override { return "filter"; }
    std::string summary() const override;
    std::string help() const override;
    int run(const std::vector<std::string>& args, std::ostream& out) override;
};

}  // namespace convscope::cli
