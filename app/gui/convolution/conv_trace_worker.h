#pragma once

#include <QObject>
#include <QString>
#include <memory>

#include "app/gui/convolution/conv_lab_setup.h"
#include "app/gui/support/job_token.h"

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
    /// Runs on the worker thread. Abandons the work (no signal) once the token is cancelled.
    void compute(const convscope::gui::JobToken& token, const convscope::gui::ConvLabSetup& setup);

Q_SIGNALS:
    void computed(quint64 generation, convscope::gui::ConvTracePtr trace, QString shapeArithmetic);
    void failed(quint64 generation, QString message);
};

}  // namespace convscope::gui

Q_DECLARE_METATYPE(convscope::gui::ConvTracePtr)
