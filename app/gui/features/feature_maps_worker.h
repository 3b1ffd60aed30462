#pragma once

#include <QDateTime>
#include <QObject>
#include <QString>
#include <memory>

#include "app/gui/bridge/checkpoint_cache.h"
#include "app/gui/bridge/test_set_cache.h"
#include "app/gui/features/feature_frame.h"
#include "app/gui/features/feature_maps_request.h"
#include "app/gui/support/job_token.h"

namespace convscope::nn {
class ClassifierImpl;
struct ImageDataset;
struct TrainConfig;
}  // namespace convscope::nn

namespace convscope::gui {

/// Runs one image through a saved model on the controller's thread and converts every tap to Qt values.
/// The model is cached per checkpoint (reloaded when the file changes on disk: a run still training
/// rewrites its checkpoint after every epoch) and the test set per folder, so stepping through test images
/// costs one forward pass each. The header needs no LibTorch.
class FeatureMapsWorker : public QObject {
    Q_OBJECT
public:
    FeatureMapsWorker();
    ~FeatureMapsWorker() override;

    /// Runs on the worker thread. Emits ready or failed with the token's generation.
    void compute(const convscope::gui::JobToken& token, const convscope::gui::FeatureMapsRequest& request);

Q_SIGNALS:
    void ready(quint64 generation, convscope::gui::FeatureFrame frame);
    /// `message` is a sentence for the panel.
    void failed(quint64 generation, QString message);

private:
    FeatureFrame run(const FeatureMapsRequest& request);

    // The cached model and what it was loaded from.
    bridge::CheckpointCache m_checkpoint;
    bridge::TestSetCache m_testSet;
};

}  // namespace convscope::gui
