#include "core/nn/data/dataset_subset.h"

#include <algorithm>
#include <numeric>
#include <random>
#include <stdexcept>
#include <string>

namespace convscope::nn {

namespace {

// Copies the set (so fields this file does not know travel along) with the images and labels at `index`.
ImageDataset pick(const ImageDataset& data, const std::vector<std::int64_t>& index,
                  const torch::Tensor& labels) {
    ImageDataset out = data;
    const torch::Tensor i = torch::tensor(index, torch::kInt64);
    out.images = data.images.index_select(0, i);
    out.labels = labels.index_select(0, i);
    return out;
}

}  // namespace

std::vector<std::int64_t> classCounts(const ImageDataset& data) {
    std::vector<std::int64_t> counts(static_cast<std::size_t>(std::max(data.classes(), 0)), 0);
    if (data.size() == 0) return counts;
    const torch::Tensor labels = data.labels.to(torch::kCPU).contiguous();
    const auto* l = labels.data_ptr<std::int64_t>();
    for (std::int64_t i = 0; i < data.size(); ++i) {
        const auto c = static_cast<std::size_t>(l[i]);
        if (c >= counts.size()) counts.resize(c + 1, 0);
        ++counts[c];
    }
    return counts;
}

ImageDataset selectClasses(const ImageDataset& data, const std::vector<int>& classes) {
    if (classes.empty()) return data;
    const int known = data.classes();
    std::vector<int> newLabel(static_cast<std::size_t>(known), -1);
    for (std::size_t k = 0; k < classes.size(); ++k) {
        const int c = classes[k];
        if (c < 0 || c >= known)
            throw std::invalid_argument("Class " + std::to_string(c) + " does not exist: the data set has " +
                                        std::to_string(known) + " classes (0 to " +
                                        std::to_string(known - 1) + ").");
        if (newLabel[std::size_t(c)] >= 0)
            throw std::invalid_argument("Class " + std::to_string(c) + " is listed twice.");
        newLabel[std::size_t(c)] = int(k);
    }
    const torch::Tensor labels = data.labels.to(torch::kCPU).contiguous();
    const auto* l = labels.data_ptr<std::int64_t>();
    std::vector<std::int64_t> index, relabelled(static_cast<std::size_t>(data.size()), 0);
    for (std::int64_t i = 0; i < data.size(); ++i) {
        const int to = l[i] >= 0 && l[i] < known ? newLabel[std::size_t(l[i])] : -1;
        if (to < 0) continue;
        index.push_back(i);
        relabelled[std::size_t(i)] = to;
    }
    ImageDataset out = pick(data, index, torch::tensor(relabelled, torch::kInt64));
    out.classNames.clear();
    for (int c : classes) out.classNames.push_back(data.classNames[std::size_t(c)]);
    return out;
}

ImageDataset selectForRun(const ImageDataset& data, const std::vector<int>& classes, std::int64_t perClass,
                          std::uint64_t seed, std::int64_t limit) {
    return takePerClass(selectClasses(data, classes), perClass, seed).head(limit);
}

ImageDataset takePerClass(const ImageDataset& data, std::int64_t perClass, std::uint64_t seed) {
    if (perClass <= 0 || data.size() == 0) return data;
    std::vector<std::int64_t> order(static_cast<std::size_t>(data.size()));
    std::iota(order.begin(), order.end(), 0);
    // A stream of its own, not the trainer's epoch shuffle (seed * golden ratio + epoch + 1).
    std::mt19937_64 rng(seed ^ 0xC1A55E5ULL);
    std::shuffle(order.begin(), order.end(), rng);
    const torch::Tensor labels = data.labels.to(torch::kCPU).contiguous();
    const auto* l = labels.data_ptr<std::int64_t>();
    std::vector<std::int64_t> taken(static_cast<std::size_t>(std::max(data.classes(), 1)), 0), index;
    for (std::int64_t i : order) {
        const auto c = static_cast<std::size_t>(l[i]);
        if (c >= taken.size()) taken.resize(c + 1, 0);
        if (taken[c] < perClass) {
            ++taken[c];
            index.push_back(i);
        }
    }
    std::sort(index.begin(), index.end());
    return pick(data, index, labels);
}

}  // namespace convscope::nn
