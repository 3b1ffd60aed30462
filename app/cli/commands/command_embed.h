#pragma once

#include "app/cli/command.h"

namespace convscope::cli {

/// "embed": what the network separates. Test images' activations at a tap point (the penultimate layer by
/// default, pooled over H×W) projected to two dimensions by PCA or t-SNE, with the kNN accuracy there.
class EmbedCommand : public Command {
public:
    std::string name() const override { return "embed"; }
    std::string summary() const override;
    std::string help() const override;
    int run(const std::vector<std::string>& args, std::ostream& out) override;
};

}  // namespace convscope::cli
