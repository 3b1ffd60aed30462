#include "core/imaging/kernel_io.h"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace convscope::imaging {

namespace {

constexpr std::uintmax_t kMaxFileBytes = std::uintmax_t{1} << 20;

std::string lineError(int line, const std::string& what) {
    return "line " + std::to_string(line) + ": " + what;
}

// Locale-independent: "1.5" means one and a half whatever LC_NUMERIC says.
double parseNumber(const std::string& token, int line) {
    const char* first = token.data();
    const char* last = token.data() + token.size();
    if (first != last && *first == '+') ++first;
    double value = 0.0;
    const auto [end, error] = std::from_chars(first, last, value);
    if (error != std::errc() || end != last || !std::isfinite(value)) {
        throw std::invalid_argument(lineError(line, "'" + token + "' is not a finite number"));
    }
    return value;
}

}  // namespace

common::Kernel parseKernelText(const std::string& text) {
    std::istringstream lines(text);
    std::string line;
    std::vector<double> values;
    int rows = 0;
    int cols = 0;
    int lineNumber = 0;
    while (std::getline(lines, line)) {
        ++lineNumber;
        std::istringstream tokens(line);
        std::string token;
        std::vector<double> row;
        while (tokens >> token) {
            if (row.empty() && token[0] == '#') break;  // a comment line
            row.push_back(parseNumber(token, lineNumber));
            if (row.size() > static_cast<size_t>(common::Kernel::kMaxSide)) {
                throw std::invalid_argument(
                    lineError(lineNumber, "more than " + std::to_string(common::Kernel::kMaxSide) +
                                              " values; kernels are at most " +
                                              std::to_string(common::Kernel::kMaxSide) + " wide"));
            }
        }
        if (row.empty()) continue;
        if (rows == 0) {
            cols = static_cast<int>(row.size());
        } else if (static_cast<int>(row.size()) != cols) {
            throw std::invalid_argument(lineError(lineNumber, "has " + std::to_string(row.size()) +
                                                                  " values but the rows above have " +
                                                                  std::to_string(cols)));
        }
        if (++rows > common::Kernel::kMaxSide) {
            throw std::invalid_argument(
                lineError(lineNumber, "more than " + std::to_string(common::Kernel::kMaxSide) +
                                          " rows; kernels are at most " +
                                          std::to_string(common::Kernel::kMaxSide) + " tall"));
        }
        values.insert(values.end(), row.begin(), row.end());
    }
    if (rows == 0) throw std::invalid_argument("no kernel values found (only blank or comment lines)");
    return common::Kernel(rows, cols, std::move(values));
}

common::Kernel readKernelFile(const std::string& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status))
        throw std::runtime_error("cannot read kernel file '" + path + "': no such file");
    if (!fs::is_regular_file(status))
        throw std::runtime_error("cannot read kernel file '" + path + "': not a file");
    const std::uintmax_t size = fs::file_size(path, ec);
    if (!ec && size > kMaxFileBytes) {
        throw std::runtime_error("cannot read kernel file '" + path + "': it is larger than 1 MiB");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw std::runtime_error("cannot read kernel file '" + path + "': " + std::strerror(errno));
    }
    std::string text(static_cast<size_t>(kMaxFileBytes) + 1, '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    if (in.bad()) throw std::runtime_error("cannot read kernel file '" + path + "': read error");
    text.resize(static_cast<size_t>(in.gcount()));
    if (text.size() > kMaxFileBytes) {
        throw std::runtime_error("cannot read kernel file '" + path + "': it is larger than 1 MiB");
    }
    try {
        return parseKernelText(text);
    } catch (const std::invalid_argument& e) {
        throw std::invalid_argument(path + ": " + e.what());
    }
}

void writeKernelFile(const std::string& path, const common::Kernel& kernel, const std::string& comment) {
    std::ostringstream out;
    std::istringstream commentLines(comment);
    std::string line;
    while (std::getline(commentLines, line)) out << "# " << line << '\n';
    out << "# " << kernel.rows() << "x" << kernel.cols() << " kernel, one row per line\n";
    out << kernel.toText(17);  // 17 significant digits read back to the same double
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    if (!file) throw std::runtime_error("cannot write kernel file '" + path + "': " + std::strerror(errno));
    file << out.str();
    file.flush();
    if (!file) throw std::runtime_error("cannot write kernel file '" + path + "': write error");
}

}  // namespace convscope::imaging
