#include "app/gui/features/feature_maps_worker.h"

#include <QFileInfo>
#include <exception>
#include <stdexcept>

#include "app/gui/bridge/feature_bridge.h"
#include "app/gui/bridge/model_image.h"
#include "app/gui/bridge/model_source.h"
#include "core/nn/data/image_dataset.h"
#include "core/nn/models/feature_maps.h"
#include "core/nn/models/model_factory.h"
#include "core/nn/train/checkpoint.h"
#include "core/nn/train/initial_weights.h"
#include "core/nn/train/train_config.h"

namespace convscope::gui {

namespace {

QString firstLine(const char* text) {
    const QString s = QString::fromUtf8(text).trimmed();
    return s.section(QLatin1Char('\n'), 0, 0);
}

QStringList toQStrings(const std::vector<std::string>& names) {
    QStringList out;
    for (const std::string& n : names) out << QString::fromStdString(n);
    return out;
}

}  // namespace

FeatureMapsWorker::FeatureMapsWorker() = default;

FeatureMapsWorker::~FeatureMapsWorker() = default;

void FeatureMapsWorker::compute(const JobToken& token, const FeatureMapsRequest& request) {
    // Holding "next" on the spin box queues many requests: the runner skips all but the newest.
    const quint64 generation = token.generation();
    try {
        FeatureFrame frame = run(request);
        Q_EMIT ready(generation, frame);
    } catch (const c10::Error& e) {
        // LibTorch's own messages carry a C++ backtrace that means nothing to a learner.
        Q_EMIT failed(
            generation,
            tr("The model could not process this image: %1").arg(firstLine(e.what_without_backtrace())));
    } catch (const std::exception& e) {
        Q_EMIT failed(generation, QString::fromUtf8(e.what()));
    } catch (...) {
        Q_EMIT failed(generation, tr("The feature maps could not be computed (an unknown error)."));
    }
}

FeatureFrame FeatureMapsWorker::run(const FeatureMapsRequest& request) {
    if (request.checkpointPath.isEmpty())
        throw std::invalid_argument(tr("Choose a checkpoint file to look inside its model.").toStdString());
    if (!QFileInfo::exists(request.checkpointPath))
        throw nn::CheckpointError(
            tr("The checkpoint %1 does not exist.").arg(request.checkpointPath).toStdString());
    m_checkpoint.load(request.checkpointPath, request.imported);
    const std::vector<std::string>& classes = nn::fashionMnistClasses();
    // An imported model (or a run on another data set, or on some classes) names its own classes.
    std::vector<std::string> modelClasses = nn::trainedClassNames(m_checkpoint.config());
    if (modelClasses.empty()) modelClasses = classes;
    torch::Tensor image;
    QString source;
    int truth = -1;
    if (request.testIndex >= 0) {
        const nn::ImageDataset& test = m_testSet.loadFor(m_checkpoint.config(), request.dataDirectory);
        if (request.testIndex >= test.size())
            throw std::out_of_range(tr("There is no test image %1: the test set in %2 holds %3 images.")
                                        .arg(request.testIndex)
                                        .arg(m_testSet.directory())
                                        .arg(test.size())
                                        .toStdString());
        image = test.images[request.testIndex];
        truth = int(test.labels[request.testIndex].item<std::int64_t>());
        // The test set's own names: a folder run's, or the run's class subset of Fashion-MNIST's.
        const std::vector<std::string>& names = test.classNames.empty() ? classes : test.classNames;
        source = tr("test image %1 (%2)")
                     .arg(request.testIndex)
                     .arg(truth < int(names.size()) ? QString::fromStdString(names[std::size_t(truth)])
                                                    : QString::number(truth));
        // The label is one of the model's classes only when the model was trained on the same classes.
        if (truth >= int(modelClasses.size()) || truth >= int(names.size()) ||
            modelClasses[std::size_t(truth)] != names[std::size_t(truth)])
            truth = -1;
    } else {
        if (request.image.empty())
            throw std::invalid_argument(
                tr("There is no open image: open one, or choose a Fashion-MNIST test image.").toStdString());
        QString steps;
        image = bridge::photographInput(request.image, m_checkpoint.config().input, m_checkpoint.isImported(),
                                        steps);
        const QString name = request.imageName.isEmpty() ? tr("the open image") : request.imageName;
        source = name + QStringLiteral(": ") + steps;
    }
    // The CPU, without torch::set_num_threads: the thread count is global and belongs to the settings (and to
    // a training run that may be going on at the same time); one image is quick on any count.
    const nn::FeatureSnapshot snapshot =
        nn::captureFeatures(m_checkpoint.model(), image, m_checkpoint.config().input, torch::kCPU);
    const QString modelSource = bridge::modelSourceText(m_checkpoint);
    QStringList names = toQStrings(modelClasses);
    // A model with another class count (trained elsewhere) still gets a name for every score.
    while (names.size() < int(snapshot.scores.size())) names << tr("class %1").arg(names.size());
    names = names.mid(0, int(snapshot.scores.size()));
    return bridge::toFeatureFrame(snapshot, m_checkpoint.model(), names, source, modelSource, truth, -1);
}

}  // namespace convscope::gui
