#pragma once

#include <QString>

class QWidget;

namespace convscope::gui {

/// Asks for an image to open, starting in `directory`; empty when cancelled.
QString askImageToOpen(QWidget* parent, const QString& directory);

/// Asks where to export the Filters result, offering "<baseName>-filtered.png" in `directory`. The filter
/// strings say what each format holds (PNG/JPEG: the picture as displayed; TIFF: the 32-bit float values).
/// A name typed without a suffix gets the chosen format's. Empty when cancelled.
QString askExportPath(QWidget* parent, const QString& directory, const QString& baseName);

}  // namespace convscope::gui
