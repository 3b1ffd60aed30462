#include "app/gui/training/degradation_worker.h"

#include <exception>

#include "app/gui/training/instrument_frame_conversion.h"
#include "core/common/job_control.h"
#include "core/nn/data/image_dataset.h"
#include "core/nn/train/degradation_experiment.h"
#include "core/nn/train/memory_errors.h"

namespace convscope::gui {

namespace {

nn::DegradationOptions toDegradationOptions(const DegradationRequest& r) {
    nn::DegradationOptions o;
    o.models.clear();
    for (const QString& m : r.models) o.models.push_back(m.toStdString());
    o.epochs = r.epochs;
    o.limitTrain = r.limitTrain;
    o.limitTest = r.limitTest;
    o.logEvery = r.logEvery;
    o.seed = r.seed;
    o.device = r.device.toStdString();
    o.threads = r.threads;
    if (r.batchSize > 0) o.batchSize = r.batchSize;
    return o;
}

DegradationRunInfo toRunInfo(int index, const nn::DegradationRun& run, int batchSize) {
    DegradationRunInfo i;
    i.index = index;
    i.model = QString::fromStdString(run.model);
    i.depth = run.depth;
    i.residual = run.residual;
    i.parameters = run.parameters;
    i.trainImages = run.trainImages;
    i.batchesPerEpoch = int((run.trainImages + batchSize - 1) / batchSize);
    return i;
}

}  // namespace

DegradationWorker::DegradationWorker() = default;
DegradationWorker::~DegradationWorker() = default;

void DegradationWorker::run(const JobToken& token, const DegradationRequest& request) {
    DegradationOutcome outcome;
    const nn::DegradationOptions options = toDegradationOptions(request);
    nn::DegradationResult partial;  // the runs that finished, for a stopped experiment
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
        nn::DegradationCallbacks cb;
        cb.isCancelled = [token] { return token.isCancelled(); };
        cb.onProgress = [this](const std::string& stage, double fraction) {
            Q_EMIT progress(QString::fromStdString(stage), fraction);
        };
        int batchesPerEpoch = 1;
        cb.onRunStarted = [this, &options, &batchesPerEpoch](int index, const nn::DegradationRun& run) {
            const DegradationRunInfo info = toRunInfo(index, run, options.batchSize);
            batchesPerEpoch = info.batchesPerEpoch;
            Q_EMIT runStarted(info);
        };
        cb.onBatch = [this](int index, const nn::BatchMetrics& m) {
            Q_EMIT batch(index, m.step, m.loss, toInstrumentFrame(m));
        };
        cb.onEpoch = [this, &batchesPerEpoch](int index, const nn::EpochMetrics& e) {
            Q_EMIT epoch(index, e.epoch, qint64(e.epoch) * batchesPerEpoch, e.trainLoss,
                         1.0 - e.testAccuracy);
        };
        cb.onRunFinished = [&partial](int, const nn::DegradationRun& run) { partial.runs.push_back(run); };
        cb.onMessage = [this](const std::string& m) { Q_EMIT message(QString::fromStdString(m)); };
        const nn::DegradationResult result = nn::runDegradationExperiment(options, *m_train, *m_test, cb);
        outcome.status = QStringLiteral("finished");
        outcome.seconds = result.seconds;
    } catch (const common::Cancelled&) {
        outcome.status = QStringLiteral("stopped");
        outcome.message = tr("Stopped.");
    } catch (const std::exception& e) {
        outcome.status = QStringLiteral("failed");
        outcome.message = nn::isOutOfMemory(e) ? QString::fromStdString(nn::outOfMemoryMessage())
                                               : QString::fromUtf8(e.what());
    }
    for (std::size_t i = 0; i < partial.runs.size(); ++i) {
        const nn::DegradationRun& run = partial.runs[i];
        DegradationRunSummary s;
        s.info = toRunInfo(int(i), run, options.batchSize);
        s.finalTrainLoss = nn::finalTrainLoss(run);
        s.finalTestError = run.epochs.empty() ? 0.0 : run.epochs.back().testError;
        s.seconds = run.seconds;
        outcome.runs.push_back(s);
    }
    outcome.summary = QString::fromStdString(nn::describeDegradation(partial));
    Q_EMIT finished(token.generation(), outcome);
}

}  // namespace convscope::gui
