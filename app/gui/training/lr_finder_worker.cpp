#include "app/gui/training/lr_finder_worker.h"

#include <exception>

#include "app/gui/training/folder_training_data.h"
#include "core/common/job_control.h"
#include "core/nn/data/image_dataset.h"
#include "core/nn/train/initial_weights.h"
#include "core/nn/train/lr_finder.h"
#include "core/nn/train/memory_errors.h"

namespace convscope::gui {

LrFinderWorker::LrFinderWorker() = default;
LrFinderWorker::~LrFinderWorker() = default;

void LrFinderWorker::run(const JobToken& token, const TrainingRequest& request, double startLr, double endLr,
                         int steps) {
    const quint64 generation = token.generation();
    LrFinderOutcome outcome;
    outcome.rule = QString::fromStdString(nn::lrSuggestionRule());
    try {
        nn::TrainConfig config = request.config;
        // As TrainingWorker prepares a run: the weights started from fix the architecture and input size.
        if (!config.init.empty() && config.model.name != "torchscript") {
            config.model = nn::initialModelOf(config.init);
            config.model.classes = nn::ModelConfig{}.classes;
            config.input.size = config.model.inputSize;
        }
        const QString dir = request.dataDirectory.isEmpty()
                                ? QString::fromStdString(nn::defaultFashionMnistDirectory())
                                : request.dataDirectory;
        if (!config.dataFolder.empty()) {
            Q_EMIT message(tr("Decoding %1…").arg(QString::fromStdString(config.dataFolder)));
            FolderTrainingData folder = loadFolderForTraining(
                config, [](std::int64_t, std::int64_t) {}, [token] { return token.isCancelled(); });
            m_train = std::make_unique<nn::ImageDataset>(std::move(folder.train));
            m_test = std::make_unique<nn::ImageDataset>(std::move(folder.test));
            m_dataDirectory.clear();
        } else if (!m_train || dir != m_dataDirectory) {
            Q_EMIT message(tr("Loading Fashion-MNIST from %1…").arg(dir));
            m_train.reset();
            m_test.reset();
            auto train = std::make_unique<nn::ImageDataset>(nn::loadFashionMnist(dir.toStdString(), true));
            m_test = std::make_unique<nn::ImageDataset>(nn::loadFashionMnist(dir.toStdString(), false));
            m_train = std::move(train);
            m_dataDirectory = dir;
        }
        token.throwIfCancelled();
        Q_EMIT message(tr("Testing learning rates from %1 to %2…").arg(startLr).arg(endLr));
        nn::LrFinderOptions options;
        options.startLr = startLr;
        options.endLr = endLr;
        options.steps = steps;
        nn::LrFinderCallbacks cb;
        cb.isCancelled = [token] { return token.isCancelled(); };
        cb.onPoint = [this, generation](const nn::LrFinderPoint& p, int step, int total) {
            Q_EMIT point(generation, p.lr, p.loss, p.smoothedLoss, step, total);
        };
        const nn::LrFinderResult r = nn::findLearningRate(config, *m_train, *m_test, options, cb);
        for (const nn::LrFinderPoint& p : r.points) {
            outcome.lr << p.lr;
            outcome.loss << p.loss;
            outcome.smoothedLoss << p.smoothedLoss;
        }
        outcome.status = QStringLiteral("finished");
        outcome.message = QString::fromStdString(r.message);
        outcome.suggestedIndex = r.suggestedIndex;
        outcome.suggestedLr = r.suggestedLr;
        outcome.stoppedEarly = r.stoppedEarly;
    } catch (const common::Cancelled&) {
        outcome.status = QStringLiteral("stopped");
        outcome.message = tr("Stopped.");
    } catch (const std::exception& e) {
        outcome.status = QStringLiteral("failed");
        outcome.message = nn::isOutOfMemory(e) ? QString::fromStdString(nn::outOfMemoryMessage())
                                               : QString::fromUtf8(e.what());
    }
    Q_EMIT finished(generation, outcome);
}

}  // namespace convscope::gui
