// The trainer on a synthetic set (and on Fashion-MNIST when installed): the loss falls and accuracy beats
// chance; a run resumed from a checkpoint ends with the same weights as an uninterrupted one; a diverging
// learning rate stops the run with the model restored; cancel and pause work from another thread; bad
// settings are refused.
#include <torch/torch.h>

#include <QTemporaryDir>
#include <QTest>
#include <atomic>
#include <fstream>
#include <limits>
#include <thread>

#include "core/nn/train/checkpoint.h"
#include "core/nn/train/lr_schedule.h"
#include "core/nn/train/memory_errors.h"
#include "core/nn/train/trainer.h"
#include "tests/core/nn/train/synthetic_data.h"
#include "tests/support/test_main.h"

using namespace convscope::nn;
using namespace convscope::nn::testing;

namespace {

TrainConfig quick(const std::string& model = "simplecnn") {
    TrainConfig c;
    c.model.name = model;
    c.epochs = 2;
    c.batchSize = 50;
    c.optimizer = "adam";
    c.learningRate = 3e-3;
    c.weightDecay = 0.0;
    c.schedule = "none";
    c.threads = 1;  // reproducible to the last bit
    c.seed = 11;
    c.logEvery = 2;
    return c;
}

bool sameWeights(ClassifierImpl& a, ClassifierImpl& b) {
    const auto pa = a.parameters(), pb = b.parameters();
    for (std::size_t i = 0; i < pa.size(); ++i)
        if (!torch::equal(pa[i], pb[i])) return false;
    return true;
}

}  // namespace

class TestTrainer : public QObject {
    Q_OBJECT
    ImageDataset m_train = gratingsDataset(600, 1), m_test = gratingsDataset(200, 2);

private Q_SLOTS:
    void learnsAndReports() {
        Trainer t(quick(), m_train, m_test);
        std::vector<BatchMetrics> batches;
        std::vector<EpochMetrics> epochs;
        std::vector<int> predictions;
        TrainCallbacks cb;
        cb.onBatch = [&](const BatchMetrics& m) { batches.push_back(m); };
        cb.onEpoch = [&](const EpochMetrics& e, const std::vector<int>& p) {
            epochs.push_back(e);
            predictions = p;
        };
        int features = 0;
        cb.onFeatures = [&](const FeatureSnapshot& f) {
            ++features;
            QCOMPARE(f.taps.size(), std::size_t(3));
        };
        cb.featureIntervalSeconds = 0.0;
        const TrainResult r = t.run(cb);
        QVERIFY(r.status == TrainStatus::Finished);
        QCOMPARE(int(epochs.size()), 2);
        QCOMPARE(batches.front().batchesPerEpoch, 12);
        QCOMPARE(batches.back().step, std::int64_t(24));
        QVERIFY2(epochs.back().trainLoss < epochs.front().trainLoss, "the loss did not fall");
        QVERIFY2(epochs.back().testAccuracy > 0.5,
                 qPrintable(QString::number(epochs.back().testAccuracy)));  // chance: 0.1
        QVERIFY(features >= 24);
        QCOMPARE(int(predictions.size()), 32);
        // The confusion matrix counts every test image once; its diagonal gives the accuracy.
        std::int64_t total = 0, diagonal = 0;
        for (int i = 0; i < 10; ++i)
            for (int j = 0; j < 10; ++j) {
                total += epochs.back().confusion[std::size_t(i * 10 + j)];
                if (i == j) diagonal += epochs.back().confusion[std::size_t(i * 10 + j)];
            }
        QCOMPARE(total, std::int64_t(200));
        QVERIFY(std::abs(double(diagonal) / 200 - epochs.back().testAccuracy) < 1e-12);
        QCOMPARE(int(epochs.back().perClassAccuracy.size()), 10);
        QVERIFY(batches.back().imagesPerSecond > 0);
    }

    void resumedRunEqualsUninterrupted() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("run.ckpt").toStdString();
        TrainConfig c = quick("lenet5");
        c.optimizer = "sgd";
        c.learningRate = 0.05;
        c.schedule = "cosine";
        c.input.augment = true;
        Trainer straight(c, m_train, m_test);
        QVERIFY(straight.run({}).status == TrainStatus::Finished);

        // Run 1 of 2 epochs, stop, resume for the rest.
        Trainer partA(c, m_train, m_test);
        partA.setCheckpointPath(path);
        TrainCallbacks stopAfterOne;
        stopAfterOne.onEpoch = [&partA](const EpochMetrics& e, const std::vector<int>&) {
            if (e.epoch == 1) partA.cancel();
        };
        QVERIFY(partA.run(stopAfterOne).status == TrainStatus::Cancelled);
        QVERIFY(QFile::exists(dir.filePath("run.ckpt")));
        QVERIFY(!QFile::exists(dir.filePath("run.ckpt.tmp")));
        QCOMPARE(readCheckpointState(path).epochsDone, 1);

        Trainer partB(c, m_train, m_test);
        partB.resumeFrom(path);
        const TrainResult r = partB.run({});
        QVERIFY(r.status == TrainStatus::Finished);
        QCOMPARE(int(r.history.size()), 2);
        QVERIFY2(sameWeights(straight.model(), partB.model()), "the resumed run's weights differ");
        QCOMPARE(r.history.back().testAccuracy, straight.history().back().testAccuracy);
    }

    void checkpointOfAnotherModelIsRefused() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("simple.ckpt").toStdString();
        TrainConfig c = quick();
        c.epochs = 1;
        Trainer t(c, m_train.head(100), m_test.head(50));
        t.setCheckpointPath(path);
        QVERIFY(t.run({}).status == TrainStatus::Finished);
        Trainer other(quick("lenet5"), m_train, m_test);
        try {
            other.resumeFrom(path);
            QFAIL("a SimpleCNN checkpoint was loaded into LeNet-5");
        } catch (const CheckpointError& e) {
            QVERIFY2(std::string(e.what()).find("holds simplecnn") != std::string::npos, e.what());
        }
        std::ofstream(dir.filePath("junk.ckpt").toStdString()) << "not a checkpoint";
        QVERIFY_THROWS_EXCEPTION(CheckpointError,
                                 readCheckpointState(dir.filePath("junk.ckpt").toStdString()));
        QVERIFY_THROWS_EXCEPTION(CheckpointError,
                                 readCheckpointState(dir.filePath("none.ckpt").toStdString()));
        // A truncated checkpoint is damaged, not half-loaded.
        QFile full(QString::fromStdString(path));
        QVERIFY(full.open(QIODevice::ReadOnly));
        const QByteArray bytes = full.readAll();
        QFile half(dir.filePath("half.ckpt"));
        QVERIFY(half.open(QIODevice::WriteOnly));
        half.write(bytes.left(bytes.size() / 2));
        half.close();
        QVERIFY_THROWS_EXCEPTION(CheckpointError,
                                 readCheckpointState(dir.filePath("half.ckpt").toStdString()));
    }

    void divergenceStopsWithTheModelRestored() {
        // Weights poisoned after the first epoch make the next batch's loss NaN, as a diverging learning rate
        // does: the run stops and the model is back at the end of epoch 1.
        TrainConfig c = quick();
        Trainer t(c, m_train, m_test);
        std::vector<torch::Tensor> good;
        TrainCallbacks cb;
        cb.onEpoch = [&](const EpochMetrics& e, const std::vector<int>&) {
            if (e.epoch != 1) return;
            torch::NoGradGuard noGrad;
            for (const torch::Tensor& p : t.model().parameters()) good.push_back(p.detach().clone());
            t.model().parameters().front().fill_(std::numeric_limits<float>::quiet_NaN());
        };
        const TrainResult r = t.run(cb);
        QVERIFY2(r.status == TrainStatus::Diverged, r.message.c_str());
        QVERIFY2(r.message.find("NaN at epoch 2, batch 1") != std::string::npos, r.message.c_str());
        QVERIFY2(r.message.find("end of epoch 1") != std::string::npos, r.message.c_str());
        QVERIFY2(r.message.find("learning rate") != std::string::npos, r.message.c_str());
        QCOMPARE(r.epochsDone, 1);
        const auto after = t.model().parameters();
        for (std::size_t i = 0; i < good.size(); ++i) QVERIFY(torch::equal(good[i], after[i]));
    }

    void cancelAndPauseFromAnotherThread() {
        TrainConfig c = quick();
        c.epochs = 50;
        Trainer t(c, m_train, m_test);
        std::atomic<int> batches{0};
        TrainCallbacks cb;
        cb.onBatch = [&](const BatchMetrics&) { ++batches; };
        std::thread controller([&] {
            while (batches < 2) std::this_thread::sleep_for(std::chrono::milliseconds(1));
            t.pause();
            std::this_thread::sleep_for(std::chrono::milliseconds(150));
            const int paused = batches.load();
            std::this_thread::sleep_for(std::chrono::milliseconds(150));
            QVERIFY(batches.load() <= paused + 1);  // at most the batch under way finishes
            t.resume();
            while (batches < paused + 2) std::this_thread::sleep_for(std::chrono::milliseconds(1));
            t.cancel();
        });
        const TrainResult r = t.run(cb);
        controller.join();
        QVERIFY(r.status == TrainStatus::Cancelled);
        QVERIFY(r.epochsDone < 50);
    }

    void badSettings() {
        TrainConfig c = quick();
        c.batchSize = 0;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Trainer(c, m_train, m_test));
        c = quick();
        c.learningRate = -1;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Trainer(c, m_train, m_test));
        c = quick();
        c.optimizer = "rmsprop";
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Trainer(c, m_train, m_test));
        c = quick();
        c.model.inChannels = 3;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Trainer(c, m_train, m_test));
        c = quick();
        c.device = "cuda";  // falls back to the CPU with a reason when there is no CUDA device
        Trainer t(c, m_train.head(50), m_test.head(20));
        if (!torch::cuda::is_available()) {
            QVERIFY(t.device().device.is_cpu());
            QVERIFY(!t.device().note.empty());
        }
        QVERIFY(isOutOfMemory(std::bad_alloc()));
        QVERIFY(isOutOfMemory(std::runtime_error(
            "[enforce fail at alloc_cpu.cpp:75] DefaultCPUAllocator: can't allocate memory")));
        QVERIFY(!isOutOfMemory(std::runtime_error("shape mismatch")));
        QVERIFY(outOfMemoryMessage().find("smaller batch size") != std::string::npos);
        const TrainConfig back = TrainConfig::fromText(quick().toText());
        QCOMPARE(back.toText(), quick().toText());
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, TrainConfig::fromText("model=resnet18\n"));
    }

    void schedules() {
        QCOMPARE(learningRateAt("none", 0.1, 50, 100, 10), 0.1);
        QVERIFY(std::abs(learningRateAt("cosine", 0.1, 0, 100, 10) - 0.1) < 1e-12);
        QVERIFY(std::abs(learningRateAt("cosine", 0.1, 50, 100, 10) - 0.05) < 1e-12);
        QVERIFY(std::abs(learningRateAt("step", 0.1, 49, 100, 10) - 0.1) < 1e-12);
        QVERIFY(std::abs(learningRateAt("step", 0.1, 50, 100, 10) - 0.01) < 1e-12);
        QVERIFY(std::abs(learningRateAt("step", 0.1, 80, 100, 10) - 0.001) < 1e-12);
        QVERIFY(std::abs(learningRateAt("onecycle", 0.1, 0, 100, 10) - 0.004) < 1e-12);
        QVERIFY(std::abs(learningRateAt("onecycle", 0.1, 30, 100, 10) - 0.1) < 1e-12);
        QVERIFY(learningRateAt("onecycle", 0.1, 100, 100, 10) < 1e-4);
    }

    void fashionMnistBeatsChance() {
        if (!QFile::exists("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz"))
            QSKIP("dataset-fashion-mnist is not installed");
        const ImageDataset train = loadFashionMnist(defaultFashionMnistDirectory(), true);
        const ImageDataset test = loadFashionMnist(defaultFashionMnistDirectory(), false);
        QCOMPARE(train.size(), std::int64_t(60000));
        QCOMPARE(test.size(), std::int64_t(10000));
        TrainConfig c = quick("lenet5");
        c.epochs = 1;
        c.limitTrain = 3000;
        c.limitTest = 1000;
        c.threads = 2;
        Trainer t(c, train, test);
        const TrainResult r = t.run({});
        QVERIFY(r.status == TrainStatus::Finished);
        QVERIFY2(r.history.back().testAccuracy > 0.55,
                 qPrintable(QString::number(r.history.back().testAccuracy)));
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestTrainer)
#include "test_trainer.moc"
