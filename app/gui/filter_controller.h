#pragma once

#include <QObject>
#include <QString>
#include <QThread>

#include "app/gui/filter_request.h"

namespace convscope::gui {

class FilterWorker;

/// Runs filtering on its own thread. Each request gets a generation number; only the newest request's
/// results are delivered (a preview first for large images, then the full resolution), older ones are
/// skipped by the worker or dropped here on arrival. The "all filters" grid has its own generations, so a
/// grid job and an interactive request do not cancel each other.
class FilterController : public QObject {
    Q_OBJECT
public:
    explicit FilterController(QObject* parent = nullptr);
    /// Cancels what is running, stops the thread and waits for it (the engine checks between bands, so this
    /// takes at most one band's time).
    ~FilterController() override;

    /// Queues `request` (its generation is replaced) and returns the generation it got.
    quint64 submit(FilterRequest request);
    /// Queues the "all filters" job; returns its generation.
    quint64 submitAll(AllFiltersRequest request);
    /// Drops whatever is queued or running; nothing more is delivered for earlier requests.
    void cancel();
    void cancelAll();
    quint64 latestGeneration() const { return m_generation; }
    quint64 latestTilesGeneration() const { return m_tilesGeneration; }

Q_SIGNALS:
    void frameReady(const convscope::gui::FilterFrame& frame);
    void failed(quint64 generation, const QString& message);
    void tileReady(const convscope::gui::FilterTileResult& tile);
    void tilesFinished(quint64 generation);

private:
    void onFrame(const FilterFrame& frame);
    void onFailed(quint64 generation, const QString& message);
    void onTile(const FilterTileResult& tile);
    void onTilesFinished(quint64 generation);

    QThread m_thread;
    FilterWorker* m_worker = nullptr;
    quint64 m_generation = 0;
    quint64 m_tilesGeneration = 0;
};

}  // namespace convscope::gui
