#pragma once

#include "app/cli/command.h"

namespace convscope::cli {

/// "explain": why a checkpoint's model gives a class its score, by one attribution method (Grad-CAM and its
/// family, saliency, SmoothGrad, integrated gradients, occlusion) or the layer strip.
class ExplainCommand : public Command {
public:
    std::string name() const override { return "explain"; }
    std::string summary() const override;
    std::string help() const override;
    int run(const std::vector<std::string>& args, std::ostream& out) override;
};

}  // namespace convscope::cli
