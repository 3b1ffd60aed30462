#include "app/gui/document/image_file_types.h"

#include <QFileInfo>

#include "core/imaging/image_loader.h"

namespace convscope::gui {

QStringList supportedImageSuffixes() {
    QStringList suffixes;
    for (const std::string& pattern : imaging::supportedExtensions()) {
        // Accept "*.png", ".png" and "png" alike: only the suffix matters here.
        QString suffix = QString::fromStdString(pattern).toLower();
        while (suffix.startsWith(QLatin1Char('*')) || suffix.startsWith(QLatin1Char('.')))
            suffix.remove(0, 1);
        if (!suffix.isEmpty() && !suffixes.contains(suffix)) suffixes.append(suffix);
    }
    return suffixes;
}

bool isSupportedImageFile(const QString& path) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    return !suffix.isEmpty() && supportedImageSuffixes().contains(suffix);
}

QString imageOpenFilter() {
    QStringList patterns;
    for (const QString& suffix : supportedImageSuffixes()) patterns.append(QStringLiteral("*.") + suffix);
    return QObject::tr("Images (%1);;All files (*)").arg(patterns.join(QLatin1Char(' ')));
}

}  // namespace convscope::gui
