#pragma once

#include <QObject>

#include "app/gui/architecture/architecture_types.h"
#include "app/gui/support/job_runner.h"

namespace convscope::gui {

class ArchitectureWorker;

/// Describes models for the Architecture panel off the GUI thread. Only the newest description is delivered;
/// a newer request also stops the running one at its next operation. The zoo measurement (tens of seconds
/// at native resolutions) has its own thread, so that describing a model never waits behind it. The header
/// needs no LibTorch.
class ArchitectureController : public QObject {
    Q_OBJECT
public:
    explicit ArchitectureController(QObject* parent = nullptr);
    ~ArchitectureController() override;

    quint64 describe(const ArchitectureRequest& request);
    /// Ignored while a measurement runs.
    void measureZoo(int inputSize, bool native);
    void cancelZoo();
    void computeCosts();
    bool isDescribing() const { return m_jobs.isBusy(kDescribe); }
    bool isMeasuringZoo() const { return m_zoo.isBusy(); }

Q_SIGNALS:
    void described(const convscope::gui::ArchitectureResult& result);
    void failed(const QString& message);
    void zooRow(int index, int count, const convscope::gui::ZooRow& row);
    void zooFinished(bool cancelled);
    void costsReady(const convscope::gui::CostComparisons& costs);

private:
    static constexpr int kDescribe = 0;
    static constexpr int kCosts = 1;

    JobRunner m_jobs;
    JobRunner m_zoo;
    ArchitectureWorker* m_worker = nullptr;
    ArchitectureWorker* m_zooWorker = nullptr;
};

}  // namespace convscope::gui
