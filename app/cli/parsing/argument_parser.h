#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace convscope::cli {

/// Parses one command's arguments: "--name value", "--name=value", flags, positionals in any order, and
/// "--" to end the options. "-h"/"--help" is always known. Every mistake throws UsageError naming it.
class ArgumentParser {
public:
    explicit ArgumentParser(std::string command);

    void addFlag(const std::string& name);
    /// An option that takes a value; `repeatable` options may be given several times.
    void addOption(const std::string& name, bool repeatable = false);

    void parse(const std::vector<std::string>& args);

    bool helpRequested() const { return m_help; }
    bool has(const std::string& name) const;
    std::optional<std::string> value(const std::string& name) const;
    std::vector<std::string> values(const std::string& name) const;
    const std::vector<std::string>& positionals() const { return m_positionals; }

private:
    struct Spec {
        bool takesValue = false;
        bool repeatable = false;
    };

    std::string m_command;
    std::map<std::string, Spec> m_specs;
    std::map<std::string, std::vector<std::string>> m_given;
    std::vector<std::string> m_positionals;
    bool m_help = false;
};

}  // namespace convscope::cli
