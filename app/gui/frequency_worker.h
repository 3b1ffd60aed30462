#pragma once

#include <QObject>
#include <QString>
#include <atomic>
#include <memory>

#include "app/gui/frequency_types.h"

namespace convscope::gui {

/// Computes kernel responses and convolution-theorem views on the controller's thread and converts them to
/// Qt value types. Requests carry a generation number per kind; one that a newer request has overtaken is
/// skipped without a signal.
class FrequencyWorker : public QObject {
    Q_OBJECT
public:
    /// `latest`: the newest generation per kind (slot 0, slot 1, theorem), set by the controller.
    explicit FrequencyWorker(std::shared_ptr<std::atomic<quint64>[]> latest);

    /// The response as the page shows it (also used by tests and by the export).
    static ResponseView computeResponse(const ResponseRequest& request);
    static TheoremView computeTheorem(const TheoremRequest& request);

public Q_SLOTS:
    void response(quint64 generation, const convscope::gui::ResponseRequest& request);
    void theorem(quint64 generation, const convscope::gui::TheoremRequest& request);

Q_SIGNALS:
    void responseReady(quint64 generation, convscope::gui::ResponseView view);
    void theoremReady(quint64 generation, convscope::gui::TheoremView view);
    /// kind: 0/1 for the response slots, 2 for the theorem.
    void failed(int kind, quint64 generation, QString message);

private:
    std::shared_ptr<std::atomic<quint64>[]> m_latest;
};

}  // namespace convscope::gui
