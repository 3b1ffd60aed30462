#include "app/gui/architecture/architecture_controller.h"

#include "app/gui/architecture/architecture_worker.h"

namespace convscope::gui {

ArchitectureController::ArchitectureController(QObject* parent)
    : QObject(parent),
      m_jobs(QStringLiteral("architecture"), 2, this),
      m_zoo(QStringLiteral("zoo measurement"), 1, this) {
    qRegisterMetaType<ArchitectureRequest>();
    qRegisterMetaType<ArchitectureResult>();
    qRegisterMetaType<ZooRow>();
    qRegisterMetaType<CostComparisons>();
    m_worker = m_jobs.adopt(new ArchitectureWorker);
    connect(m_worker, &ArchitectureWorker::described, this,
            [this](quint64 generation, const ArchitectureResult& result) {
                if (m_jobs.finish(kDescribe, generation)) Q_EMIT described(result);
            });
    connect(m_worker, &ArchitectureWorker::failed, this, [this](quint64 generation, const QString& message) {
        if (m_jobs.finish(kDescribe, generation)) Q_EMIT failed(message);
    });
    connect(m_worker, &ArchitectureWorker::costsReady, this,
            [this](quint64 generation, const CostComparisons& costs) {
                if (m_jobs.finish(kCosts, generation)) Q_EMIT costsReady(costs);
            });
    m_zooWorker = m_zoo.adopt(new ArchitectureWorker);
    connect(m_zooWorker, &ArchitectureWorker::zooRow, this,
            [this](quint64 generation, int index, int count, const ZooRow& row) {
                if (m_zoo.isCurrent(0, generation)) Q_EMIT zooRow(index, count, row);
            });
    connect(m_zooWorker, &ArchitectureWorker::zooFinished, this, [this](quint64 generation, bool cancelled) {
        if (m_zoo.finish(0, generation)) Q_EMIT zooFinished(cancelled);
    });
}

ArchitectureController::~ArchitectureController() = default;

quint64 ArchitectureController::describe(const ArchitectureRequest& request) {
    return m_jobs.post(
        kDescribe, [worker = m_worker, request](const JobToken& token) { worker->describe(token, request); });
}

void ArchitectureController::measureZoo(int inputSize, bool native) {
    if (m_zoo.isBusy()) return;
    m_zoo.post([worker = m_zooWorker, inputSize, native](const JobToken& token) {
        worker->measureZoo(token, inputSize, native);
    });
}

void ArchitectureController::cancelZoo() {
    m_zoo.cancel();
}

void ArchitectureController::computeCosts() {
    m_jobs.post(kCosts, [worker = m_worker](const JobToken& token) { worker->computeCosts(token); });
}

}  // namespace convscope::gui
