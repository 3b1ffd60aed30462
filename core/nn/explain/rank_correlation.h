#pragma once

#include <vector>

namespace convscope::nn {

/// Ranks from 1, ties sharing the mean of the ranks they span (as scipy.stats.rankdata's "average").
std::vector<double> averageRanks(const std::vector<double>& values);

/// Spearman's rank correlation: Pearson's correlation of the average ranks. NaN when either side is
/// constant or the sizes differ or are below 2.
double spearmanCorrelation(const std::vector<double>& a, const std::vector<double>& b);

}  // namespace convscope::nn
