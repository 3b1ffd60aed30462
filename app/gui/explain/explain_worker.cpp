#include "app/gui/explain/explain_worker.h"

#include <QFileInfo>
#include <cstring>
#include <exception>
#include <stdexcept>

#include "app/gui/bridge/explain_bridge.h"
#include "app/gui/bridge/model_image.h"
#include "app/gui/bridge/model_source.h"
#include "core/nn/data/batch_transform.h"
#include "core/nn/data/image_dataset.h"
#include "core/nn/explain/attribution.h"
#include "core/nn/models/model_factory.h"
#include "core/nn/train/checkpoint.h"
#include "core/nn/train/initial_weights.h"
#include "core/nn/train/train_config.h"
#include "widgets/common/number_text.h"

namespace convscope::gui {

namespace {

// Photographs are brought to the stored images' resolution first, as in the Feature maps panel and
// `convscope-cli explain --image`, so that the model's own transform then treats both alike.
constexpr int kExplainDatasetSide = 28;
// Overlays are enlarged to at least this side (each input pixel a sharp block, as the CLI's --png draws).
constexpr int kExplainOverlaySide = 168;

QString explainFirstLine(const char* text) {
    return QString::fromUtf8(text).trimmed().section(QLatin1Char('\n'), 0, 0);
}

}  // namespace

ExplainWorker::ExplainWorker() = default;

ExplainWorker::~ExplainWorker() = default;

void ExplainWorker::compute(const JobToken& token, const ExplainRequest& request) {
    const quint64 generation = token.generation();
    try {
        ExplainFrame frame = run(token, request);
        Q_EMIT ready(generation, frame);
    } catch (const common::Cancelled&) {
        // Only a newer request or the window closing cancels; neither listens any more.
        Q_EMIT failed(generation, tr("The explanation was cancelled."));
    } catch (const nn::CheckpointError& e) {
        Q_EMIT failed(generation, tr("The checkpoint %1 could not be opened: %2")
                                      .arg(request.checkpointPath, QString::fromUtf8(e.what())));
    } catch (const c10::Error& e) {
        // LibTorch's own messages carry a C++ backtrace that means nothing to a learner.
        Q_EMIT failed(generation, tr("The model could not explain this image: %1")
                                      .arg(explainFirstLine(e.what_without_backtrace())));
    } catch (const std::exception& e) {
        Q_EMIT failed(generation, QString::fromUtf8(e.what()));
    } catch (...) {
        Q_EMIT failed(generation, tr("The explanation could not be computed (an unknown error)."));
    }
}

ExplainFrame ExplainWorker::run(const JobToken& token, const ExplainRequest& request) {
    if (request.checkpointPath.isEmpty())
        throw std::invalid_argument(tr("Choose a checkpoint file to explain its decisions.").toStdString());
    m_checkpoint.load(request.checkpointPath, request.imported);
    ExplainFrame frame;
    // An imported model (or a run on another data set, or on some classes) names its own classes.
    std::vector<std::string> classes = nn::trainedClassNames(m_checkpoint.config());
    if (classes.empty()) classes = nn::fashionMnistClasses();
    for (const std::string& c : classes) frame.classNames << QString::fromStdString(c);
    torch::Tensor pixels;
    if (request.testIndex >= 0) {
        const nn::ImageDataset& test = m_testSet.loadFor(
            m_checkpoint.config(), request.dataDirectory,
            tr("Install Debian's dataset-fashion-mnist package, or choose the open image."));
        if (request.testIndex >= test.size())
            throw std::out_of_range(tr("There is no test image %1: the test set in %2 holds %3 images.")
                                        .arg(request.testIndex)
                                        .arg(m_testSet.directory())
                                        .arg(test.size())
                                        .toStdString());
        pixels = test.images[request.testIndex];
        const int label = int(test.labels[request.testIndex].item<std::int64_t>());
        // The test set's own names: a folder run's, or the run's class subset of Fashion-MNIST's.
        const std::vector<std::string>& names =
            test.classNames.empty() ? nn::fashionMnistClasses() : test.classNames;
        frame.source = tr("test image %1 (%2)")
                           .arg(request.testIndex)
                           .arg(label < int(names.size()) ? QString::fromStdString(names[std::size_t(label)])
                                                          : QString::number(label));
        // The label is one of the model's classes only when the model was trained on the same classes.
        frame.trueLabel = label < int(classes.size()) && label < int(names.size()) &&
                                  classes[std::size_t(label)] == names[std::size_t(label)]
                              ? label
                              : -1;
    } else {
        if (request.image.empty())
            throw std::invalid_argument(
                tr("There is no open image: open one, or choose a Fashion-MNIST test image.").toStdString());
        QString steps;
        pixels = bridge::photographInput(request.image, m_checkpoint.config().input,
                                         m_checkpoint.isImported(), steps);
        const QString name = request.imageName.isEmpty() ? tr("the open image") : request.imageName;
        frame.source = name + QStringLiteral(": ") + steps;
    }
    frame.modelSource = bridge::modelSourceText(m_checkpoint);

    // The model's input exactly as `convscope-cli explain` makes it: C × S × S, normalised with the whole
    // transform (per-channel normalisation and channel count included), augmentation off.
    nn::InputTransform t = m_checkpoint.config().input;
    t.augment = false;
    const torch::Device cpu(torch::kCPU);
    const torch::Tensor input = nn::prepareBatch(pixels.unsqueeze(0), t, 0, cpu)[0];
    const bridge::ExplainBackground bg = bridge::explainBackground(input, t);
    frame.input = bridge::explainInputImage(bg);

    nn::AttributionOptions options;
    options.target = request.target;
    // The CLI's 4-pixel window at 28×28, scaled with the input so a 224 model costs as many passes.
    const int side = std::min(bg.height, bg.width);
    options.windowHeight = options.windowWidth = std::max(1, 4 * side / kExplainDatasetSide);
    options.strideY = options.strideX = std::max(1, side / kExplainDatasetSide);
    const common::JobControl control = token.control();
    const std::vector<nn::AttributionMethodInfo>& methods = nn::attributionMethods();
    const int total = int(methods.size()) + 1;
    for (std::size_t i = 0; i < methods.size(); ++i) {
        token.throwIfCancelled();
        Q_EMIT progress(token.generation(), int(i), total, QString::fromStdString(methods[i].title));
        options.method = methods[i].method;
        const nn::Attribution a = nn::explain(m_checkpoint.model(), input, options, cpu, control);
        if (i == 0) {
            frame.predicted = a.predicted;
            frame.target = a.target;
            frame.probabilities = QVector<float>(a.probabilities.begin(), a.probabilities.end());
        }
        frame.methods.push_back(bridge::toExplainMap(a, bg));
    }
    token.throwIfCancelled();
    Q_EMIT progress(token.generation(), total - 1, total, tr("the Grad-CAM layer strip"));
    for (const nn::Attribution& a : nn::gradCamStrip(m_checkpoint.model(), input, frame.target, cpu))
        frame.strip.push_back(bridge::toExplainMap(a, bg));
    // A model with another class count (trained elsewhere) still gets a name for every score.
    while (frame.classNames.size() < frame.probabilities.size())
        frame.classNames << tr("class %1").arg(frame.classNames.size());
    frame.classNames = frame.classNames.mid(0, frame.probabilities.size());
    return frame;
}

}  // namespace convscope::gui
