#pragma once

#include <QObject>
#include <QString>

#include "app/gui/features/equivariance_frame.h"
#include "app/gui/support/job_runner.h"

namespace convscope::gui {

class EquivarianceWorker;

/// Runs the Equivariance tab's requests off the GUI thread, newest wins: a request cancels the one before,
/// and only the newest request's result or error is delivered. The header needs no LibTorch.
class EquivarianceController : public QObject {
    Q_OBJECT
public:
    explicit EquivarianceController(QObject* parent = nullptr);
    ~EquivarianceController() override;

    quint64 request(const EquivarianceRequest& request);
    bool isBusy() const { return m_jobs.isBusy(); }

Q_SIGNALS:
    void ready(const convscope::gui::EquivarianceFrame& frame);
    void failed(const QString& message);

private:
    JobRunner m_jobs;
    EquivarianceWorker* m_worker = nullptr;
};

}  // namespace convscope::gui
