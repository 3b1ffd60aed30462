#include "app/gui/explain/error_analysis_worker.h"

#include <QFileInfo>
#include <algorithm>
#include <exception>
#include <stdexcept>

#include "app/gui/bridge/explain_bridge.h"
#include "core/nn/data/batch_transform.h"
#include "core/nn/data/image_dataset.h"
#include "core/nn/explain/attribution.h"
#include "core/nn/explain/test_set_outcomes.h"
#include "core/nn/models/model_factory.h"
#include "core/nn/train/checkpoint.h"
#include "core/nn/train/train_config.h"

namespace convscope::gui {

namespace {

// Batches of the test-set pass: large enough to keep LibTorch busy, small enough to cancel quickly.
constexpr int kErrorBatch = 256;

QString errorFirstLine(const char* text) {
    return QString::fromUtf8(text).trimmed().section(QLatin1Char('\n'), 0, 0);
}

}  // namespace

ErrorAnalysisWorker::ErrorAnalysisWorker() = default;

ErrorAnalysisWorker::~ErrorAnalysisWorker() = default;

void ErrorAnalysisWorker::compute(const JobToken& token, const ErrorAnalysisRequest& request) {
    const quint64 generation = token.generation();
    try {
        ErrorAnalysisFrame frame = run(token, request);
        Q_EMIT ready(generation, frame);
    } catch (const common::Cancelled&) {
        // Only a newer request or the window closing cancels; neither listens any more.
        Q_EMIT failed(generation, tr("The error analysis was cancelled."));
    } catch (const nn::CheckpointError& e) {
        Q_EMIT failed(generation, tr("The checkpoint %1 could not be opened: %2")
                                      .arg(request.checkpointPath, QString::fromUtf8(e.what())));
    } catch (const c10::Error& e) {
        // LibTorch's own messages carry a C++ backtrace that means nothing to a learner.
        Q_EMIT failed(generation, tr("The model could not be run on the test set: %1")
                                      .arg(errorFirstLine(e.what_without_backtrace())));
    } catch (const std::exception& e) {
        Q_EMIT failed(generation, QString::fromUtf8(e.what()));
    } catch (...) {
        Q_EMIT failed(generation, tr("The error analysis could not be computed (an unknown error)."));
    }
}

ErrorAnalysisFrame ErrorAnalysisWorker::run(const JobToken& token, const ErrorAnalysisRequest& request) {
    if (request.checkpointPath.isEmpty())
        throw std::invalid_argument(
            tr("Choose a checkpoint file to see which test images its model gets wrong.").toStdString());
    m_checkpoint.load(request.checkpointPath, request.imported);
    const nn::ImageDataset& test = m_testSet.loadFor(
        m_checkpoint.config(), request.dataDirectory,
        tr("Install Debian's dataset-fashion-mnist package, or choose its folder in the Training panel."));
    const nn::TestSetOutcomes& all = outcomes(token, test);

    ErrorAnalysisFrame frame;
    frame.request = request;
    frame.modelSource = tr("%1 (%2, step %3)")
                            .arg(request.checkpointPath,
                                 QString::fromStdString(nn::modelTitle(m_checkpoint.config().model.name)))
                            .arg(m_checkpoint.step());
    for (const std::string& c : test.classNames) frame.classNames << QString::fromStdString(c);
    frame.testCount = all.size();
    qint64 correct = 0;
    for (std::int64_t c : all.confusion()) frame.confusion << qint64(c);
    for (int c = 0; c < all.classes; ++c) correct += frame.confusion.value(c * all.classes + c);
    frame.accuracy = all.size() ? double(correct) / double(all.size()) : 0.0;
    for (const nn::ConfusedPair& p : nn::mostConfusedPairs(all))
        frame.pairs.push_back({p.trueClass, p.predicted, qint64(p.count), p.shareOfTrue});

    std::vector<int> shown;
    if (request.mode == ErrorMode::Cell) {
        if (request.trueClass < 0 || request.trueClass >= all.classes || request.predictedClass < 0 ||
            request.predictedClass >= all.classes)
            throw std::invalid_argument(
                tr("There is no confusion-matrix cell (%1, %2): the model has %3 classes.")
                    .arg(request.trueClass)
                    .arg(request.predictedClass)
                    .arg(all.classes)
                    .toStdString());
        shown = nn::confusionCell(all, request.trueClass, request.predictedClass);
        frame.matching = qint64(shown.size());
        // The most confident first: a confident mistake says more about the model than a coin toss.
        std::stable_sort(shown.begin(), shown.end(), [&all](int a, int b) {
            return all.images[std::size_t(a)].confidence() > all.images[std::size_t(b)].confidence();
        });
        if (int(shown.size()) > request.maxImages) shown.resize(std::size_t(std::max(0, request.maxImages)));
    } else {
        frame.matching = all.size();
        shown = nn::topLosses(all, std::max(0, request.maxImages));
    }

    // Grad-CAM for the predicted class, on exactly the input the outcomes were computed from.
    // The whole transform (an imported model's per-channel normalisation included), augmentation off.
    nn::InputTransform t = m_checkpoint.config().input;
    t.augment = false;
    const torch::Device cpu(torch::kCPU);
    nn::AttributionOptions options;
    options.method = nn::AttributionMethod::GradCam;
    const common::JobControl control = token.control();
    for (std::size_t i = 0; i < shown.size(); ++i) {
        token.throwIfCancelled();
        Q_EMIT progress(token.generation(), int(i), int(shown.size()), tr("Grad-CAM overlays"));
        const int index = shown[i];
        const nn::TestOutcome& o = all.images[std::size_t(index)];
        const torch::Tensor input = nn::prepareBatch(test.images.narrow(0, index, 1), t, 0, cpu)[0];
        options.target = o.predicted;
        const nn::Attribution a = nn::explain(m_checkpoint.model(), input, options, cpu, control);
        ErrorTile tile;
        tile.index = index;
        tile.label = o.label;
        tile.predicted = o.predicted;
        tile.probability = o.confidence();
        tile.loss = o.loss;
        tile.overlay = bridge::toExplainMap(a, bridge::explainBackground(input, t)).overlay;
        frame.layer = QString::fromStdString(a.layer);
        frame.tiles.push_back(tile);
    }
    return frame;
}

const nn::TestSetOutcomes& ErrorAnalysisWorker::outcomes(const JobToken& token,
                                                         const nn::ImageDataset& test) {
    const QString key = m_checkpoint.key() + QLatin1Char('|') + m_testSet.directory();
    if (m_outcomes && key == m_outcomesKey) return *m_outcomes;
    m_outcomes.reset();
    common::JobControl control = token.control();
    const quint64 generation = token.generation();
    control.onProgress = [this, generation](int done, int total) {
        Q_EMIT progress(generation, done, total, tr("evaluating the test set"));
    };
    try {
        m_outcomes = std::make_unique<nn::TestSetOutcomes>(
            nn::testSetOutcomes(m_checkpoint.model(), test, m_checkpoint.config().input,
                                torch::Device(torch::kCPU), kErrorBatch, control));
    } catch (const std::invalid_argument& e) {
        // A model trained for another task (its classes differ from the test set's).
        throw std::runtime_error(tr("The model in %1 cannot be analysed on this test set: %2.")
                                     .arg(m_checkpoint.path(), QString::fromUtf8(e.what()))
                                     .toStdString());
    }
    m_outcomesKey = key;
    return *m_outcomes;
}

}  // namespace convscope::gui
