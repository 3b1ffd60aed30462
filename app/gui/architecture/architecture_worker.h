#pragma once

#include <QObject>
#include <QString>
#include <QVector>

#include "app/gui/architecture/architecture_types.h"
#include "app/gui/support/job_token.h"

namespace convscope::gui {

/// Describes models on the controller's threads (a traced forward pass: up to a few seconds for
/// EfficientNet-B7 at 600x600), measures the zoo, and computes the cost comparisons. A description stops at
/// its next operation once its token is cancelled. Every report carries the job's generation. The header
/// needs no LibTorch.
class ArchitectureWorker : public QObject {
    Q_OBJECT
public:
    void describe(const convscope::gui::JobToken& token, const convscope::gui::ArchitectureRequest& request);
    /// Every catalog model at `inputSize` (native: each at its own resolution); emits zooRow per model.
    void measureZoo(const convscope::gui::JobToken& token, int inputSize, bool native);
    void computeCosts(const convscope::gui::JobToken& token);

Q_SIGNALS:
    void described(quint64 generation, convscope::gui::ArchitectureResult result);
    void failed(quint64 generation, QString message);
    void zooRow(quint64 generation, int index, int count, convscope::gui::ZooRow row);
    void zooFinished(quint64 generation, bool cancelled);
    void costsReady(quint64 generation, convscope::gui::CostComparisons costs);
};

}  // namespace convscope::gui
