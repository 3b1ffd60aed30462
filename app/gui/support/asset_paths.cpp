#include "app/gui/support/asset_paths.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace convscope::gui {

QString assetsDirectory() {
    QStringList candidates;
    const QString fromEnvironment = qEnvironmentVariable("CONVSCOPE_ASSETS_DIR");
    if (!fromEnvironment.isEmpty()) candidates << fromEnvironment;
    if (QCoreApplication::instance())
        candidates << QCoreApplication::applicationDirPath() + QStringLiteral("/../share/convscope/assets");
#ifdef CONVSCOPE_SOURCE_ASSETS_DIR
    candidates << QStringLiteral(CONVSCOPE_SOURCE_ASSETS_DIR);
#endif
    for (const QString& candidate : std::as_const(candidates)) {
        if (QFileInfo(candidate).isDir()) return QDir(candidate).canonicalPath();
    }
    return {};
}

QString assetPath(const QString& relative) {
    const QString dir = assetsDirectory();
    if (dir.isEmpty()) return {};
    const QString path = QDir(dir).filePath(relative);
    return QFileInfo::exists(path) ? path : QString();
}

}  // namespace convscope::gui
