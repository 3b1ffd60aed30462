// The transfer-learning experiment on a small synthetic set: its runs and curves, the pretrained start and
// the frozen backbone taken from the pretraining's checkpoint, the checkpoint reused by a second experiment,
// and cancellation.
#include <torch/torch.h>

#include <QTemporaryDir>
#include <QTest>

#include "core/common/job_control.h"
#include "core/nn/models/model_factory.h"
#include "core/nn/train/checkpoint.h"
#include "core/nn/train/transfer_experiment.h"
#include "tests/core/nn/train/synthetic_data.h"
#include "tests/support/test_main.h"

using namespace convscope::nn;
using namespace convscope::nn::testing;

namespace {

TransferOptions small(const QString& folder) {
    TransferOptions o;
    o.model.name = "lenet5";
    o.perClass = {3, 8};
    o.pretrainEpochs = 2;
    o.epochs = 2;
    o.batchSize = 8;
    o.pretrainBatchSize = 50;
    o.threads = 1;
    o.seed = 5;
    o.outDir = folder.toStdString();
    return o;
}

torch::Tensor weightsOf(const std::string& path, const std::string& name) {
    const CheckpointState s = readCheckpointState(path);
    Classifier m = makeModel(s.config.model);
    loadCheckpoint(path, *m, nullptr, s.config.model);
    return m->named_parameters()[name].detach().clone();
}

}  // namespace

class TestTransferExperiment : public QObject {
    Q_OBJECT
    ImageDataset m_train = gratingsDataset(500, 1), m_test = gratingsDataset(150, 2);

private Q_SLOTS:
    void runsAndCurves() {
        QTemporaryDir dir;
        TransferOptions o = small(dir.path());
        o.freeze = "backbone";
        std::vector<double> fractions;
        int epochsReported = 0;
        TransferCallbacks cb;
        cb.onProgress = [&](const std::string&, double f) { fractions.push_back(f); };
        cb.onEpoch = [&](int, const TransferRun&) { ++epochsReported; };
        const TransferResult r = runTransferExperiment(o, m_train, m_test, cb);

        QCOMPARE(r.pretrain.start, std::string("random"));
        QCOMPARE(r.pretrain.trainImages, std::int64_t(250));
        QCOMPARE(int(r.pretrain.curve.size()), 2);
        QCOMPARE(r.pretrain.curve.back().step, std::int64_t(10));  // 250 images in batches of 50, twice
        QVERIFY(!r.pretrain.reused);
        QCOMPARE(int(r.runs.size()), 4);
        const std::int64_t counts[] = {3, 3, 8, 8};
        for (int i = 0; i < 4; ++i) {
            const TransferRun& run = r.runs[std::size_t(i)];
            QCOMPARE(run.perClass, counts[i]);
            QCOMPARE(run.start, std::string(i % 2 == 0 ? "pretrained" : "scratch"));
            QCOMPARE(run.trainImages, 5 * counts[i]);
            QCOMPARE(int(run.curve.size()), 2);
            QCOMPARE(run.curve[1].epoch, 2);
            QCOMPARE(run.curve[1].step, 2 * ((5 * counts[i] + 7) / 8));
            for (const TransferPoint& p : run.curve) QVERIFY(p.testAccuracy >= 0.0 && p.testAccuracy <= 1.0);
            QCOMPARE(run.finalTestAccuracy, run.curve.back().testAccuracy);
            QVERIFY(QFile::exists(QString::fromStdString(run.checkpoint)));
        }
        QCOMPARE(epochsReported, 2 + 4 * 2);
        QVERIFY(!fractions.empty());
        for (std::size_t i = 1; i < fractions.size(); ++i) QVERIFY(fractions[i] >= fractions[i - 1]);
        QCOMPARE(fractions.back(), 1.0);
        QCOMPARE(r.targetClassNames.front(), std::string("class 5"));

        // The fine-tuned run started from the pretraining: its frozen layers are the pretraining's, its
        // lineage names it; the scratch run has neither.
        const std::string pre = r.pretrain.checkpoint;
        const CheckpointState tuned = readCheckpointState(r.runs[2].checkpoint);
        QCOMPARE(tuned.config.init, pre);
        QCOMPARE(tuned.config.freeze, std::string("backbone"));
        QCOMPARE(tuned.config.perClass, std::int64_t(8));
        QCOMPARE(tuned.config.classSubset, (std::vector<int>{5, 6, 7, 8, 9}));
        QVERIFY(
            torch::equal(weightsOf(r.runs[2].checkpoint, "conv2.weight"), weightsOf(pre, "conv2.weight")));
        QVERIFY(
            !torch::equal(weightsOf(r.runs[3].checkpoint, "conv2.weight"), weightsOf(pre, "conv2.weight")));
        QVERIFY(readCheckpointState(r.runs[3].checkpoint).config.init.empty());

        // A second experiment in the same folder reuses the pretraining; the runs are reproducible.
        TransferOptions again = o;
        again.perClass = {3};
        const TransferResult second = runTransferExperiment(again, m_train, m_test);
        QVERIFY(second.pretrain.reused);
        QCOMPARE(second.pretrain.finalTestAccuracy, r.pretrain.finalTestAccuracy);
        QCOMPARE(second.runs[0].finalTestAccuracy, r.runs[0].finalTestAccuracy);
        QCOMPARE(second.runs[1].finalTestAccuracy, r.runs[1].finalTestAccuracy);
        // Other pretraining settings do not reuse it.
        again.pretrainEpochs = 1;
        QVERIFY(!runTransferExperiment(again, m_train, m_test).pretrain.reused);
    }

    void temporaryFolderAndCancellation() {
        TransferOptions o = small("");
        o.perClass = {2};
        o.epochs = 1;
        o.pretrainEpochs = 1;
        const TransferResult r = runTransferExperiment(o, m_train, m_test);
        QVERIFY(r.pretrain.checkpoint.empty());
        QCOMPARE(int(r.runs.size()), 2);

        int batches = 0;
        TransferCallbacks cb;
        cb.onProgress = [&](const std::string&, double) { ++batches; };
        cb.isCancelled = [&] { return batches >= 3; };
        QVERIFY_THROWS_EXCEPTION(convscope::common::Cancelled, runTransferExperiment(o, m_train, m_test, cb));
    }

    void badOptionsAreRefused() {
        TransferOptions o = small("");
        o.targetClasses = {4, 5, 6};
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, runTransferExperiment(o, m_train, m_test));
        o = small("");
        o.perClass = {};
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, runTransferExperiment(o, m_train, m_test));
        o = small("");
        o.freeze = "up-to";
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, runTransferExperiment(o, m_train, m_test));
        o = small("");
        o.targetClasses = {5, 12};
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, runTransferExperiment(o, m_train, m_test));
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestTransferExperiment)
#include "test_transfer_experiment.moc"
