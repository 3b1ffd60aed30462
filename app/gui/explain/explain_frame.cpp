#include "app/gui/explain/explain_frame.h"

#include <algorithm>
#include <cmath>

namespace convscope::gui {

QVector<ExplainTerm> ExplainMap::cellTerms(int row, int col) const {
    QVector<ExplainTerm> all;
    if (!hasTerms() || row < 0 || col < 0 || row >= rows || col >= cols) return all;
    const int cells = rows * cols, cell = row * cols + col;
    const bool perCell = weights.size() == activation.size();  // HiResCAM: a gradient per cell
    all.reserve(channels);
    for (int k = 0; k < channels; ++k) {
        const float a = activation.value(k * cells + cell);
        const float w = perCell ? weights.value(k * cells + cell) : weights.value(k);
        all.push_back({k, w * a, w, a, 0});
    }
    std::stable_sort(all.begin(), all.end(), [](const ExplainTerm& l, const ExplainTerm& r) {
        return std::abs(l.term) > std::abs(r.term);
    });
    if (all.size() <= kMaxTerms) return all;
    // A wide layer's small terms are summed, so the list still adds up to the cell's value.
    ExplainTerm rest{-1, 0.0f, 0.0f, 0.0f, int(all.size()) - kMaxTerms};
    double sum = 0.0;
    for (int i = kMaxTerms; i < all.size(); ++i) sum += all[i].term;
    rest.term = float(sum);
    all.resize(kMaxTerms);
    all.push_back(rest);
    return all;
}

}  // namespace convscope::gui
