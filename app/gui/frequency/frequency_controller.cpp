#include "app/gui/frequency/frequency_controller.h"

#include "app/gui/frequency/frequency_worker.h"

namespace convscope::gui {

FrequencyController::FrequencyController(QObject* parent)
    : QObject(parent), m_jobs(QStringLiteral("frequency"), 3, this) {
    qRegisterMetaType<ResponseRequest>();
    qRegisterMetaType<ResponseView>();
    qRegisterMetaType<TheoremRequest>();
    qRegisterMetaType<TheoremView>();
    m_worker = m_jobs.adopt(new FrequencyWorker);
    connect(m_worker, &FrequencyWorker::responseReady, this,
            [this](quint64 generation, const ResponseView& v) {
                if (m_jobs.finish(v.slot, generation)) Q_EMIT responseReady(v);
            });
    connect(m_worker, &FrequencyWorker::theoremReady, this, [this](quint64 generation, const TheoremView& v) {
        if (m_jobs.finish(kTheoremKind, generation)) Q_EMIT theoremReady(v);
    });
    connect(m_worker, &FrequencyWorker::failed, this,
            [this](int kind, quint64 generation, const QString& message) {
                if (m_jobs.finish(kind, generation)) Q_EMIT failed(kind, message);
            });
}

FrequencyController::~FrequencyController() = default;

void FrequencyController::requestResponse(const ResponseRequest& request) {
    m_jobs.post(request.slot,
                [worker = m_worker, request](const JobToken& token) { worker->response(token, request); });
}

void FrequencyController::requestTheorem(const TheoremRequest& request) {
    m_jobs.post(kTheoremKind,
                [worker = m_worker, request](const JobToken& token) { worker->theorem(token, request); });
}

}  // namespace convscope::gui
