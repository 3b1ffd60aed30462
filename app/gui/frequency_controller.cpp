#include "app/gui/frequency_controller.h"

#include "app/gui/frequency_worker.h"

namespace convscope::gui {

FrequencyController::FrequencyController(QObject* parent)
    : QObject(parent), m_latest(new std::atomic<quint64>[3] {
          {0}, {0}, {
              0
          }
      }) {
    qRegisterMetaType<ResponseRequest>();
    qRegisterMetaType<ResponseView>();
    qRegisterMetaType<TheoremRequest>();
    qRegisterMetaType<TheoremView>();
    m_worker = new FrequencyWorker(m_latest);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &FrequencyWorker::responseReady, this,
            [this](quint64 generation, const ResponseView& v) {
                if (generation != m_latest[std::size_t(v.slot)].load()) return;
                m_pending[v.slot] = false;
                Q_EMIT responseReady(v);
            });
    connect(m_worker, &FrequencyWorker::theoremReady, this, [this](quint64 generation, const TheoremView& v) {
        if (generation != m_latest[2].load()) return;
        m_pending[2] = false;
        Q_EMIT theoremReady(v);
    });
    connect(m_worker, &FrequencyWorker::failed, this,
            [this](int kind, quint64 generation, const QString& message) {
                if (generation != m_latest[std::size_t(kind)].load()) return;
                m_pending[kind] = false;
                Q_EMIT failed(kind, message);
            });
    m_thread.setObjectName(QStringLiteral("frequency worker"));
    m_thread.start();
}

FrequencyController::~FrequencyController() {
    for (int k = 0; k < 3; ++k) m_latest[std::size_t(k)] = 0;  // nothing queued still counts as newest
    m_thread.quit();
    m_thread.wait();
}

void FrequencyController::requestResponse(const ResponseRequest& request) {
    const quint64 generation = ++m_latest[std::size_t(request.slot)];
    m_pending[request.slot] = true;
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, generation, request] { worker->response(generation, request); },
        Qt::QueuedConnection);
}

void FrequencyController::requestTheorem(const TheoremRequest& request) {
    const quint64 generation = ++m_latest[2];
    m_pending[2] = true;
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, generation, request] { worker->theorem(generation, request); },
        Qt::QueuedConnection);
}

}  // namespace convscope::gui
