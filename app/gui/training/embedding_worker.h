#pragma once

#include <QObject>
#include <QString>
#include <QVector>

#include "app/gui/bridge/checkpoint_cache.h"
#include "app/gui/bridge/test_set_cache.h"
#include "app/gui/support/job_token.h"
#include "app/gui/training/embedding_types.h"

namespace convscope::gui {

/// Computes the Embedding tab's frames on its controller's thread: loads the checkpoint (kept while the file
/// is unchanged) and its test set (bridge::TestSetCache), takes a seeded subset spread over the classes,
/// runs the model to the tap (nn::embeddingActivations, pooled over H×W), projects by PCA or t-SNE
/// (core/embedding, with `convscope-cli embed`'s defaults: the same images give the same points) and measures
/// the kNN accuracy in the activations' space and in 2-D. The token cancels it between batches and t-SNE
/// iterations. The header needs no LibTorch.
class EmbeddingWorker : public QObject {
    Q_OBJECT
public:
    EmbeddingWorker();
    ~EmbeddingWorker() override;

    /// Runs on the worker thread. Emits progress, then ready or failed, with the token's generation.
    void compute(const convscope::gui::JobToken& token, const convscope::gui::EmbeddingRequest& request);

    /// The subset: up to `count` indices of `labels`, as even a share per class as the classes allow (a
    /// class with fewer images gives all it has, the others share the rest), each class's drawn at random
    /// from `seed`; ascending. All of them when count ≥ labels.size().
    static QVector<int> spreadSubset(const QVector<int>& labels, int count, quint64 seed);

Q_SIGNALS:
    void progress(quint64 generation, int done, int total, QString step);
    void ready(quint64 generation, convscope::gui::EmbeddingFrame frame);
    /// `message` is a sentence for the tab.
    void failed(quint64 generation, QString message);

private:
    EmbeddingFrame run(const JobToken& token, const EmbeddingRequest& request);

    bridge::CheckpointCache m_checkpoint;
    bridge::TestSetCache m_testSet;
};

}  // namespace convscope::gui
