#include "app/gui/training/training_worker.h"

#include <QElapsedTimer>
#include <exception>

#include "app/gui/bridge/feature_bridge.h"
#include "app/gui/bridge/model_image.h"
#include "app/gui/training/folder_training_data.h"
#include "app/gui/training/instrument_frame_conversion.h"
#include "app/gui/training/live_explanation.h"
#include "app/gui/training/run_store.h"
#include "core/common/job_control.h"
#include "core/nn/data/image_dataset.h"
#include "core/nn/train/checkpoint.h"
#include "core/nn/train/initial_weights.h"
#include "core/nn/train/memory_errors.h"
#include "core/nn/train/trainer.h"

namespace convscope::gui {

namespace {

TestSamples makeSamples(const nn::ImageDataset& test, int count) {
    TestSamples s;
    for (const std::string& name : test.classNames) s.classNames << QString::fromStdString(name);
    const int n = int(std::min<std::int64_t>(count, test.size()));
    for (int i = 0; i < n; ++i) {
        // Grey for Fashion-MNIST and grey folders, colour for a colour folder.
        s.images.push_back(bridge::datasetPicture(test.images[i]));
        s.labels.push_back(int(test.labels[i].item<std::int64_t>()));
    }
    return s;
}

BatchPoint toPoint(const nn::BatchMetrics& m) {
    return {m.epoch,    m.batch,        m.batchesPerEpoch, m.step,      m.loss,
            m.accuracy, m.learningRate, m.imagesPerSecond, m.etaSeconds};
}

EpochPoint toPoint(const nn::EpochMetrics& e, const std::vector<int>& predictions) {
    EpochPoint p;
    p.epoch = e.epoch;
    p.trainLoss = e.trainLoss;
    p.trainAccuracy = e.trainAccuracy;
    p.testLoss = e.testLoss;
    p.testAccuracy = e.testAccuracy;
    p.seconds = e.seconds;
    p.perClassAccuracy = QVector<double>(e.perClassAccuracy.begin(), e.perClassAccuracy.end());
    for (std::int64_t c : e.confusion) p.confusion.push_back(qint64(c));
    p.predictions = QVector<int>(predictions.begin(), predictions.end());
    return p;
}

}  // namespace

TrainingWorker::TrainingWorker() = default;
TrainingWorker::~TrainingWorker() = default;

void TrainingWorker::pause() {
    const std::lock_guard<std::mutex> lock(m_mutex);
    if (m_trainer) m_trainer->pause();
}

void TrainingWorker::resume() {
    const std::lock_guard<std::mutex> lock(m_mutex);
    if (m_trainer) m_trainer->resume();
}

void TrainingWorker::run(const JobToken& token, const TrainingRequest& request) {
    const quint64 generation = token.generation();
    RunRecord record;
    try {
        nn::TrainConfig config = request.config;
        if (!config.init.empty() && config.model.name != "torchscript") {
            // The architecture and input size of the weights started from; the classes are the new data's.
            config.model = nn::initialModelOf(config.init);
            config.model.classes = nn::ModelConfig{}.classes;
            config.input.size = config.model.inputSize;
        }
        // A TorchScript file (model.file == init) comes with its model and input from the form
        // (importedConfig): the file cannot tell them.
        const QString dir = request.dataDirectory.isEmpty()
                                ? QString::fromStdString(nn::defaultFashionMnistDirectory())
                                : request.dataDirectory;
        if (!config.dataFolder.empty()) {
            Q_EMIT message(tr("Decoding %1…").arg(QString::fromStdString(config.dataFolder)));
            FolderTrainingData folder = loadFolderForTraining(
                config, [this](std::int64_t done, std::int64_t total) { Q_EMIT decoding(done, total); },
                [token] { return token.isCancelled(); });
            m_train = std::make_unique<nn::ImageDataset>(std::move(folder.train));
            m_test = std::make_unique<nn::ImageDataset>(std::move(folder.test));
            m_dataDirectory.clear();  // the next Fashion-MNIST run loads its files again
            QStringList lines{QString::fromStdString(folder.summary)};
            for (const std::string& w : folder.warnings) lines << QString::fromStdString(w);
            Q_EMIT message(lines.join(QLatin1Char('\n')));
        } else if (!m_train || dir != m_dataDirectory) {
            Q_EMIT message(tr("Loading Fashion-MNIST from %1…").arg(dir));
            m_train = std::make_unique<nn::ImageDataset>(nn::loadFashionMnist(dir.toStdString(), true));
            m_test = std::make_unique<nn::ImageDataset>(nn::loadFashionMnist(dir.toStdString(), false));
            m_dataDirectory = dir;
        }
        // The instruments of training (gradient and weight norms, update ratios, dead ReLUs) feed the
        // panel's gradient views and the Architecture diagram; bench_instruments measured them at ≥ 0.95×
        // the throughput without them.
        config.instruments = true;
        nn::Trainer trainer(config, *m_train, *m_test);
        QString error;
        // The trainer's settings: with the lineage of the weights it started from.
        record = RunStore::create(request.runsDirectory, trainer.config(), &error);
        if (record.id.isEmpty()) throw std::runtime_error(error.toStdString());
        trainer.setCheckpointPath(record.checkpointPath().toStdString());
        if (token.isCancelled()) {
            RunStore::setStatus(record, QStringLiteral("stopped"), tr("Stopped before the first batch."));
            Q_EMIT finished(generation, QStringLiteral("stopped"), tr("Stopped before the first batch."),
                            RunStore::load(record.directory));
            return;
        }
        {
            const std::lock_guard<std::mutex> lock(m_mutex);
            m_trainer = &trainer;
        }
        Q_EMIT started(record, QString::fromStdString(trainer.device().description),
                       nn::parameterCount(trainer.model()));
        const nn::ImageDataset testSubset = m_test->head(config.limitTest);
        Q_EMIT samples(makeSamples(testSubset, 32));
        QStringList classNames;
        for (const std::string& n : m_test->classNames) classNames << QString::fromStdString(n);

        nn::TrainCallbacks cb;
        cb.isCancelled = [token] { return token.isCancelled(); };
        cb.onMessage = [this](const std::string& m) { Q_EMIT message(QString::fromStdString(m)); };
        cb.onEpoch = [this, &record](const nn::EpochMetrics& e, const std::vector<int>& predictions) {
            const EpochPoint p = toPoint(e, predictions);
            RunStore::appendEpoch(record, p);
            Q_EMIT epoch(p);
        };
        const int featureImage =
            std::clamp<int>(request.featureImage, 0, int(std::max<std::int64_t>(1, testSubset.size()) - 1));
        const int trueLabel =
            testSubset.size() ? int(testSubset.labels[featureImage].item<std::int64_t>()) : -1;
        std::int64_t stepNow = 0;
        cb.onBatch = [this, &record, &stepNow](const nn::BatchMetrics& m) {
            stepNow = m.step;
            const BatchPoint p = toPoint(m);
            RunStore::appendBatch(record, p);
            Q_EMIT batch(p);
            if (!m.instruments.empty()) {
                const InstrumentFrame f = toInstrumentFrame(m);
                RunStore::appendInstruments(record, f);
                Q_EMIT instruments(f);
            }
        };
        cb.onFeatures = [&, this](const nn::FeatureSnapshot& s) {
            const QString source =
                tr("test image %1 (%2)").arg(featureImage).arg(classNames.value(trueLabel));
            Q_EMIT features(bridge::toFeatureFrame(s, trainer.model(), classNames, source,
                                                   tr("the run being trained (step %1)").arg(stepNow),
                                                   trueLabel, stepNow));
            if (m_explainLive.load() && testSubset.size() > 0)
                Q_EMIT explanation(liveExplanation(trainer.model(), testSubset.images[featureImage],
                                                   config.input, trainer.device().device, classNames, source,
                                                   stepNow, trueLabel));
        };
        cb.featureIntervalSeconds = request.featureIntervalSeconds;
        cb.featureImage = featureImage;
        const nn::TrainResult result = trainer.run(cb);
        {
            const std::lock_guard<std::mutex> lock(m_mutex);
            m_trainer = nullptr;
        }
        const QString status = result.status == nn::TrainStatus::Finished   ? QStringLiteral("finished")
                               : result.status == nn::TrainStatus::Diverged ? QStringLiteral("diverged")
                                                                            : QStringLiteral("stopped");
        const QString text = QString::fromStdString(result.message);
        RunStore::setStatus(record, status, text);
        Q_EMIT finished(generation, status, text, RunStore::load(record.directory));
    } catch (const common::Cancelled&) {
        // Stop pressed while an image folder was decoding: before the run's folder was made.
        const QString text = tr("Stopped while decoding the images.");
        if (!record.id.isEmpty()) RunStore::setStatus(record, QStringLiteral("stopped"), text);
        Q_EMIT finished(generation, QStringLiteral("stopped"), text,
                        record.id.isEmpty() ? RunRecord{} : RunStore::load(record.directory));
    } catch (const std::exception& e) {
        {
            const std::lock_guard<std::mutex> lock(m_mutex);
            m_trainer = nullptr;
        }
        const QString text = nn::isOutOfMemory(e) ? QString::fromStdString(nn::outOfMemoryMessage())
                                                  : QString::fromUtf8(e.what());
        if (!record.id.isEmpty()) RunStore::setStatus(record, QStringLiteral("failed"), text);
        Q_EMIT finished(generation, QStringLiteral("failed"), text,
                        record.id.isEmpty() ? RunRecord{} : RunStore::load(record.directory));
    }
}

}  // namespace convscope::gui
