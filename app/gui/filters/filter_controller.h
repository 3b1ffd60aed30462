#pragma once

#include <QObject>
#include <QString>

#include "app/gui/filters/filter_request.h"
#include "app/gui/support/job_runner.h"

namespace convscope::gui {

class FilterWorker;

/// Runs filtering off the GUI thread. Each request gets a generation number; only the newest request's
/// results are delivered (a preview first for large images, then the full resolution), older ones are
/// skipped by the worker or dropped here on arrival. The "all filters" grid is its own lane, so a grid job
/// and an interactive request do not cancel each other.
class FilterController : public QObject {
    Q_OBJECT
public:
    explicit FilterController(QObject* parent = nullptr);
    /// Cancels what is running, stops the thread and waits for it (the engine checks between bands, so this
    /// takes at most one band's time).
    ~FilterController() override;

    /// Queues `request` and returns the generation it got.
    quint64 submit(const FilterRequest& request);
    /// Queues the "all filters" job; returns its generation.
    quint64 submitAll(const AllFiltersRequest& request);
    /// Drops whatever is queued or running; nothing more is delivered for earlier requests.
    void cancel();
    void cancelAll();
    quint64 latestGeneration() const { return m_jobs.latestGeneration(kInteractive); }
    quint64 latestTilesGeneration() const { return m_jobs.latestGeneration(kTiles); }

Q_SIGNALS:
    void frameReady(const convscope::gui::FilterFrame& frame);
    void failed(quint64 generation, const QString& message);
    void tileReady(const convscope::gui::FilterTileResult& tile);
    void tilesFinished(quint64 generation);

private:
    static constexpr int kInteractive = 0;
    static constexpr int kTiles = 1;

    JobRunner m_jobs;
    FilterWorker* m_worker = nullptr;
};

}  // namespace convscope::gui
