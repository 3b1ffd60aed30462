#pragma once

#include <QObject>

#include "app/gui/frequency/frequency_types.h"
#include "app/gui/support/job_runner.h"

namespace convscope::gui {

class FrequencyWorker;

/// Computes the Frequency panel's responses and theorem views off the GUI thread. Each kind of request
/// (response A, response B, theorem) is its own lane: only the newest result of each kind is delivered.
class FrequencyController : public QObject {
    Q_OBJECT
public:
    /// The lanes: response slots 0 and 1, then the theorem.
    static constexpr int kTheoremKind = 2;

    explicit FrequencyController(QObject* parent = nullptr);
    ~FrequencyController() override;

    void requestResponse(const ResponseRequest& request);
    void requestTheorem(const TheoremRequest& request);
    /// True while a request of the kind (0, 1: responses; 2: theorem) is waiting for its result.
    bool isBusy(int kind) const { return m_jobs.isBusy(kind); }

Q_SIGNALS:
    void responseReady(convscope::gui::ResponseView view);
    void theoremReady(convscope::gui::TheoremView view);
    void failed(int kind, QString message);

private:
    JobRunner m_jobs;
    FrequencyWorker* m_worker = nullptr;
};

}  // namespace convscope::gui
