#include "app/gui/training/training_controller.h"

#include "app/gui/training/training_worker.h"

namespace convscope::gui {

TrainingController::TrainingController(QObject* parent)
    : QObject(parent), m_jobs(QStringLiteral("training"), 1, this) {
    qRegisterMetaType<TrainingRequest>();
    qRegisterMetaType<BatchPoint>();
    qRegisterMetaType<EpochPoint>();
    qRegisterMetaType<InstrumentFrame>();
    qRegisterMetaType<TestSamples>();
    qRegisterMetaType<RunRecord>();
    qRegisterMetaType<FeatureFrame>();
    qRegisterMetaType<ExplainFrame>();
    // One run at a time (start() refuses while one is running), so the reports before `finished` need no
    // generation: they can only be the current run's.
    m_worker = m_jobs.adopt(new TrainingWorker);
    connect(m_worker, &TrainingWorker::started, this, &TrainingController::started);
    connect(m_worker, &TrainingWorker::samples, this, &TrainingController::samples);
    connect(m_worker, &TrainingWorker::batch, this, &TrainingController::batch);
    connect(m_worker, &TrainingWorker::epoch, this, &TrainingController::epoch);
    connect(m_worker, &TrainingWorker::instruments, this, &TrainingController::instruments);
    connect(m_worker, &TrainingWorker::features, this, &TrainingController::features);
    connect(m_worker, &TrainingWorker::explanation, this, &TrainingController::explanation);
    connect(m_worker, &TrainingWorker::message, this, &TrainingController::message);
    connect(m_worker, &TrainingWorker::decoding, this, &TrainingController::decoding);
    connect(m_worker, &TrainingWorker::finished, this,
            [this](quint64 generation, const QString& status, const QString& text, const RunRecord& run) {
                if (!m_jobs.finish(0, generation)) return;
                m_paused = false;
                Q_EMIT finished(status, text, run);
                Q_EMIT runningChanged(false);
            });
}

TrainingController::~TrainingController() = default;

bool TrainingController::start(const TrainingRequest& request) {
    if (m_jobs.isBusy()) return false;
    m_paused = false;
    m_jobs.post([worker = m_worker, request](const JobToken& token) { worker->run(token, request); });
    Q_EMIT runningChanged(true);
    return true;
}

void TrainingController::pause() {
    if (!m_jobs.isBusy()) return;
    m_paused = true;
    m_worker->pause();
}

void TrainingController::resume() {
    if (!m_jobs.isBusy()) return;
    m_paused = false;
    m_worker->resume();
}

void TrainingController::setExplainLive(bool on) {
    m_worker->setExplainLive(on);
}

void TrainingController::stop() {
    // A paused run sees the cancellation too: the trainer polls the token while it waits.
    m_jobs.cancel();
}

}  // namespace convscope::gui
