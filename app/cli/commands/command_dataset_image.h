#pragma once

#include "app/cli/command.h"

namespace convscope::cli {

/// "dataset-image": one Fashion-MNIST image as a picture file (the samples in assets/images come from it).
class DatasetImageCommand : public Command {
public:
    std::string name() const override { return "dataset-image"; }
    std::string summary() const override;
    std::string help() const override;
    int run(const std::vector<std::string>& args, std::ostream& out) override;
};

}  // namespace convscope::cli
