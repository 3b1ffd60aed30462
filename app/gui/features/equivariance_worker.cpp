#include "app/gui/features/equivariance_worker.h"

#include <QFileInfo>
#include <exception>
#include <stdexcept>

#include "app/gui/bridge/model_image.h"
#include "app/gui/bridge/model_source.h"
#include "core/nn/data/batch_transform.h"
#include "core/nn/data/image_dataset.h"
#include "core/nn/explain/equivariance.h"
#include "core/nn/graph/architecture.h"
#include "core/nn/graph/architecture_description.h"
#include "core/nn/train/checkpoint.h"
#include "core/nn/train/train_config.h"

namespace convscope::gui {

namespace {

QVector<float> eqToVector(const torch::Tensor& t) {
    const torch::Tensor c = t.to(torch::kCPU, torch::kFloat32).contiguous();
    return QVector<float>(c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
}

}  // namespace

EquivarianceWorker::EquivarianceWorker() = default;

EquivarianceWorker::~EquivarianceWorker() = default;

void EquivarianceWorker::compute(const JobToken& token, const EquivarianceRequest& request) {
    // A slider dragged across its range posts many requests: only the newest is worth a forward pass.
    if (token.isCancelled()) return;
    const quint64 generation = token.generation();
    try {
        EquivarianceFrame frame = run(token, request);
        Q_EMIT ready(generation, frame);
    } catch (const c10::Error& e) {
        const QString first =
            QString::fromUtf8(e.what_without_backtrace()).trimmed().section(QLatin1Char('\n'), 0, 0);
        Q_EMIT failed(generation, tr("The model could not process this image: %1").arg(first));
    } catch (const std::exception& e) {
        Q_EMIT failed(generation, QString::fromUtf8(e.what()));
    }
}

EquivarianceFrame EquivarianceWorker::run(const JobToken& token, const EquivarianceRequest& request) {
    const FeatureMapsRequest& source = request.source;
    if (source.checkpointPath.isEmpty())
        throw std::invalid_argument(
            tr("Choose a checkpoint (or a zoo or imported model) to compare its feature maps.")
                .toStdString());
    if (!QFileInfo::exists(source.checkpointPath))
        throw nn::CheckpointError(
            tr("The checkpoint %1 does not exist.").arg(source.checkpointPath).toStdString());
    m_checkpoint.load(source.checkpointPath, source.imported);
    const nn::TrainConfig& config = m_checkpoint.config();
    std::vector<std::string> modelClasses = nn::trainedClassNames(config);
    if (modelClasses.empty()) modelClasses = nn::fashionMnistClasses();

    EquivarianceFrame frame;
    frame.request = request;
    torch::Tensor image;
    if (source.testIndex >= 0) {
        const nn::ImageDataset& test = m_testSet.loadFor(config, source.dataDirectory);
        if (source.testIndex >= test.size())
            throw std::out_of_range(tr("There is no test image %1: the test set holds %2 images.")
                                        .arg(source.testIndex)
                                        .arg(test.size())
                                        .toStdString());
        image = test.images[source.testIndex];
        frame.source = tr("test image %1").arg(source.testIndex);
    } else {
        if (source.image.empty())
            throw std::invalid_argument(
                tr("There is no open image: open one, or choose a Fashion-MNIST test image.").toStdString());
        QString steps;
        image = bridge::photographInput(source.image, config.input, m_checkpoint.isImported(), steps);
        frame.source = (source.imageName.isEmpty() ? tr("the open image") : source.imageName);
    }
    frame.modelSource = bridge::modelSourceText(m_checkpoint);

    // The strides come from the model's description, made once per model; a model that cannot be
    // described is measured with strides estimated from its map sizes (the rows say so).
    if (m_geometryKey != m_checkpoint.key()) {
        m_geometry.clear();
        try {
            m_geometry = nn::tapGeometry(nn::describeArchitecture(config.model));
        } catch (const std::exception&) {
        }
        m_geometryKey = m_checkpoint.key();
    }
    if (token.isCancelled()) return frame;

    nn::SpatialTransform s;
    s.dx = request.dx, s.dy = request.dy;
    s.rotateDegrees = request.rotateDegrees;
    s.scale = request.scale;
    s.fill = request.circular ? nn::ShiftFill::Circular : nn::ShiftFill::Zeros;
    const torch::Tensor x =
        nn::prepareBatch(image.unsqueeze(0), nn::evaluationTransform(config.input), 0, torch::kCPU)[0];
    const nn::EquivarianceResult r = nn::measureEquivariance(m_checkpoint.model(), x, s, m_geometry,
                                                             nn::backgroundFill(config.input, x.size(0)));

    for (const std::string& n : modelClasses) frame.classNames << QString::fromStdString(n);
    while (frame.classNames.size() < int(r.scoresBefore.size()))
        frame.classNames << tr("class %1").arg(frame.classNames.size());
    frame.predictionBefore = r.predictionBefore;
    frame.predictionAfter = r.predictionAfter;
    frame.probabilityBefore = r.scoresBefore[std::size_t(r.predictionBefore)];
    frame.probabilityAfter = r.scoresAfter[std::size_t(r.predictionAfter)];
    for (const nn::TapEquivariance& t : r.taps) {
        EquivarianceTapRow row;
        row.name = QString::fromStdString(t.name);
        row.channels = int(t.channels), row.height = int(t.height), row.width = int(t.width);
        row.stride = int(t.stride);
        row.strideEstimated = t.strideEstimated;
        row.global = t.global;
        row.exact = t.exact;
        row.wholeMap = t.wholeMap;
        row.mapDx = t.mapDx, row.mapDy = t.mapDy;
        row.exactDx = t.exactDx, row.exactDy = t.exactDy;
        row.error = t.equivarianceError;
        row.region = QRect(t.left, t.top, t.right - t.left, t.bottom - t.top);
        if (row.name == request.tap) frame.shownTap = frame.taps.size();
        frame.taps << row;
    }
    if (frame.shownTap < 0 && !frame.taps.isEmpty()) frame.shownTap = 0;
    if (frame.shownTap >= 0) {
        const nn::TapEquivariance& t = r.taps[std::size_t(frame.shownTap)];
        frame.shownChannel = std::clamp(request.channel, 0, int(t.channels) - 1);
        frame.mapHeight = int(t.height), frame.mapWidth = int(t.width);
        frame.transformedFeatures = eqToVector(t.transformedFeatures[frame.shownChannel]);
        frame.transformedMaps = eqToVector(t.transformedMaps[frame.shownChannel]);
        frame.difference = eqToVector(t.difference[frame.shownChannel]);
    }
    frame.inputHeight = int(x.size(1)), frame.inputWidth = int(x.size(2));
    frame.input = eqToVector(nn::denormalize(r.input.unsqueeze(0), config.input)[0][0]);
    frame.transformedInput = eqToVector(nn::denormalize(r.transformedInput.unsqueeze(0), config.input)[0][0]);
    return frame;
}

}  // namespace convscope::gui
