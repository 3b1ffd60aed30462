#include "app/gui/architecture/architecture_worker.h"

#include <QElapsedTimer>
#include <QThread>

#include "app/gui/bridge/architecture_bridge.h"
#include "core/nn/graph/architecture_description.h"
#include "core/nn/graph/cost_comparison.h"
#include "core/nn/zoo/model_catalog.h"

namespace convscope::gui {

namespace {

nn::ModelConfig toConfig(const ArchitectureRequest& r) {
    nn::ModelConfig c;
    c.name = r.model.toStdString();
    c.inChannels = r.inChannels;
    c.classes = r.classes;
    c.inputSize = r.inputSize;
    c.stem = r.imagenetStem ? nn::Stem::Imagenet : nn::Stem::Small;
    c.block = r.block.toStdString();
    c.skip = r.skip;
    c.batchNorm = r.batchNorm;
    c.dropout = r.dropout;
    c.auxLogits = r.aux;
    c.file = r.file.toStdString();
    return c;
}

void useCores() {
    // LibTorch here starts with one thread; the worker owns this thread's intra-op pool.
    torch::set_num_threads(std::max(1, QThread::idealThreadCount()));
}

}  // namespace

void ArchitectureWorker::describe(const JobToken& token, const ArchitectureRequest& request) {
    const quint64 generation = token.generation();
    useCores();
    QElapsedTimer timer;
    timer.start();
    try {
        const nn::Architecture a =
            nn::describeArchitecture(toConfig(request), [&token] { return token.isCancelled(); });
        ArchitectureResult result;
        result.request = request;
        result.title = QString::fromStdString(a.title);
        result.graph = toDiagramGraph(a);
        result.taps = toTaps(a);
        result.activationBytes = a.totalActivationBytes;
        result.seconds = timer.elapsed() / 1000.0;
        Q_EMIT described(generation, result);
    } catch (const nn::DescribeCancelled&) {
        // A newer request is queued behind this one; it answers instead.
    } catch (const std::invalid_argument& e) {
        Q_EMIT failed(generation, QString::fromStdString(e.what()));
    } catch (const std::exception& e) {
        Q_EMIT failed(generation,
                      tr("The model could not be described: %1").arg(QString::fromUtf8(e.what())));
    }
}

void ArchitectureWorker::measureZoo(const JobToken& token, int inputSize, bool native) {
    const quint64 generation = token.generation();
    useCores();
    const auto& catalog = nn::modelCatalog();
    const int count = static_cast<int>(catalog.size());
    for (int i = 0; i < count; ++i) {
        if (token.isCancelled()) {
            Q_EMIT zooFinished(generation, true);
            return;
        }
        const nn::ModelInfo& info = catalog[static_cast<std::size_t>(i)];
        ZooRow row;
        row.model = QString::fromStdString(info.name);
        row.title = QString::fromStdString(info.title);
        row.family = QString::fromStdString(info.family);
        row.top1 = QString::fromStdString(info.top1);
        row.top5 = QString::fromStdString(info.top5);
        row.accuracySource = QString::fromStdString(info.accuracySource);
        nn::ModelConfig c;
        c.name = info.name;
        c.inChannels = 3;
        c.classes = info.name == "unet" ? 2 : info.nativeClasses;
        c.inputSize = native ? info.nativeResolution : inputSize;
        if (info.name == "unet") c.inputSize = std::max(16, c.inputSize / 16 * 16);
        c.stem = nn::Stem::Imagenet;
        row.inputSize = c.inputSize;
        try {
            const nn::Architecture a = nn::describeArchitecture(c, [&token] { return token.isCancelled(); });
            row.parameters = a.totalParameters;
            row.macs = a.totalMacs;
        } catch (const nn::DescribeCancelled&) {
            Q_EMIT zooFinished(generation, true);
            return;
        } catch (const std::exception& e) {
            row.error = QString::fromStdString(e.what());
        }
        Q_EMIT zooRow(generation, i, count, row);
    }
    Q_EMIT zooFinished(generation, false);
}

void ArchitectureWorker::computeCosts(const JobToken& token) {
    CostComparisons c;
    c.comparisons.push_back(toView(nn::compareDepthwiseSeparable()));
    c.comparisons.push_back(toView(nn::compareResidualBlocks()));
    c.comparisons.push_back(toView(nn::compareInceptionReduction()));
    for (const nn::ScalingRow& r : nn::compoundScaling()) c.scaling.push_back(toView(r));
    Q_EMIT costsReady(token.generation(), c);
}

}  // namespace convscope::gui
