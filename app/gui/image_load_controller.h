#pragma once

#include <QObject>
#include <QString>
#include <QThread>

#include "app/gui/image_load_worker.h"

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
    bool isLoading() const { return m_pending; }
    quint64 latestGeneration() const { return m_generation; }

Q_SIGNALS:
    void started(quint64 generation, const QString& path);
    void loaded(quint64 generation, const convscope::gui::ImageLoadResult& result);
    void failed(quint64 generation, const QString& path, const QString& message);

private:
    void onLoaded(quint64 generation, const convscope::gui::ImageLoadResult& result);
    void onFailed(quint64 generation, const QString& path, const QString& message);

    QThread m_thread;
    ImageLoadWorker* m_worker = nullptr;
    quint64 m_generation = 0;
    bool m_pending = false;
};

}  // namespace convscope::gui
