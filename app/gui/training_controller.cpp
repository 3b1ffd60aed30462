#include "app/gui/training_controller.h"

#include "app/gui/training_worker.h"

namespace convscope::gui {

TrainingController::TrainingController(QObject* parent) : QObject(parent) {
    qRegisterMetaType<TrainingRequest>();
    qRegisterMetaType<BatchPoint>();
    qRegisterMetaType<EpochPoint>();
    qRegisterMetaType<TestSamples>();
    qRegisterMetaType<RunRecord>();
    qRegisterMetaType<FeatureFrame>();
    m_worker = new TrainingWorker;
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &TrainingWorker::started, this, &TrainingController::started);
    connect(m_worker, &TrainingWorker::samples, this, &TrainingController::samples);
    connect(m_worker, &TrainingWorker::batch, this, &TrainingController::batch);
    connect(m_worker, &TrainingWorker::epoch, this, &TrainingController::epoch);
    connect(m_worker, &TrainingWorker::features, this, &TrainingController::features);
    connect(m_worker, &TrainingWorker::message, this, &TrainingController::message);
    connect(m_worker, &TrainingWorker::finished, this,
            [this](const QString& status, const QString& text, const RunRecord& run) {
                m_running = false;
                m_paused = false;
                Q_EMIT finished(status, text, run);
                Q_EMIT runningChanged(false);
            });
    m_thread.setObjectName(QStringLiteral("training"));
    m_thread.start();
}

TrainingController::~TrainingController() {
    m_worker->cancel();
    m_thread.quit();
    m_thread.wait();
}

bool TrainingController::start(const TrainingRequest& request) {
    if (m_running) return false;
    m_running = true;
    m_paused = false;
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, request] { worker->run(request); }, Qt::QueuedConnection);
    Q_EMIT runningChanged(true);
    return true;
}

void TrainingController::pause() {
    if (!m_running) return;
    m_paused = true;
    m_worker->pause();
}

void TrainingController::resume() {
    if (!m_running) return;
    m_paused = false;
    m_worker->resume();
}

void TrainingController::stop() {
    if (!m_running) return;
    m_worker->cancel();
    m_worker->resume();  // a paused run wakes to see the cancellation
}

}  // namespace convscope::gui
