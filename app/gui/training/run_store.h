#pragma once

#include <QString>
#include <QStringList>
#include <QVector>

#include "app/gui/training/instrument_frame.h"
#include "app/gui/training/training_types.h"

namespace convscope::gui {

/// Every training run kept on disk, one folder each under the runs directory: config.txt (the settings),
/// metrics.jsonl (one JSON line per logged batch and per epoch, the CLI's format), status.txt (running,
/// finished, stopped, diverged or failed, and its message) and checkpoint.ckpt. Runs survive restarts and are
/// listed newest first. All functions may be called from any thread; a run's files are written by the thread
/// that runs it.
class RunStore {
public:
    /// Default: QStandardPaths::AppLocalDataLocation/runs.
    static QString defaultDirectory();

    /// Makes the folder of a new run and writes its config.txt; returns its record (empty id on failure, with
    /// the reason in `error`).
    static RunRecord create(const QString& runsDirectory, const nn::TrainConfig& config,
                            QString* error = nullptr);
    static void appendBatch(const RunRecord& run, const BatchPoint& point);
    static void appendEpoch(const RunRecord& run, const EpochPoint& point);
    static void setStatus(const RunRecord& run, const QString& status, const QString& message);
    /// The instruments of one logged step, appended to the run's instruments.jsonl (run_store_instruments.cpp
    /// describes the format); loadInstruments reads them back in order (none when the file is missing).
    static void appendInstruments(const RunRecord& run, const InstrumentFrame& frame);
    static QVector<InstrumentFrame> loadInstruments(const QString& directory);

    /// Every run under `runsDirectory`, newest first; folders that are not runs are skipped. A run whose
    /// config.txt exists but cannot be read back is set aside as <folder>.corrupt-<time>
    /// (common::CorruptFile), kept for the user and no longer listed; `setAside` receives a sentence for
    /// each.
    static QVector<RunRecord> list(const QString& runsDirectory, QStringList* setAside = nullptr);
    /// One run's folder read back (empty id when it is not a run).
    static RunRecord load(const QString& directory);
    /// Deletes a run's folder. Returns false when it could not be removed.
    static bool remove(const RunRecord& run);

    /// "ResNet-18, small stem, no skips, 3 epochs (21:03)" from a config.
    static QString titleFor(const nn::TrainConfig& config, const QDateTime& started);
};

}  // namespace convscope::gui
