#include "tests/app/cli/kernel_listing.h"

#include <QStringList>

#include <algorithm>
#include <cmath>

namespace clitest {

std::vector<Listed> parseListing(const QString& text) {
    std::vector<Listed> presets;
    for (const QString& line : text.split('\n')) {
        if (!line.isEmpty() && !line.startsWith(' ')) {
            presets.push_back({line, {}});
        } else if (line.startsWith("    ") && !presets.empty()) {
            std::vector<double> row;
            bool numeric = true;
            for (const QString& token : line.split(' ', Qt::SkipEmptyParts)) {
                bool ok = false;
                row.push_back(token.toDouble(&ok));
                numeric = numeric && ok;
            }
            if (numeric) presets.back().rows.push_back(row);
        }
    }
    return presets;
}

bool sameKernel(const Listed& listed, const naive::Kernel& kernel) {
    if (int(listed.rows.size()) != kernel.rows) return false;
    for (int r = 0; r < kernel.rows; ++r) {
        const std::vector<double>& row = listed.rows[size_t(r)];
        if (int(row.size()) != kernel.cols) return false;
        for (int c = 0; c < kernel.cols; ++c) {
            const double expected = kernel.at(r, c);
            if (std::abs(row[size_t(c)] - expected) > 1e-6 * std::max(1.0, std::abs(expected))) return false;
        }
    }
    return true;
}

}  // namespace clitest
