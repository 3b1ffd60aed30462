#include "app/gui/shell/file_dialogs.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStringList>

#include "app/gui/document/image_file_types.h"

namespace convscope::gui {

QString askImageToOpen(QWidget* parent, const QString& directory) {
    return QFileDialog::getOpenFileName(parent, QObject::tr("Open Image"), directory, imageOpenFilter());
}

QString askModelToOpen(QWidget* parent, const QString& directory) {
    return QFileDialog::getOpenFileName(
        parent, QObject::tr("Open TorchScript Model"), directory,
        QObject::tr("TorchScript models (*.pt *.pth *.ts *.zip);;All files (*)"));
}

bool isModelFile(const QString& path) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    return suffix == QLatin1String("pt") || suffix == QLatin1String("pth") || suffix == QLatin1String("ts");
}

QString firstSuffixOf(const QString& nameFilter) {
    static const QRegularExpression pattern(QStringLiteral("\\*\\.([A-Za-z0-9]+)"));
    const QRegularExpressionMatch match = pattern.match(nameFilter);
    return match.hasMatch() ? match.captured(1) : QString();
}

QString askExportPath(QWidget* parent, const QString& directory, const QString& baseName,
                      const QString& nameFilters) {
    const QStringList filters = nameFilters.split(QStringLiteral(";;"), Qt::SkipEmptyParts);
    QString selected = filters.value(0);
    const QString first = firstSuffixOf(selected);
    const QString offered = first.isEmpty() ? baseName : baseName + QLatin1Char('.') + first;
    const QString path = QFileDialog::getSaveFileName(
        parent, QObject::tr("Export"), QDir(directory).filePath(offered), nameFilters, &selected);
    if (path.isEmpty() || !QFileInfo(path).suffix().isEmpty()) return path;
    const QString suffix = firstSuffixOf(selected);
    return suffix.isEmpty() ? path : path + QLatin1Char('.') + suffix;
}

}  // namespace convscope::gui
