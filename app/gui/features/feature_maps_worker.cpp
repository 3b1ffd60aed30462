#include "app/gui/features/feature_maps_worker.h"

#include <QFileInfo>
#include <exception>
#include <stdexcept>

#include "app/gui/bridge/feature_bridge.h"
#include "core/imaging/model_input.h"
#include "core/nn/data/image_dataset.h"
#include "core/nn/models/feature_maps.h"
#include "core/nn/models/model_factory.h"
#include "core/nn/train/checkpoint.h"
#include "core/nn/train/train_config.h"

namespace convscope::gui {

namespace {

// The stored images' resolution: photographs are brought to it, like every dataset image, and the model's
// own transform then resizes both the same way (as `convscope-cli features --image` does).
constexpr int kDatasetSide = 28;

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
    m_checkpoint.load(request.checkpointPath);
    const std::vector<std::string>& classes = nn::fashionMnistClasses();
    torch::Tensor image;
    QString source;
    int truth = -1;
    if (request.testIndex >= 0) {
        const nn::ImageDataset& test = m_testSet.load(request.dataDirectory);
        if (request.testIndex >= test.size())
            throw std::out_of_range(tr("There is no test image %1: the test set in %2 holds %3 images.")
                                        .arg(request.testIndex)
                                        .arg(m_testSet.directory())
                                        .arg(test.size())
                                        .toStdString());
        image = test.images[request.testIndex];
        truth = int(test.labels[request.testIndex].item<std::int64_t>());
        source = tr("test image %1 (%2)")
                     .arg(request.testIndex)
                     .arg(QString::fromStdString(classes[std::size_t(truth)]));
    } else {
        if (request.image.empty())
            throw std::invalid_argument(
                tr("There is no open image: open one, or choose a Fashion-MNIST test image.").toStdString());
        const imaging::ModelInput in = imaging::toModelInput(request.image, kDatasetSide);
        image = torch::from_blob(in.pixels.data, {1, kDatasetSide, kDatasetSide}, torch::kUInt8).clone();
        const QString name = request.imageName.isEmpty() ? tr("the open image") : request.imageName;
        source = name + QStringLiteral(": ") + QString::fromStdString(in.description);
    }
    // The CPU, without torch::set_num_threads: the thread count is global and belongs to the settings (and to
    // a training run that may be going on at the same time); one image is quick on any count.
    const nn::FeatureSnapshot snapshot =
        nn::captureFeatures(m_checkpoint.model(), image, m_checkpoint.config().input, torch::kCPU);
    const QString modelSource =
        tr("%1 (%2, step %3)")
            .arg(request.checkpointPath,
                 QString::fromStdString(nn::modelTitle(m_checkpoint.config().model.name)))
            .arg(m_checkpoint.step());
    QStringList names = toQStrings(classes);
    // A model with another class count (trained elsewhere) still gets a name for every score.
    while (names.size() < int(snapshot.scores.size())) names << tr("class %1").arg(names.size());
    names = names.mid(0, int(snapshot.scores.size()));
    return bridge::toFeatureFrame(snapshot, m_checkpoint.model(), names, source, modelSource, truth, -1);
}

}  // namespace convscope::gui
