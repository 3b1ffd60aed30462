#pragma once

#include <QObject>
#include <QString>
#include <QVector>
#include <atomic>
#include <memory>

#include "app/gui/architecture_types.h"

namespace convscope::gui {

/// Describes models on the controller's thread (a traced forward pass: up to a few seconds for
/// EfficientNet-B7 at 600x600), measures the zoo, and computes the cost comparisons. A description stops at
/// its next operation once a newer one is requested. The header needs no LibTorch.
class ArchitectureWorker : public QObject {
    Q_OBJECT
public:
    /// `latest`: the newest description generation; `zooCancel`: set to stop a zoo measurement.
    ArchitectureWorker(std::shared_ptr<std::atomic<quint64>> latest,
                       std::shared_ptr<std::atomic<bool>> zooCancel, QObject* parent = nullptr);

public Q_SLOTS:
    void describe(const convscope::gui::ArchitectureRequest& request);
    /// Every catalog model at `inputSize` (native: each at its own resolution); emits zooRow per model.
    void measureZoo(int inputSize, bool native);
    void computeCosts();

Q_SIGNALS:
    void described(quint64 generation, convscope::gui::ArchitectureResult result);
    void failed(quint64 generation, QString message);
    void zooRow(int index, int count, convscope::gui::ZooRow row);
    void zooFinished(bool cancelled);
    void costsReady(convscope::gui::CostComparisons costs);

private:
    std::shared_ptr<std::atomic<quint64>> m_latest;
    std::shared_ptr<std::atomic<bool>> m_zooCancel;
};

}  // namespace convscope::gui
