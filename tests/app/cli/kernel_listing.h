#pragma once

#include <QString>

#include <vector>

#include "tests/support/naive_filter.h"

namespace clitest {

/// One preset as `convscope-cli kernels` lists it: a header line "name: ..." followed by indented
/// coefficient rows.
struct Listed {
    QString header;
    std::vector<std::vector<double>> rows;
};

std::vector<Listed> parseListing(const QString& text);

/// True when the listed coefficients equal `kernel` to the 6 significant digits the listing prints.
bool sameKernel(const Listed& listed, const naive::Kernel& kernel);

}  // namespace clitest
