#include "app/gui/training/embedding_worker.h"

#include <QElapsedTimer>
#include <algorithm>
#include <exception>
#include <random>
#include <stdexcept>

#include "app/gui/bridge/model_image.h"
#include "core/embedding/knn_accuracy.h"
#include "core/embedding/pca.h"
#include "core/embedding/tsne.h"
#include "core/nn/data/batch_transform.h"
#include "core/nn/data/image_dataset.h"
#include "core/nn/embed/embedding_activations.h"
#include "core/nn/models/model_factory.h"
#include "core/nn/train/checkpoint.h"

namespace convscope::gui {

namespace {

constexpr int kEmbeddingThumbnailMax = 64;  // pixels: 1,000 colour thumbnails at 224 would hold 150 MB

QString embeddingErrorLine(const char* text) {
    return QString::fromUtf8(text).trimmed().section(QLatin1Char('\n'), 0, 0);
}

// A data set's image at most kEmbeddingThumbnailMax a side.
QImage embeddingThumbnail(const torch::Tensor& image) {
    QImage q = bridge::datasetPicture(image);
    const int w = q.width(), h = q.height();
    if (w > kEmbeddingThumbnailMax || h > kEmbeddingThumbnailMax)
        q = q.scaled(kEmbeddingThumbnailMax, kEmbeddingThumbnailMax, Qt::KeepAspectRatio,
                     Qt::SmoothTransformation);
    return q;
}

}  // namespace

EmbeddingWorker::EmbeddingWorker() = default;

EmbeddingWorker::~EmbeddingWorker() = default;

QVector<int> EmbeddingWorker::spreadSubset(const QVector<int>& labels, int count, quint64 seed) {
    QVector<int> chosen;
    if (count >= labels.size()) {
        for (int i = 0; i < labels.size(); ++i) chosen << i;
        return chosen;
    }
    const int classes = labels.isEmpty() ? 0 : *std::max_element(labels.begin(), labels.end()) + 1;
    std::vector<std::vector<int>> members(std::size_t(std::max(0, classes)));
    for (int i = 0; i < labels.size(); ++i)
        if (labels[i] >= 0) members[std::size_t(labels[i])].push_back(i);
    std::mt19937_64 rng(seed);
    for (std::vector<int>& m : members) std::shuffle(m.begin(), m.end(), rng);
    // Round robin over the classes: each takes one more image per round while it has any.
    std::vector<std::size_t> taken(members.size(), 0);
    while (chosen.size() < count) {
        bool any = false;
        for (std::size_t c = 0; c < members.size() && chosen.size() < count; ++c) {
            if (taken[c] >= members[c].size()) continue;
            chosen << members[c][taken[c]++];
            any = true;
        }
        if (!any) break;
    }
    std::sort(chosen.begin(), chosen.end());
    return chosen;
}

void EmbeddingWorker::compute(const JobToken& token, const EmbeddingRequest& request) {
    const quint64 generation = token.generation();
    try {
        EmbeddingFrame frame = run(token, request);
        Q_EMIT ready(generation, frame);
    } catch (const common::Cancelled&) {
        Q_EMIT failed(generation, tr("The embedding was cancelled."));
    } catch (const nn::CheckpointError& e) {
        Q_EMIT failed(generation, tr("The checkpoint %1 could not be opened: %2")
                                      .arg(request.checkpointPath, QString::fromUtf8(e.what())));
    } catch (const c10::Error& e) {
        // LibTorch's own messages carry a C++ backtrace that means nothing to a learner.
        Q_EMIT failed(generation, tr("The model could not be run on the test images: %1")
                                      .arg(embeddingErrorLine(e.what_without_backtrace())));
    } catch (const std::exception& e) {
        Q_EMIT failed(generation, QString::fromUtf8(e.what()));
    } catch (...) {
        Q_EMIT failed(generation, tr("The embedding could not be computed (an unknown error)."));
    }
}

EmbeddingFrame EmbeddingWorker::run(const JobToken& token, const EmbeddingRequest& request) {
    QElapsedTimer clock;
    clock.start();
    if (request.checkpointPath.isEmpty())
        throw std::invalid_argument(tr("Train a model, or choose a run with a checkpoint, to see how its "
                                       "layers separate the test images.")
                                        .toStdString());
    const quint64 generation = token.generation();
    Q_EMIT progress(generation, 0, 0, tr("loading the model and its test set"));
    m_checkpoint.load(request.checkpointPath);
    const nn::ImageDataset& test = m_testSet.loadFor(
        m_checkpoint.config(), request.dataDirectory,
        tr("Install Debian's dataset-fashion-mnist package, or choose its folder in the Training panel."));
    nn::ClassifierImpl& model = m_checkpoint.model();
    if (test.classes() != m_checkpoint.config().model.classes)
        throw std::runtime_error(tr("The model has %1 outputs, but its test set has %2 classes.")
                                     .arg(m_checkpoint.config().model.classes)
                                     .arg(test.classes())
                                     .toStdString());
    token.throwIfCancelled();

    EmbeddingFrame frame;
    frame.request = request;
    frame.modelTitle = QString::fromStdString(nn::modelTitle(m_checkpoint.config().model.name));
    frame.step = m_checkpoint.step();
    for (const std::string& c : test.classNames) frame.classNames << QString::fromStdString(c);
    for (const std::string& t : model.tapNames()) frame.taps << QString::fromStdString(t);

    const torch::Tensor allLabels = test.labels.to(torch::kLong).contiguous();
    const std::int64_t* y = allLabels.data_ptr<std::int64_t>();
    QVector<int> labels(int(test.size()));
    for (int i = 0; i < labels.size(); ++i) labels[i] = int(y[i]);
    frame.indices = spreadSubset(labels, std::max(1, request.maxImages), request.seed);
    const int count = int(frame.indices.size());
    if (count <= request.k || count < 3)
        throw std::runtime_error(tr("The test set has %1 images: too few to embed (at least %2).")
                                     .arg(count)
                                     .arg(std::max(3, request.k + 1))
                                     .toStdString());
    std::vector<std::int64_t> idx(frame.indices.begin(), frame.indices.end());
    const torch::Tensor which = torch::tensor(idx, torch::kLong);
    const nn::ImageDataset chosen{test.images.index_select(0, which), test.labels.index_select(0, which),
                                  test.classNames};

    common::JobControl control = token.control();
    control.onProgress = [this, generation](int done, int total) {
        Q_EMIT progress(generation, done, total, tr("activations"));
    };
    nn::EmbeddingActivations activations;
    try {
        activations =
            nn::embeddingActivations(model, chosen, m_checkpoint.config().input, torch::Device(torch::kCPU),
                                     request.tap.toStdString(), 250, control);
    } catch (const std::invalid_argument& e) {
        throw std::runtime_error(tr("The embedding of layer %1 failed: %2")
                                     .arg(request.tap, QString::fromUtf8(e.what()))
                                     .toStdString());
    }
    frame.tap = QString::fromStdString(activations.tap);
    frame.dims = activations.dims;
    frame.defaultTap = request.tap.isEmpty()
                           ? frame.tap
                           : QString::fromStdString(nn::defaultEmbeddingTap(
                                 model, nn::prepareBatch(chosen.images.narrow(0, 0, 1),
                                                         nn::evaluationTransform(m_checkpoint.config().input),
                                                         0, torch::Device(torch::kCPU))));
    embedding::PointSet points(activations.count, activations.dims);
    std::copy(activations.values.begin(), activations.values.end(), points.values.begin());
    frame.labels = QVector<int>(activations.labels.begin(), activations.labels.end());
    token.throwIfCancelled();

    embedding::PointSet projected;
    if (request.method == EmbeddingMethod::Tsne) {
        embedding::TsneOptions options;
        // A subset smaller than the perplexity asks for: the largest perplexity it allows, a third of it.
        options.perplexity = std::min(request.perplexity, std::max(1.0, (count - 1) / 3.0));
        options.iterations = request.iterations;
        options.seed = request.seed;
        // The engine's rule, as `convscope-cli embed` (the same points for the same images): the exact
        // gradient up to 2,000 points, Barnes–Hut beyond. For 1,000 points both take about 3 s here.
        common::JobControl tsneControl = token.control();
        tsneControl.onProgress = [this, generation](int done, int total) {
            // Every tenth iteration is plenty for a progress bar.
            if (done % 10 == 0 || done == total) Q_EMIT progress(generation, done, total, tr("t-SNE"));
        };
        const embedding::TsneResult result = embedding::tsne(points, options, tsneControl);
        projected = result.embedding;
        frame.perplexity = options.perplexity;
        frame.barnesHut = result.barnesHut;
        frame.klDivergence = result.klDivergence;
    } else {
        if (activations.dims < 2)
            throw std::runtime_error(
                tr("The layer %1 has a single channel: PCA needs two. Choose another layer.")
                    .arg(frame.tap)
                    .toStdString());
        embedding::PcaResult p = embedding::pca(points, 2);
        projected = std::move(p.projected);
        frame.explainedVarianceRatio =
            QVector<double>(p.explainedVarianceRatio.begin(), p.explainedVarianceRatio.end());
    }
    token.throwIfCancelled();
    Q_EMIT progress(generation, 0, 0, tr("kNN accuracy"));
    frame.knnAccuracy = embedding::knnAccuracy(points, activations.labels, request.k);
    frame.knnAccuracy2d = embedding::knnAccuracy(projected, activations.labels, request.k);
    frame.points.reserve(projected.count);
    for (int i = 0; i < projected.count; ++i) frame.points << QPointF(projected.at(i, 0), projected.at(i, 1));
    frame.thumbnails.reserve(count);
    for (int i = 0; i < count; ++i) frame.thumbnails << embeddingThumbnail(chosen.images[i]);
    frame.seconds = clock.elapsed() / 1000.0;
    return frame;
}

}  // namespace convscope::gui
