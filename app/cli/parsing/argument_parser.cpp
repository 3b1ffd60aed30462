#include "app/cli/parsing/argument_parser.h"

#include "app/cli/parsing/usage_error.h"

namespace convscope::cli {

ArgumentParser::ArgumentParser(std::string command) : m_command(std::move(command)) {}

void ArgumentParser::addFlag(const std::string& name) {
    m_specs[name] = Spec{false, false};
}

void ArgumentParser::addOption(const std::string& name, bool repeatable) {
    m_specs[name] = Spec{true, repeatable};
}

void ArgumentParser::parse(const std::vector<std::string>& args) {
    bool optionsEnded = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (optionsEnded || arg.size() < 2 || arg[0] != '-') {
            m_positionals.push_back(arg);
            continue;
        }
        if (arg == "--") {
            optionsEnded = true;
            continue;
        }
        if (arg == "-h" || arg == "--help") {
            m_help = true;
            continue;
        }
        const std::size_t equals = arg.find('=');
        const std::string name = arg.substr(0, equals);
        const auto spec = m_specs.find(name);
        if (spec == m_specs.end()) {
            throw UsageError("unknown option " + name + " for '" + m_command + "' (see convscope-cli " +
                             m_command + " --help)");
        }
        std::string value;
        if (spec->second.takesValue) {
            if (equals != std::string::npos) {
                value = arg.substr(equals + 1);
            } else if (i + 1 < args.size()) {
                value = args[++i];  // taken as is, so "--angle -30" works
            } else {
                throw UsageError("option " + name + " needs a value");
            }
            if (value.empty()) throw UsageError("option " + name + " needs a value");
        } else if (equals != std::string::npos) {
            throw UsageError("option " + name + " takes no value");
        }
        std::vector<std::string>& given = m_given[name];
        if (!given.empty() && !spec->second.repeatable)
            throw UsageError("option " + name + " is given twice");
        given.push_back(value);
    }
}

bool ArgumentParser::has(const std::string& name) const {
    return m_given.count(name) > 0;
}

std::optional<std::string> ArgumentParser::value(const std::string& name) const {
    const auto it = m_given.find(name);
    if (it == m_given.end() || it->second.empty()) return std::nullopt;
    return it->second.front();
}

std::vector<std::string> ArgumentParser::values(const std::string& name) const {
    const auto it = m_given.find(name);
    return it == m_given.end() ? std::vector<std::string>{} : it->second;
}

}  // namespace convscope::cli
