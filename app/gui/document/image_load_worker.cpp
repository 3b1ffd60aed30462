#include "app/gui/document/image_load_worker.h"

#include <QElapsedTimer>
#include <QFile>

#include <exception>
#include <new>

#include "core/imaging/image_loader.h"

namespace convscope::gui {

void ImageLoadWorker::load(const JobToken& token, const QString& path) {
    const quint64 generation = token.generation();
    try {
        QElapsedTimer timer;
        timer.start();
        // QFile::encodeName gives the bytes the file system expects, whatever the locale.
        imaging::LoadedImage image = imaging::loadImage(QFile::encodeName(path).toStdString());
        ImageLoadResult result;
        result.path = path;
        result.pixels = image.pixels;
        result.format = QString::fromStdString(image.format);
        result.sourceChannels = image.sourceChannels;
        result.sourceBitDepth = image.sourceBitDepth;
        result.elapsedMs = timer.elapsed();
        Q_EMIT loaded(generation, result);
    } catch (const imaging::ImageLoadError& e) {
        Q_EMIT failed(generation, path, QString::fromStdString(e.what()));
    } catch (const std::bad_alloc&) {
        Q_EMIT failed(generation, path, tr("There is not enough memory to open this image."));
    } catch (const std::exception& e) {
        Q_EMIT failed(generation, path,
                      tr("Unexpected error while reading the image: %1").arg(QString::fromUtf8(e.what())));
    } catch (...) {
        Q_EMIT failed(generation, path, tr("Unexpected error while reading the image."));
    }
}

}  // namespace convscope::gui
