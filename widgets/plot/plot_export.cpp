#include "widgets/plot/plot_export.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QPainter>
#include <QSaveFile>
#include <QSvgGenerator>
#include <algorithm>
#include <cmath>

#include "widgets/common/number_text.h"

namespace convscope::widgets {

namespace {
constexpr double kPngPixelRatio = 2.0;
constexpr int kSvgDpi = 96;

// Gives the messages a translation context that lupdate recognises.
struct PlotExport {
    Q_DECLARE_TR_FUNCTIONS(PlotExport)
};

bool fail(QString* error, const QString& message) {
    if (error) *error = message;
    return false;
}

// Checks what QSaveFile would only report vaguely, then opens it. The folder must exist: saving never
// creates folders, so a typo in a path does not leave new directories behind.
bool open(QSaveFile& file, const QString& path, QString* error) {
    if (path.isEmpty()) return fail(error, PlotExport::tr("Cannot save: no file name given."));
    const QFileInfo info(path);
    const QString folder = QDir::toNativeSeparators(info.absolutePath());
    if (!info.absoluteDir().exists()) {
        return fail(error, PlotExport::tr("Cannot save \"%1\": the folder \"%2\" does not exist.")
                               .arg(QDir::toNativeSeparators(path), folder));
    }
    if (info.isDir()) {
        return fail(
            error, PlotExport::tr("Cannot save \"%1\": it is a folder.").arg(QDir::toNativeSeparators(path)));
    }
    if (!file.open(QIODevice::WriteOnly)) {
        QString reason = file.errorString();
        if (!QFileInfo(info.absolutePath()).isWritable()) {
            reason = PlotExport::tr("permission denied (the folder \"%1\" is not writable)").arg(folder);
        } else if (info.exists() && !info.isWritable()) {
            reason = PlotExport::tr("permission denied (the file is read-only)");
        }
        return fail(error,
                    PlotExport::tr("Cannot save \"%1\": %2.").arg(QDir::toNativeSeparators(path), reason));
    }
    return true;
}

bool commit(QSaveFile& file, const QString& path, QString* error) {
    if (file.commit()) return true;
    return fail(
        error,
        PlotExport::tr("Cannot save \"%1\": %2.").arg(QDir::toNativeSeparators(path), file.errorString()));
}

bool checkPlot(const QSize& size, const std::function<void(QPainter&, const QRect&)>& render,
               QString* error) {
    if (size.isEmpty() || size.width() > 20000 || size.height() > 20000) {
        return fail(
            error,
            PlotExport::tr("Cannot save a plot of %1 × %2 pixels.").arg(size.width()).arg(size.height()));
    }
    if (!render) return fail(error, PlotExport::tr("Cannot save: nothing to draw."));
    return true;
}

QString csvField(QString text) {
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) &&
        !text.contains(QLatin1Char('\n')) && !text.contains(QLatin1Char('\r')))
        return text;
    return QLatin1Char('"') + text.replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"');
}

QString csvNumber(double value) {
    if (std::isnan(value)) return QStringLiteral("nan");
    if (std::isinf(value)) return value > 0 ? QStringLiteral("inf") : QStringLiteral("-inf");
    return exactNumber(value);  // QString::number: always '.', never grouping, whatever the locale
}
}  // namespace

bool savePlotPng(const QString& path, const QSize& size,
                 const std::function<void(QPainter&, const QRect&)>& render, QString* error) {
    if (!checkPlot(size, render, error)) return false;
    QSaveFile file(path);
    if (!open(file, path, error)) return false;  // before painting: a bad path fails at once
    QImage image(size * kPngPixelRatio, QImage::Format_ARGB32_Premultiplied);
    if (image.isNull()) {
        file.cancelWriting();
        return fail(error, PlotExport::tr("Cannot save \"%1\": not enough memory for the picture.")
                               .arg(QDir::toNativeSeparators(path)));
    }
    image.setDevicePixelRatio(kPngPixelRatio);
    image.fill(Qt::white);
    {
        QPainter painter(&image);
        painter.setRenderHint(QPainter::TextAntialiasing, true);
        render(painter, QRect(QPoint(0, 0), size));
    }
    // Recorded after painting: text was measured at the usual resolution, the file says "twice as dense".
    image.setDotsPerMeterX(int(std::lround(image.dotsPerMeterX() * kPngPixelRatio)));
    image.setDotsPerMeterY(int(std::lround(image.dotsPerMeterY() * kPngPixelRatio)));
    if (!image.convertToFormat(QImage::Format_RGB32).save(&file, "PNG")) {
        file.cancelWriting();
        return fail(error, PlotExport::tr("Cannot save \"%1\": %2.")
                               .arg(QDir::toNativeSeparators(path),
                                    file.errorString().isEmpty() ? PlotExport::tr("the PNG encoder failed")
                                                                 : file.errorString()));
    }
    return commit(file, path, error);
}

bool savePlotSvg(const QString& path, const QSize& size, const QString& title,
                 const std::function<void(QPainter&, const QRect&)>& render, QString* error) {
    if (!checkPlot(size, render, error)) return false;
    QSaveFile file(path);
    if (!open(file, path, error)) return false;
    QSvgGenerator svg;
    svg.setOutputDevice(&file);
    svg.setSize(size);
    svg.setViewBox(QRect(QPoint(0, 0), size));
    svg.setResolution(kSvgDpi);
    // QSvgGenerator 6.4 writes title and description into the XML verbatim: "&" or "<" would make the file
    // unreadable.
    svg.setTitle(title.toHtmlEscaped());
    svg.setDescription(PlotExport::tr("Plot exported from ConvScope").toHtmlEscaped());
    QPainter painter;
    if (!painter.begin(&svg)) {
        file.cancelWriting();
        return fail(error, PlotExport::tr("Cannot save \"%1\": the SVG writer could not start.").arg(path));
    }
    painter.fillRect(QRect(QPoint(0, 0), size), Qt::white);
    render(painter, QRect(QPoint(0, 0), size));
    painter.end();
    return commit(file, path, error);
}

bool saveCsv(const QString& path, const QStringList& header, const QVector<QVector<double>>& columns,
             QString* error) {
    QSaveFile file(path);
    if (!open(file, path, error)) return false;
    qsizetype rows = 0;
    for (const QVector<double>& column : columns) rows = std::max(rows, column.size());
    const qsizetype width = std::max(qsizetype(header.size()), qsizetype(columns.size()));
    QByteArray out;
    if (!header.isEmpty()) {
        QStringList fields;
        for (qsizetype c = 0; c < width; ++c) fields << csvField(c < header.size() ? header[c] : QString());
        out += fields.join(QLatin1Char(',')).toUtf8() + '\n';
    }
    for (qsizetype r = 0; r < rows; ++r) {
        QStringList fields;
        for (qsizetype c = 0; c < width; ++c) {
            const bool present = c < columns.size() && r < columns[c].size();
            fields << (present ? csvNumber(columns[c][r]) : QString());
        }
        out += fields.join(QLatin1Char(',')).toUtf8() + '\n';
    }
    if (file.write(out) != out.size()) {
        file.cancelWriting();
        return fail(error, PlotExport::tr("Cannot save \"%1\": %2.")
                               .arg(QDir::toNativeSeparators(path), file.errorString()));
    }
    return commit(file, path, error);
}

}  // namespace convscope::widgets
