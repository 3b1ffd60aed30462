#pragma once

#include <QObject>
#include <QString>

#include "app/gui/features/feature_frame.h"
#include "app/gui/features/feature_maps_request.h"
#include "app/gui/support/job_runner.h"

namespace convscope::gui {

class FeatureMapsWorker;

/// Computes the Feature maps panel's frames off the GUI thread. Only the newest request's result is
/// delivered: a result or error for an older generation is dropped. The header needs no LibTorch, so panels
/// can include it.
class FeatureMapsController : public QObject {
    Q_OBJECT
public:
    explicit FeatureMapsController(QObject* parent = nullptr);
    /// Quits the thread and waits for the running request (one forward pass) to end.
    ~FeatureMapsController() override;

    /// Queues `request` and returns its generation.
    quint64 request(const FeatureMapsRequest& request);
    /// True from a request until its result or error arrives (or a newer request's does).
    bool isBusy() const { return m_jobs.isBusy(); }

Q_SIGNALS:
    void ready(const convscope::gui::FeatureFrame& frame);
    void failed(const QString& message);

private:
    JobRunner m_jobs;
    FeatureMapsWorker* m_worker = nullptr;
};

}  // namespace convscope::gui
