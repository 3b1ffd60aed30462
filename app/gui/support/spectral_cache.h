#pragma once

#include <QObject>
#include <QString>

#include "app/gui/support/job_runner.h"

namespace convscope::gui {

/// FFTW's wisdom and the filter cost model in the user's cache directory: loaded (the model calibrated on
/// first use, about a second) on a thread of its own shortly after start-up, saved when the window closes.
/// Until the model is ready the engine uses its default coefficients, which only affects speed.
class SpectralCache : public QObject {
    Q_OBJECT
public:
    /// `directory`: where the files live (QStandardPaths::CacheLocation by default).
    explicit SpectralCache(QString directory, QObject* parent = nullptr);
    /// Waits for a running load (it cannot be interrupted mid-measurement; it takes about a second).
    ~SpectralCache() override;

    /// Starts loading after `delayMs`, so that calibration does not compete with the first filtering.
    void loadLater(int delayMs = 1500);
    /// Writes the wisdom gathered so far; returns a problem to report, or empty.
    QString save() const;
    QString directory() const { return m_directory; }
    bool isReady() const { return m_ready; }

Q_SIGNALS:
    /// Loading finished; `problem` is empty or says what could not be read or written.
    void ready(QString problem);

private:
    void load();

    QString m_directory;
    JobRunner m_jobs;
    bool m_ready = false;
};

}  // namespace convscope::gui
