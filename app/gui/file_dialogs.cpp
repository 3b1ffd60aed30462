#include "app/gui/file_dialogs.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QStringList>

#include "app/gui/image_file_types.h"

namespace convscope::gui {

QString askImageToOpen(QWidget* parent, const QString& directory) {
    return QFileDialog::getOpenFileName(parent, QObject::tr("Open Image"), directory, imageOpenFilter());
}

QString askExportPath(QWidget* parent, const QString& directory, const QString& baseName) {
    const QString png = QObject::tr("PNG image, as displayed (*.png)");
    const QString jpeg = QObject::tr("JPEG image, as displayed (*.jpg *.jpeg)");
    const QString tiff = QObject::tr("TIFF, 32-bit float values as computed (*.tif *.tiff)");
    QString selected = png;
    QString path =
        QFileDialog::getSaveFileName(parent, QObject::tr("Export Result"),
                                     QDir(directory).filePath(baseName + QStringLiteral("-filtered.png")),
                                     QStringList{png, jpeg, tiff}.join(QStringLiteral(";;")), &selected);
    if (path.isEmpty() || !QFileInfo(path).suffix().isEmpty()) return path;
    if (selected == tiff) return path + QStringLiteral(".tif");
    if (selected == jpeg) return path + QStringLiteral(".jpg");
    return path + QStringLiteral(".png");
}

}  // namespace convscope::gui
