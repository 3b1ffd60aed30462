#pragma once

#include <QObject>
#include <QString>

#include "app/gui/frequency/frequency_types.h"
#include "app/gui/support/job_token.h"

namespace convscope::gui {

/// Computes kernel responses and convolution-theorem views on the controller's thread and converts them to
/// Qt value types. Each kind of request (response slot 0, slot 1, theorem) is a lane of the controller's
/// JobRunner; results carry the job's generation.
class FrequencyWorker : public QObject {
    Q_OBJECT
public:
    /// The response as the page shows it (also used by tests and by the export).
    static ResponseView computeResponse(const ResponseRequest& request);
    static TheoremView computeTheorem(const TheoremRequest& request);

    /// Run on the worker thread.
    void response(const convscope::gui::JobToken& token, const convscope::gui::ResponseRequest& request);
    void theorem(const convscope::gui::JobToken& token, const convscope::gui::TheoremRequest& request);

Q_SIGNALS:
    void responseReady(quint64 generation, convscope::gui::ResponseView view);
    void theoremReady(quint64 generation, convscope::gui::TheoremView view);
    /// kind: 0/1 for the response slots, 2 for the theorem.
    void failed(int kind, quint64 generation, QString message);
};

}  // namespace convscope::gui
