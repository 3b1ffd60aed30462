#pragma once

#include "app/cli/command.h"
#include "app/cli/parsing/argument_parser.h"
#include "core/nn/graph/architecture.h"

namespace convscope::cli {

/// "describe": a model's layers, the output shape at every tap point and its parameter counts.
class DescribeCommand : public Command {
public:
    std::string name() const override { return "describe"; }
    std::string summary() const override;
    std::string help() const override;
    int run(const std::vector<std::string>& args, std::ostream& out) override;

private:
    int describeFile(const ArgumentParser& parser, const std::string& file, std::ostream& out);
    int print(const nn::Architecture& a, const std::string& heading, bool asJson, std::ostream& out);
};

}  // namespace convscope::cli
