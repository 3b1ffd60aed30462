#include "app/gui/document/image_load_controller.h"

namespace convscope::gui {

ImageLoadController::ImageLoadController(QObject* parent)
    : QObject(parent), m_jobs(QStringLiteral("image loader"), 1, this) {
    qRegisterMetaType<ImageLoadResult>();
    m_worker = m_jobs.adopt(new ImageLoadWorker);
    connect(m_worker, &ImageLoadWorker::loaded, this,
            [this](quint64 generation, const ImageLoadResult& result) {
                if (m_jobs.finish(0, generation)) Q_EMIT loaded(generation, result);
            });
    connect(m_worker, &ImageLoadWorker::failed, this,
            [this](quint64 generation, const QString& path, const QString& message) {
                if (m_jobs.finish(0, generation)) Q_EMIT failed(generation, path, message);
            });
}

ImageLoadController::~ImageLoadController() = default;

quint64 ImageLoadController::open(const QString& path) {
    const quint64 generation =
        m_jobs.post([worker = m_worker, path](const JobToken& token) { worker->load(token, path); });
    Q_EMIT started(generation, path);
    return generation;
}

void ImageLoadController::cancel() {
    m_jobs.drop();
}

}  // namespace convscope::gui
