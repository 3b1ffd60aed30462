// A save that fails part-way (a full disk, simulated by RLIMIT_FSIZE with SIGXFSZ ignored, so that write(2)
// fails with EFBIG as it would with ENOSPC) keeps the previous checkpoint byte for byte and loadable, leaves
// no temporary file, and says that the previous checkpoint is kept; the trainer stops with that message.
#include <sys/resource.h>

#include <torch/torch.h>

#include <QTemporaryDir>
#include <QTest>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "core/nn/train/checkpoint.h"
#include "core/nn/train/trainer.h"
#include "tests/core/nn/train/synthetic_data.h"
#include "tests/support/test_main.h"

using namespace convscope::nn;
using namespace convscope::nn::testing;

namespace {

TrainConfig quick() {
    TrainConfig c;
    c.model.name = "lenet5";
    c.epochs = 1;
    c.batchSize = 50;
    c.optimizer = "adam";
    c.learningRate = 3e-3;
    c.weightDecay = 0.0;
    c.schedule = "none";
    c.threads = 1;
    c.seed = 5;
    return c;
}

std::string bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// While alive, files written by this process cannot grow past `limit` bytes: writes beyond it fail with
// EFBIG instead of killing the process (SIGXFSZ ignored).
class FileSizeLimit {
public:
    explicit FileSizeLimit(rlim_t limit) {
        getrlimit(RLIMIT_FSIZE, &m_old);
        m_handler = std::signal(SIGXFSZ, SIG_IGN);
        rlimit r = m_old;
        r.rlim_cur = limit;
        m_ok = setrlimit(RLIMIT_FSIZE, &r) == 0;
    }
    ~FileSizeLimit() {
        setrlimit(RLIMIT_FSIZE, &m_old);
        std::signal(SIGXFSZ, m_handler);
    }
    bool ok() const { return m_ok; }

private:
    rlimit m_old{};
    void (*m_handler)(int) = nullptr;
    bool m_ok = false;
};

}  // namespace

class TestCheckpointWriteFailure : public QObject {
    Q_OBJECT
    ImageDataset m_train = gratingsDataset(200, 1), m_test = gratingsDataset(100, 2);

private Q_SLOTS:
    void failedSaveKeepsThePreviousCheckpoint() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("run.ckpt").toStdString();
        Trainer first(quick(), m_train, m_test);
        first.setCheckpointPath(path);
        QCOMPARE(first.run({}).status, TrainStatus::Finished);
        const std::string before = bytes(path);
        QVERIFY(before.size() > 20000);

        QString message;
        {
            const FileSizeLimit limit(8192);  // a few kB: the save fails in the middle of the weights
            QVERIFY(limit.ok());
            try {
                saveCheckpoint(path, first.model(), nullptr, {quick(), 1, 0, {}});
                QFAIL("the save should have failed");
            } catch (const CheckpointError& e) {
                message = QString::fromStdString(e.what());
            }
        }
        QVERIFY2(message.contains("could not be written") && message.contains("previous checkpoint") &&
                     message.contains("kept"),
                 qPrintable(message));
        QVERIFY(bytes(path) == before);
        QVERIFY(!std::filesystem::exists(path + ".tmp"));
        QCOMPARE(readCheckpointState(path).epochsDone, 1);
    }

    void firstSaveThatFailsLeavesNothing() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("new.ckpt").toStdString();
        Trainer t(quick(), m_train, m_test);
        QString message;
        {
            const FileSizeLimit limit(8192);
            try {
                saveCheckpoint(path, t.model(), nullptr, {quick(), 0, 0, {}});
                QFAIL("the save should have failed");
            } catch (const CheckpointError& e) {
                message = QString::fromStdString(e.what());
            }
        }
        QVERIFY2(message.contains("nothing was saved"), qPrintable(message));
        QVERIFY(!std::filesystem::exists(path));
        QVERIFY(!std::filesystem::exists(path + ".tmp"));
    }

    // The trainer stops at the epoch whose save failed and says where the last good checkpoint is.
    void trainerStopsWithTheMessage() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("run.ckpt").toStdString();
        {
            Trainer first(quick(), m_train, m_test);
            first.setCheckpointPath(path);
            QCOMPARE(first.run({}).status, TrainStatus::Finished);
        }
        const std::string before = bytes(path);
        TrainConfig longer = quick();
        longer.epochs = 2;
        Trainer second(longer, m_train, m_test);
        second.resumeFrom(path);
        second.setCheckpointPath(path);
        QString message;
        {
            const FileSizeLimit limit(8192);
            try {
                second.run({});
                QFAIL("the run should have stopped at the failed save");
            } catch (const CheckpointError& e) {
                message = QString::fromStdString(e.what());
            }
        }
        QVERIFY2(message.contains("epoch 2") && message.contains("epoch 1") && message.contains("kept"),
                 qPrintable(message));
        QVERIFY(bytes(path) == before);
        QVERIFY(!std::filesystem::exists(path + ".tmp"));
        QCOMPARE(readCheckpointState(path).epochsDone, 1);
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestCheckpointWriteFailure)
#include "test_checkpoint_write_failure.moc"
