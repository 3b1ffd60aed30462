#include "app/gui/support/writable_folder.h"

#include <QDir>
#include <QFileInfo>
#include <QObject>
#include <QTemporaryFile>

namespace convscope::gui {

namespace {

bool takesNewFiles(const QString& folder) {
    QTemporaryFile probe(QDir(folder).filePath(QStringLiteral(".convscope-write-check-XXXXXX")));
    return probe.open();  // removed again when `probe` goes
}

}  // namespace

QString folderWriteProblem(const QString& folder) {
    if (folder.isEmpty()) return QObject::tr("No folder is chosen for the results.");
    const QFileInfo info(folder);
    if (info.exists()) {
        if (!info.isDir()) return QObject::tr("%1 is a file, not a folder: choose another.").arg(folder);
        if (!takesNewFiles(folder))
            return QObject::tr("Files cannot be written in %1: choose another folder.").arg(folder);
        return {};
    }
    // Created when the work starts: the nearest part of the path that exists must take it.
    QString existing = QDir::cleanPath(info.absoluteFilePath());
    while (!QFileInfo::exists(existing) && QFileInfo(existing).dir().absolutePath() != existing)
        existing = QFileInfo(existing).dir().absolutePath();
    if (!QFileInfo(existing).isDir())
        return QObject::tr("%1 cannot be created: %2 is a file.").arg(folder, existing);
    if (!takesNewFiles(existing))
        return QObject::tr("%1 cannot be created: files cannot be written in %2.").arg(folder, existing);
    return {};
}

}  // namespace convscope::gui
