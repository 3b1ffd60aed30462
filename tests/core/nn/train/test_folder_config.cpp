// A run on an image folder in the training settings and the checkpoint: the folder, the split, the class
// names and the normalisation survive the text form exactly; settings written before image folders existed
// still load (as Fashion-MNIST runs); a Fashion-MNIST run's text is what it always was; a class without test
// images (NaN accuracy) does not make the checkpoint unreadable.
#include <torch/torch.h>

#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <limits>

#include "core/nn/models/model_factory.h"
#include "core/nn/train/checkpoint.h"
#include "core/nn/train/train_config.h"
#include "tests/support/test_main.h"

using namespace convscope::nn;

namespace {

// The settings text of a checkpoint written before image folders existed, key for key.
const char* const kOldText =
    "model=simplecnn\nin_channels=1\nclasses=10\nsize=28\nstem=small\nblock=\nskip=1\naugment=0\nepochs=3\n"
    "batch_size=64\noptimizer=adam\nlr=0.002\nmomentum=0.90000000000000002\nweight_decay=0\nschedule=none\n"
    "device=cpu\nthreads=0\nseed=4\nlimit_train=0\nlimit_test=0\nlog_every=10\n";

TrainConfig folderRun() {
    TrainConfig c;
    c.model.name = "simplecnn";
    c.model.inChannels = 3;
    c.model.classes = 3;
    c.dataFolder = "/data/my photos/pets";
    c.testFraction = 0.15;
    c.splitSeed = 12345678901234ULL;
    c.classNames = {"cat", "dog and puppy", "Ünïcode"};
    c.input.mean = 0.41234567890123456;
    c.input.stdev = 0.27654321098765432;
    return c;
}

}  // namespace

class TestFolderConfig : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void folderRunRoundTrips() {
        const TrainConfig c = folderRun();
        c.validate();
        const TrainConfig back = TrainConfig::fromText(c.toText());
        QCOMPARE(back.dataFolder, c.dataFolder);
        QCOMPARE(back.testFraction, c.testFraction);
        QCOMPARE(back.splitSeed, c.splitSeed);
        QCOMPARE(back.classNames, c.classNames);
        QCOMPARE(back.input.mean, c.input.mean);  // bit for bit: 17 significant digits
        QCOMPARE(back.input.stdev, c.input.stdev);
        QCOMPARE(back.model.inChannels, 3);
        QCOMPARE(back.toText(), c.toText());
    }

    void oldSettingsStillLoad() {
        const TrainConfig old = TrainConfig::fromText(kOldText);
        QVERIFY(old.dataFolder.empty());
        QVERIFY(old.classNames.empty());
        QCOMPARE(old.testFraction, 0.2);
        QCOMPARE(old.splitSeed, std::uint64_t(1));
        QCOMPARE(old.input.mean, 0.2860);  // Fashion-MNIST's, as those runs used
        QCOMPARE(old.input.stdev, 0.3530);
        QCOMPARE(old.epochs, 3);
        old.validate();
        // A Fashion-MNIST run writes none of the new keys, so older readers see the text they know.
        const std::string text = old.toText();
        for (const char* key :
             {"data_folder=", "test_fraction=", "split_seed=", "class_names=", "input_mean=", "input_std="})
            QVERIFY2(text.find(key) == std::string::npos, key);
    }

    void badValuesAreRefused() {
        TrainConfig c = folderRun();
        c.testFraction = 1.0;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, c.validate());
        c = folderRun();
        c.input.stdev = 0.0;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, c.validate());
        // A folder run whose split keys are cut off is damaged, not silently a different split.
        std::string text = folderRun().toText();
        text.erase(text.find("test_fraction="),
                   text.find('\n', text.find("test_fraction=")) + 1 - text.find("test_fraction="));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, TrainConfig::fromText(text));
    }

    void checkpointWithAnEmptyClass() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("run.ckpt").toStdString();
        const TrainConfig c = folderRun();
        Classifier model = makeModel(c.model);
        EpochMetrics e;
        e.epoch = 1;
        e.perClassAccuracy = {0.5, std::numeric_limits<double>::quiet_NaN(), 1.0};
        e.confusion = {1, 1, 0, 0, 0, 0, 0, 0, 2};
        saveCheckpoint(path, *model, nullptr, {c, 1, 10, {e}});
        const CheckpointState s = readCheckpointState(path);
        QCOMPARE(s.history.size(), std::size_t(1));
        QCOMPARE(s.history[0].perClassAccuracy[0], 0.5);
        QVERIFY(std::isnan(s.history[0].perClassAccuracy[1]));
        QCOMPARE(s.history[0].perClassAccuracy[2], 1.0);
        QCOMPARE(s.history[0].confusion, e.confusion);
        QCOMPARE(s.config.classNames, c.classNames);
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestFolderConfig)
#include "test_folder_config.moc"
