#pragma once

#include <QObject>
#include <QThread>
#include <atomic>
#include <memory>

#include "app/gui/architecture_types.h"

namespace convscope::gui {

class ArchitectureWorker;

/// Owns the Architecture panel's worker thread. Only the newest description is delivered; a newer request
/// also stops the running one at its next operation. The header needs no LibTorch.
class ArchitectureController : public QObject {
    Q_OBJECT
public:
    explicit ArchitectureController(QObject* parent = nullptr);
    ~ArchitectureController() override;

    quint64 describe(ArchitectureRequest request);
    void measureZoo(int inputSize, bool native);
    void cancelZoo();
    void computeCosts();
    bool isDescribing() const { return m_describing; }
    bool isMeasuringZoo() const { return m_measuring; }

Q_SIGNALS:
    void described(const convscope::gui::ArchitectureResult& result);
    void failed(const QString& message);
    void zooRow(int index, int count, const convscope::gui::ZooRow& row);
    void zooFinished(bool cancelled);
    void costsReady(const convscope::gui::CostComparisons& costs);

private:
    QThread m_thread;
    ArchitectureWorker* m_worker = nullptr;
    // The zoo measurement (tens of seconds at native resolutions) has its own thread, so that describing
    // a model never waits behind it.
    QThread m_zooThread;
    ArchitectureWorker* m_zooWorker = nullptr;
    std::shared_ptr<std::atomic<quint64>> m_latest;
    std::shared_ptr<std::atomic<bool>> m_zooCancel;
    bool m_describing = false;
    bool m_measuring = false;
};

}  // namespace convscope::gui
