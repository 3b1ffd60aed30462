#include "widgets/diagram/diagram_export.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QGraphicsScene>
#include <QImage>
#include <QPainter>
#include <QSaveFile>
#include <QSvgGenerator>
#include <algorithm>
#include <cmath>

namespace convscope::widgets {

namespace {
constexpr double kScale = 2.0;
constexpr double kMaxSide = 32000;
constexpr double kMaxPixels = 64e6;

struct DiagramExport {
    Q_DECLARE_TR_FUNCTIONS(DiagramExport)
};

bool fail(QString* error, const QString& message) {
    if (error) *error = message;
    return false;
}

QString native(const QString& path) {
    return QDir::toNativeSeparators(path);
}

bool open(QSaveFile& file, const QString& path, QString* error) {
    if (path.isEmpty()) return fail(error, DiagramExport::tr("Cannot save: no file name given."));
    const QFileInfo info(path);
    if (!info.absoluteDir().exists()) {
        return fail(error, DiagramExport::tr("Cannot save \"%1\": the folder \"%2\" does not exist.")
                               .arg(native(path), native(info.absolutePath())));
    }
    if (info.isDir())
        return fail(error, DiagramExport::tr("Cannot save \"%1\": it is a folder.").arg(native(path)));
    if (!file.open(QIODevice::WriteOnly)) {
        return fail(error,
                    DiagramExport::tr("Cannot save \"%1\": %2.").arg(native(path), file.errorString()));
    }
    return true;
}

bool commit(QSaveFile& file, const QString& path, QString* error) {
    if (file.commit()) return true;
    return fail(error, DiagramExport::tr("Cannot save \"%1\": %2.").arg(native(path), file.errorString()));
}

bool checkSource(QGraphicsScene* scene, const QRectF& source, QString* error) {
    if (!scene || source.isEmpty())
        return fail(error, DiagramExport::tr("Cannot save: the diagram is empty."));
    return true;
}
}  // namespace

QImage renderDiagramImage(QGraphicsScene* scene, const QRectF& source, double scale) {
    const QSize pixels(int(std::ceil(source.width() * scale)), int(std::ceil(source.height() * scale)));
    if (!scene || pixels.isEmpty()) return {};
    QImage image(pixels, QImage::Format_ARGB32_Premultiplied);
    if (image.isNull()) return {};
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    scene->render(&painter, QRectF(QPointF(0, 0), QSizeF(pixels)), source, Qt::KeepAspectRatio);
    return image;
}

double diagramPngScale(const QSizeF& size) {
    const double side = std::max(size.width(), size.height());
    const double area = size.width() * size.height();
    double scale = kScale;
    if (side > 0) scale = std::min(scale, kMaxSide / side);
    if (area > 0) scale = std::min(scale, std::sqrt(kMaxPixels / area));
    return scale;
}

bool saveDiagramPng(QGraphicsScene* scene, const QRectF& source, const QString& path, QString* error) {
    if (!checkSource(scene, source, error)) return false;
    QSaveFile file(path);
    if (!open(file, path, error)) return false;
    const double scale = diagramPngScale(source.size());
    QImage image = renderDiagramImage(scene, source, scale);
    if (image.isNull()) {
        file.cancelWriting();
        return fail(
            error,
            DiagramExport::tr("Cannot save \"%1\": not enough memory for the picture.").arg(native(path)));
    }
    image.setDotsPerMeterX(int(std::lround(image.dotsPerMeterX() * scale)));
    image.setDotsPerMeterY(int(std::lround(image.dotsPerMeterY() * scale)));
    if (!image.convertToFormat(QImage::Format_RGB32).save(&file, "PNG")) {
        file.cancelWriting();
        return fail(error,
                    DiagramExport::tr("Cannot save \"%1\": the PNG encoder failed.").arg(native(path)));
    }
    return commit(file, path, error);
}

bool saveDiagramSvg(QGraphicsScene* scene, const QRectF& source, const QString& title, const QString& path,
                    QString* error) {
    if (!checkSource(scene, source, error)) return false;
    QSaveFile file(path);
    if (!open(file, path, error)) return false;
    const QSize size(int(std::ceil(source.width())), int(std::ceil(source.height())));
    QSvgGenerator svg;
    svg.setOutputDevice(&file);
    svg.setSize(size);
    svg.setViewBox(QRect(QPoint(0, 0), size));
    svg.setResolution(96);
    // QSvgGenerator 6.4 writes title and description verbatim: "&" or "<" would break the XML.
    svg.setTitle(title.toHtmlEscaped());
    svg.setDescription(DiagramExport::tr("Architecture diagram exported from ConvScope").toHtmlEscaped());
    QPainter painter;
    if (!painter.begin(&svg)) {
        file.cancelWriting();
        return fail(
            error,
            DiagramExport::tr("Cannot save \"%1\": the SVG writer could not start.").arg(native(path)));
    }
    painter.fillRect(QRect(QPoint(0, 0), size), Qt::white);
    scene->render(&painter, QRectF(QPointF(0, 0), QSizeF(size)), source, Qt::KeepAspectRatio);
    painter.end();
    return commit(file, path, error);
}

}  // namespace convscope::widgets
