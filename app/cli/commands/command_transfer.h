#pragma once

#include "app/cli/command.h"

namespace convscope::cli {

/// "transfer": the transfer-learning experiment (core/nn/train/transfer_experiment.h): pretrain on some
/// Fashion-MNIST classes, then learn the others from a few images per class, fine-tuned and from scratch.
class TransferCommand : public Command {
public:
    std::string name() const override { return "transfer"; }
    std::string summary() const override;
    std::string help() const override;
    int run(const std::vector<std::string>& args, std::ostream& out) override;
};

}  // namespace convscope::cli
