#pragma once

#include <QObject>
#include <QString>

#include "app/gui/document/image_load_worker.h"
#include "app/gui/support/job_runner.h"

namespace convscope::gui {

/// Opens image files off the GUI thread. Each request gets a generation number and only the newest request's
/// outcome is delivered, so opening files in quick succession always ends on the last one chosen.
class ImageLoadController : public QObject {
    Q_OBJECT
public:
    explicit ImageLoadController(QObject* parent = nullptr);
    /// Waits for a decode in progress to finish (it cannot be interrupted) and drops its result.
    ~ImageLoadController() override;

    /// Starts loading `path`; returns the request's generation.
    quint64 open(const QString& path);
    /// Drops the outcome of every request made so far (something newer than a file took its place).
    void cancel();
    bool isLoading() const { return m_jobs.isBusy(); }
    quint64 latestGeneration() const { return m_jobs.latestGeneration(); }

Q_SIGNALS:
    void started(quint64 generation, const QString& path);
    void loaded(quint64 generation, const convscope::gui::ImageLoadResult& result);
    void failed(quint64 generation, const QString& path, const QString& message);

private:
    JobRunner m_jobs;
    ImageLoadWorker* m_worker = nullptr;
};

}  // namespace convscope::gui
