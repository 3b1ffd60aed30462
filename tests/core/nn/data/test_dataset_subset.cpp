// Class subsets and images per class, against naive selections written out here: the kept images, their new
// labels and names, the counts, the seed's reproducibility and the trainer applying both before its limits.
#include <torch/torch.h>

#include <QTest>
#include <map>
#include <set>

#include "core/nn/data/dataset_subset.h"
#include "core/nn/train/trainer.h"
#include "tests/core/nn/train/synthetic_data.h"
#include "tests/support/test_main.h"

using namespace convscope::nn;
using namespace convscope::nn::testing;

namespace {

// Labels 0 … 9 in an uneven pattern, so that classes have different sizes.
ImageDataset uneven() {
    ImageDataset d = gratingsDataset(300, 7);
    std::vector<std::int64_t> labels;
    for (int i = 0; i < 300; ++i) labels.push_back((i * i + 3 * i) % 10 == 9 ? 9 : (i * 7) % 9);
    d.labels = torch::tensor(labels, torch::kInt64);
    return d;
}

std::int64_t label(const ImageDataset& d, std::int64_t i) {
    return d.labels[i].item<std::int64_t>();
}

// The original index of every image of `subset` (images are distinct: random phases and noise).
std::vector<std::int64_t> originalIndices(const ImageDataset& all, const ImageDataset& subset) {
    std::vector<std::int64_t> out;
    for (std::int64_t i = 0; i < subset.size(); ++i) {
        std::int64_t found = -1;
        for (std::int64_t j = 0; j < all.size() && found < 0; ++j)
            if (torch::equal(all.images[j], subset.images[i])) found = j;
        out.push_back(found);
    }
    return out;
}

}  // namespace

class TestDatasetSubset : public QObject {
    Q_OBJECT
    ImageDataset m_data = uneven();

private Q_SLOTS:
    void classSubsetMatchesANaiveSelection() {
        const std::vector<int> classes{7, 2, 5};
        const ImageDataset s = selectClasses(m_data, classes);
        std::vector<std::int64_t> index, labels;
        for (std::int64_t i = 0; i < m_data.size(); ++i)
            for (std::size_t k = 0; k < classes.size(); ++k)
                if (label(m_data, i) == classes[k]) {
                    index.push_back(i);
                    labels.push_back(std::int64_t(k));
                }
        QCOMPARE(s.size(), std::int64_t(index.size()));
        for (std::size_t n = 0; n < index.size(); ++n) {
            QVERIFY(torch::equal(s.images[std::int64_t(n)], m_data.images[index[n]]));
            QCOMPARE(label(s, std::int64_t(n)), labels[n]);
        }
        QCOMPARE(s.classNames, (std::vector<std::string>{"class 7", "class 2", "class 5"}));
        QCOMPARE(selectClasses(m_data, {}).size(), m_data.size());
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, selectClasses(m_data, {1, 10}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, selectClasses(m_data, {3, 3}));
    }

    void perClassKeepsNOfEachClass() {
        const std::vector<std::int64_t> before = classCounts(m_data);
        QCOMPARE(int(before.size()), 10);
        const std::int64_t n = 12;
        const ImageDataset s = takePerClass(m_data, n, 5);
        const std::vector<std::int64_t> after = classCounts(s);
        for (std::size_t c = 0; c < before.size(); ++c) QCOMPARE(after[c], std::min(n, before[c]));
        QVERIFY(before[9] < n);  // a small class keeps all its images
        // Every kept image is an original one with its label, in the original order, none twice.
        const std::vector<std::int64_t> where = originalIndices(m_data, s);
        for (std::size_t i = 0; i < where.size(); ++i) {
            QVERIFY(where[i] >= 0);
            QCOMPARE(label(s, std::int64_t(i)), label(m_data, where[i]));
            if (i > 0) QVERIFY(where[i] > where[i - 1]);
        }
        // The seed alone decides: the same seed, the same images; another seed, others; a smaller count keeps
        // a subset of a larger one's.
        QVERIFY(torch::equal(takePerClass(m_data, n, 5).images, s.images));
        QVERIFY(!torch::equal(takePerClass(m_data, n, 6).images, s.images));
        const std::vector<std::int64_t> small = originalIndices(m_data, takePerClass(m_data, 4, 5));
        const std::set<std::int64_t> large(where.begin(), where.end());
        for (std::int64_t i : small) QVERIFY(large.count(i) == 1);
        // Not simply the first images of each class.
        std::map<std::int64_t, int> seen;
        bool firstOnly = true;
        for (std::int64_t i = 0; i < m_data.size(); ++i) {
            const std::int64_t c = label(m_data, i);
            if (seen[c]++ < n && !large.count(i)) firstOnly = false;
        }
        QVERIFY(!firstOnly);
        QCOMPARE(takePerClass(m_data, 0, 5).size(), m_data.size());
    }

    void trainerSelectsBeforeItsLimits() {
        TrainConfig c;
        c.model.name = "simplecnn";
        c.model.classes = 3;
        c.classSubset = {4, 0, 8};
        c.perClass = 10;
        c.limitTrain = 25;
        c.limitTest = 7;
        c.seed = 9;
        c.threads = 1;
        const Trainer t(c, m_data, m_data);
        const ImageDataset expected = takePerClass(selectClasses(m_data, {4, 0, 8}), 10, 9).head(25);
        QCOMPARE(t.trainingSet().size(), std::int64_t(25));
        QVERIFY(torch::equal(t.trainingSet().images, expected.images));
        QVERIFY(torch::equal(t.trainingSet().labels, expected.labels));
        QCOMPARE(t.testSet().size(), std::int64_t(7));
        QVERIFY(torch::equal(t.testSet().labels, selectClasses(m_data, {4, 0, 8}).labels.narrow(0, 0, 7)));
        QCOMPARE(t.trainingSet().classNames, (std::vector<std::string>{"class 4", "class 0", "class 8"}));
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestDatasetSubset)
#include "test_dataset_subset.moc"
