#pragma once

#include <QObject>
#include <QString>
#include <vector>

#include "app/gui/bridge/checkpoint_cache.h"
#include "app/gui/bridge/test_set_cache.h"
#include "app/gui/features/equivariance_frame.h"
#include "app/gui/support/job_token.h"

namespace convscope::nn {
struct TapGeometry;
}

namespace convscope::gui {

/// Computes the Equivariance tab's frames on the controller's thread: the model (cached per checkpoint, as
/// the Feature maps worker does), the taps' strides from the model's description (once per model), one
/// batch of x and s(x) through it, the numbers of every tap and the maps of the chosen one. The header
/// needs no LibTorch.
class EquivarianceWorker : public QObject {
    Q_OBJECT
public:
    EquivarianceWorker();
    ~EquivarianceWorker() override;

    /// Emits ready or failed with the token's generation; a request already superseded returns at once.
    void compute(const convscope::gui::JobToken& token, const convscope::gui::EquivarianceRequest& request);

Q_SIGNALS:
    void ready(quint64 generation, convscope::gui::EquivarianceFrame frame);
    void failed(quint64 generation, QString message);

private:
    EquivarianceFrame run(const JobToken& token, const EquivarianceRequest& request);

    bridge::CheckpointCache m_checkpoint;
    bridge::TestSetCache m_testSet;
    QString m_geometryKey;  ///< the model m_geometry describes
    std::vector<nn::TapGeometry> m_geometry;
};

}  // namespace convscope::gui
