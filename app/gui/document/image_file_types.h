#pragma once

#include <QString>
#include <QStringList>

namespace convscope::gui {

/// Lower-case suffixes ("png", "jpg", ...) of the formats imaging::loadImage reads.
QStringList supportedImageSuffixes();

/// Whether `path` names a file ConvScope can open, judged by its suffix alone (the loader checks the
/// contents).
bool isSupportedImageFile(const QString& path);

/// Name filter for QFileDialog: "Images (*.png *.jpg …);;All files (*)".
QString imageOpenFilter();

}  // namespace convscope::gui
