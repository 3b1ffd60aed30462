#include "app/gui/document/sample_images.h"

#include <QDir>
#include <QFileInfo>

namespace convscope::gui {

QString opencvSampleDirectory() {
    return QStringLiteral("/usr/share/doc/opencv-doc/examples/data");
}

QString textbookImagePath(const QString& dir) {
    const QFileInfo info(QDir(dir), QString::fromLatin1(kTextbookImageName));
    return info.isFile() ? info.absoluteFilePath() : QString();
}

QStringList sampleImagePaths(const QString& dir) {
    const QDir directory(dir);
    if (dir.isEmpty() || !directory.exists()) return {};
    const QFileInfoList files =
        directory.entryInfoList({QStringLiteral("*.jpg"), QStringLiteral("*.png")},
                                QDir::Files | QDir::Readable, QDir::Name | QDir::IgnoreCase);
    QStringList paths;
    for (const QFileInfo& info : files) {
        if (info.fileName() == QLatin1String(kTextbookImageName))
            paths.prepend(info.absoluteFilePath());
        else
            paths.append(info.absoluteFilePath());
    }
    return paths;
}

}  // namespace convscope::gui
