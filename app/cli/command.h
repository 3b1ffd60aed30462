#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace convscope::cli {

/// One sub-command of convscope-cli.
class Command {
public:
    virtual ~Command() = default;

    virtual std::string name() const = 0;
    /// One line for the command list of "convscope-cli --help".
    virtual std::string summary() const = 0;
    /// The full text of "convscope-cli NAME --help".
    virtual std::string help() const = 0;
    /// Runs with the arguments that follow the command name and writes its report to `out`. Returns the exit
    /// status; throws UsageError for a bad command line and std::exception for any other failure.
    virtual int run(const std::vector<std::string>& args, std::ostream& out) = 0;
};

}  // namespace convscope::cli
