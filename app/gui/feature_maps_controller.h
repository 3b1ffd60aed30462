#pragma once

#include <QObject>
#include <QString>
#include <QThread>
#include <atomic>
#include <memory>

#include "app/gui/feature_frame.h"
#include "app/gui/feature_maps_request.h"

namespace convscope::gui {

class FeatureMapsWorker;

/// Owns the Feature maps panel's worker thread. Only the newest request's result is delivered: a result or
/// error for an older generation is dropped. The header needs no LibTorch, so panels can include it.
class FeatureMapsController : public QObject {
    Q_OBJECT
public:
    explicit FeatureMapsController(QObject* parent = nullptr);
    /// Quits the thread and waits for the running request (one forward pass) to end.
    ~FeatureMapsController() override;

    /// Queues `request` (its generation is set here) and returns that generation.
    quint64 request(FeatureMapsRequest request);
    /// True from a request until its result or error arrives (or a newer request's does).
    bool isBusy() const { return m_busy; }

Q_SIGNALS:
    void ready(const convscope::gui::FeatureFrame& frame);
    void failed(const QString& message);

private:
    QThread m_thread;
    FeatureMapsWorker* m_worker = nullptr;
    std::shared_ptr<std::atomic<quint64>> m_latest;
    bool m_busy = false;
};

}  // namespace convscope::gui
