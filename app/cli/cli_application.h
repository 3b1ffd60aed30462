#pragma once

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "app/cli/command.h"

namespace convscope::cli {

/// Dispatches "convscope-cli COMMAND ..." to its command and answers --help and --version.
/// Errors leave as exceptions (UsageError for the command line); main() turns them into one line.
class CliApplication {
public:
    CliApplication();

    /// `args` excludes the program name. Returns the exit status.
    int run(const std::vector<std::string>& args, std::ostream& out);

    std::string help() const;
    static std::string version();

private:
    std::vector<std::unique_ptr<Command>> m_commands;
};

}  // namespace convscope::cli
