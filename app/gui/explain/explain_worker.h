#pragma once

#include <QDateTime>
#include <QObject>
#include <QString>
#include <memory>

#include "app/gui/bridge/checkpoint_cache.h"
#include "app/gui/bridge/test_set_cache.h"
#include "app/gui/explain/explain_frame.h"
#include "app/gui/explain/explain_request.h"
#include "app/gui/support/job_token.h"

namespace convscope::nn {
class ClassifierImpl;
struct ImageDataset;
struct TrainConfig;
}  // namespace convscope::nn

namespace convscope::gui {

/// Runs every attribution method (core/nn/explain) for one image on the controller's thread and converts
/// the maps to Qt values, overlays drawn by common::renderOverlay so that they match `convscope-cli explain
/// --png`. The model is cached per checkpoint (reloaded when the file changes) and the test set per folder,
/// so asking about another target class costs only the attributions. The header needs no LibTorch.
class ExplainWorker : public QObject {
    Q_OBJECT
public:
    ExplainWorker();
    ~ExplainWorker() override;

    /// Runs on the worker thread. Emits progress, then ready or failed, with the token's generation.
    void compute(const convscope::gui::JobToken& token, const convscope::gui::ExplainRequest& request);

Q_SIGNALS:
    void progress(quint64 generation, int done, int total, QString step);
    void ready(quint64 generation, convscope::gui::ExplainFrame frame);
    /// `message` is a sentence for the panel.
    void failed(quint64 generation, QString message);

private:
    ExplainFrame run(const JobToken& token, const ExplainRequest& request);

    bridge::CheckpointCache m_checkpoint;
    bridge::TestSetCache m_testSet;
};

}  // namespace convscope::gui
