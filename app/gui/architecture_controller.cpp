#include "app/gui/architecture_controller.h"

#include "app/gui/architecture_worker.h"

namespace convscope::gui {

ArchitectureController::ArchitectureController(QObject* parent)
    : QObject(parent),
      m_latest(std::make_shared<std::atomic<quint64>>(0)),
      m_zooCancel(std::make_shared<std::atomic<bool>>(false)) {
    qRegisterMetaType<ArchitectureRequest>();
    qRegisterMetaType<ArchitectureResult>();
    qRegisterMetaType<ZooRow>();
    qRegisterMetaType<CostComparisons>();
    m_worker = new ArchitectureWorker(m_latest, m_zooCancel);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &ArchitectureWorker::described, this,
            [this](quint64 generation, const ArchitectureResult& result) {
                if (generation != m_latest->load()) return;
                m_describing = false;
                Q_EMIT described(result);
            });
    connect(m_worker, &ArchitectureWorker::failed, this, [this](quint64 generation, const QString& message) {
        if (generation != m_latest->load()) return;
        m_describing = false;
        Q_EMIT failed(message);
    });
    m_zooWorker = new ArchitectureWorker(m_latest, m_zooCancel);
    m_zooWorker->moveToThread(&m_zooThread);
    connect(&m_zooThread, &QThread::finished, m_zooWorker, &QObject::deleteLater);
    connect(m_zooWorker, &ArchitectureWorker::zooRow, this, &ArchitectureController::zooRow);
    connect(m_zooWorker, &ArchitectureWorker::zooFinished, this, [this](bool cancelled) {
        m_measuring = false;
        Q_EMIT zooFinished(cancelled);
    });
    connect(m_worker, &ArchitectureWorker::costsReady, this, &ArchitectureController::costsReady);
    m_thread.setObjectName(QStringLiteral("architecture worker"));
    m_thread.start();
    m_zooThread.setObjectName(QStringLiteral("zoo measurement"));
    m_zooThread.start();
}

ArchitectureController::~ArchitectureController() {
    m_latest->store(0);  // stops a running description at its next operation
    m_zooCancel->store(true);
    m_thread.quit();
    m_zooThread.quit();
    m_thread.wait();
    m_zooThread.wait();
}

quint64 ArchitectureController::describe(ArchitectureRequest request) {
    request.generation = ++*m_latest;
    m_describing = true;
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, request] { worker->describe(request); }, Qt::QueuedConnection);
    return request.generation;
}

void ArchitectureController::measureZoo(int inputSize, bool native) {
    if (m_measuring) return;
    m_measuring = true;
    m_zooCancel->store(false);
    QMetaObject::invokeMethod(
        m_zooWorker, [worker = m_zooWorker, inputSize, native] { worker->measureZoo(inputSize, native); },
        Qt::QueuedConnection);
}

void ArchitectureController::cancelZoo() {
    m_zooCancel->store(true);
}

void ArchitectureController::computeCosts() {
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker] { worker->computeCosts(); }, Qt::QueuedConnection);
}

}  // namespace convscope::gui
