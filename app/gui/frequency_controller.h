#pragma once

#include <QObject>
#include <QThread>
#include <atomic>
#include <memory>

#include "app/gui/frequency_types.h"

namespace convscope::gui {

class FrequencyWorker;

/// Owns the Frequency panel's worker thread. Each kind of request (response A, response B, theorem) keeps
/// its own generation: only the newest result of each kind is delivered.
class FrequencyController : public QObject {
    Q_OBJECT
public:
    explicit FrequencyController(QObject* parent = nullptr);
    ~FrequencyController() override;

    void requestResponse(const ResponseRequest& request);
    void requestTheorem(const TheoremRequest& request);
    /// True while a request of the kind (0, 1: responses; 2: theorem) is waiting for its result.
    bool isBusy(int kind) const { return m_pending[kind]; }

Q_SIGNALS:
    void responseReady(convscope::gui::ResponseView view);
    void theoremReady(convscope::gui::TheoremView view);
    void failed(int kind, QString message);

private:
    QThread m_thread;
    FrequencyWorker* m_worker = nullptr;
    std::shared_ptr<std::atomic<quint64>[]> m_latest;
    bool m_pending[3] = {false, false, false};
};

}  // namespace convscope::gui
