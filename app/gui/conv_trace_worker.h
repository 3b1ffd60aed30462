#pragma once

#include <QObject>
#include <QString>
#include <atomic>
#include <memory>

#include "app/gui/conv_lab_setup.h"

namespace convscope::conv {
class ConvTrace;
}

namespace convscope::gui {

using ConvTracePtr = std::shared_ptr<const conv::ConvTrace>;

/// Builds a conv::ConvTrace for a setup on the controller's thread. The trace is immutable once built, so the
/// panel and the export worker share it read-only through a shared_ptr.
class ConvTraceWorker : public QObject {
    Q_OBJECT
public:
    explicit ConvTraceWorker(std::shared_ptr<std::atomic<quint64>> latest);

public Q_SLOTS:
    /// Runs on the worker thread. Abandons the work (no signal) once a newer generation has been requested.
    void compute(quint64 generation, const convscope::gui::ConvLabSetup& setup);

Q_SIGNALS:
    void computed(quint64 generation, convscope::gui::ConvTracePtr trace, QString shapeArithmetic);
    void failed(quint64 generation, QString message);

private:
    std::shared_ptr<std::atomic<quint64>> m_latest;
};

}  // namespace convscope::gui

Q_DECLARE_METATYPE(convscope::gui::ConvTracePtr)
