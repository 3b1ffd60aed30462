#include "core/embedding/knn_accuracy.h"

#include <algorithm>
#include <map>
#include <stdexcept>
#include <utility>

namespace convscope::embedding {

double knnAccuracy(const PointSet& points, const std::vector<int>& labels, int k) {
    const int n = points.count;
    if (labels.size() != std::size_t(n))
        throw std::invalid_argument("kNN accuracy: as many labels as points are needed");
    if (k < 1) throw std::invalid_argument("kNN accuracy: k must be at least 1");
    if (n <= k) throw std::invalid_argument("kNN accuracy: more points than k are needed");
    int correct = 0;
    std::vector<std::pair<double, int>> distances(std::size_t(n - 1));
    for (int i = 0; i < n; ++i) {
        std::size_t m = 0;
        for (int j = 0; j < n; ++j)
            if (j != i) distances[m++] = {squaredDistance(points.row(i), points.row(j), points.dims), j};
        std::partial_sort(distances.begin(), distances.begin() + k, distances.end());
        // Votes in order of distance: on a tie the label reached first (its nearest member closest) wins.
        std::map<int, int> votes;
        int best = labels[std::size_t(distances[0].second)], bestVotes = 0;
        for (int r = 0; r < k; ++r) {
            const int label = labels[std::size_t(distances[std::size_t(r)].second)];
            ++votes[label];
        }
        for (int r = 0; r < k; ++r) {
            const int label = labels[std::size_t(distances[std::size_t(r)].second)];
            if (votes[label] > bestVotes) {
                best = label;
                bestVotes = votes[label];
            }
        }
        if (best == labels[std::size_t(i)]) ++correct;
    }
    return double(correct) / double(n);
}

}  // namespace convscope::embedding
