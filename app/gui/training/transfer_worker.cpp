#include "app/gui/training/transfer_worker.h"

#include <exception>

#include "core/common/job_control.h"
#include "core/nn/data/image_dataset.h"
#include "core/nn/train/memory_errors.h"
#include "core/nn/train/transfer_experiment.h"

namespace convscope::gui {

namespace {

nn::TransferOptions toTransferOptions(const TransferRequest& r) {
    nn::TransferOptions o;
    if (r.model) o.model = *r.model;
    o.pretrainClasses.assign(r.pretrainClasses.begin(), r.pretrainClasses.end());
    o.targetClasses.assign(r.targetClasses.begin(), r.targetClasses.end());
    o.perClass.assign(r.perClass.begin(), r.perClass.end());
    o.pretrainEpochs = r.pretrainEpochs;
    o.epochs = r.epochs;
    o.freeze = r.freeze.toStdString();
    o.seed = r.seed;
    o.device = r.device.toStdString();
    o.threads = r.threads;
    o.limitTest = r.limitTest;
    o.outDir = r.outputDirectory.toStdString();
    return o;
}

TransferCurve toTransferCurve(int index, const nn::TransferRun& run) {
    TransferCurve c;
    c.index = index;
    c.perClass = run.perClass;
    c.pretrained = run.start == "pretrained";
    c.trainImages = run.trainImages;
    for (const nn::TransferPoint& p : run.curve) {
        c.epochs.push_back(p.epoch);
        c.testAccuracy.push_back(p.testAccuracy);
    }
    c.finalTestAccuracy = run.finalTestAccuracy;
    c.seconds = run.seconds;
    c.reused = run.reused;
    return c;
}

QStringList toClassNames(const std::vector<std::string>& names) {
    QStringList out;
    for (const std::string& n : names) out << QString::fromStdString(n);
    return out;
}

}  // namespace

TransferWorker::TransferWorker() = default;
TransferWorker::~TransferWorker() = default;

void TransferWorker::run(const JobToken& token, const TransferRequest& request) {
    TransferOutcome outcome;
    try {
        const QString dir = request.dataDirectory.isEmpty()
                                ? QString::fromStdString(nn::defaultFashionMnistDirectory())
                                : request.dataDirectory;
        if (!m_train || dir != m_dataDirectory) {
            Q_EMIT progress(tr("Loading Fashion-MNIST from %1").arg(dir), 0.0);
            // Both sets or neither: a folder that fails half-way leaves nothing behind for the next try.
            m_train.reset();
            m_test.reset();
            auto train = std::make_unique<nn::ImageDataset>(nn::loadFashionMnist(dir.toStdString(), true));
            m_test = std::make_unique<nn::ImageDataset>(nn::loadFashionMnist(dir.toStdString(), false));
            m_train = std::move(train);
            m_dataDirectory = dir;
        }
        token.throwIfCancelled();
        nn::TransferCallbacks cb;
        cb.isCancelled = [token] { return token.isCancelled(); };
        cb.onProgress = [this](const std::string& stage, double fraction) {
            Q_EMIT progress(QString::fromStdString(stage), fraction);
        };
        cb.onEpoch = [this](int run, const nn::TransferRun& soFar) {
            Q_EMIT curve(toTransferCurve(run, soFar));
        };
        cb.onMessage = [this](const std::string& m) { Q_EMIT message(QString::fromStdString(m)); };
        const nn::TransferResult result =
            nn::runTransferExperiment(toTransferOptions(request), *m_train, *m_test, cb);
        outcome.status = QStringLiteral("finished");
        outcome.pretrain = toTransferCurve(-1, result.pretrain);
        for (std::size_t i = 0; i < result.runs.size(); ++i)
            outcome.runs.push_back(toTransferCurve(int(i), result.runs[i]));
        outcome.pretrainClassNames = toClassNames(result.pretrainClassNames);
        outcome.targetClassNames = toClassNames(result.targetClassNames);
        outcome.seconds = result.seconds;
    } catch (const common::Cancelled&) {
        outcome.status = QStringLiteral("stopped");
        outcome.message = tr("Stopped.");
    } catch (const std::exception& e) {
        outcome.status = QStringLiteral("failed");
        outcome.message = nn::isOutOfMemory(e) ? QString::fromStdString(nn::outOfMemoryMessage())
                                               : QString::fromUtf8(e.what());
    }
    Q_EMIT finished(token.generation(), outcome);
}

}  // namespace convscope::gui
