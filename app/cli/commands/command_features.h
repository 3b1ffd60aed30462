#pragma once

#include "app/cli/command.h"

namespace convscope::cli {

/// "features": every tap's feature maps for one image, written as labelled grid pictures.
class FeaturesCommand : public Command {
public:
    std::string name() const override { return "features"; }
    std::string summary() const override;
    std::string help() const override;
    int run(const std::vector<std::string>& args, std::ostream& out) override;
};

}  // namespace convscope::cli
