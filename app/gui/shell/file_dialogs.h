#pragma once

#include <QString>

class QWidget;

namespace convscope::gui {

/// Asks for an image to open, starting in `directory`; empty when cancelled.
QString askImageToOpen(QWidget* parent, const QString& directory);
/// Asks for a TorchScript model (.pt, .pth, .ts, .zip) to open; empty when cancelled.
QString askModelToOpen(QWidget* parent, const QString& directory);
/// Whether `path` names a model file by its suffix (.pt, .pth, .ts), as a drop onto the window is routed.
bool isModelFile(const QString& path);

/// Asks where to export, offering `baseName` with the first filter's suffix in `directory`. `nameFilters`
/// are a file dialog's filters separated by ";;", each saying what its format holds ("TIFF, 32-bit float
/// values as computed (*.tif *.tiff)"). A name typed without a suffix gets the chosen format's first one.
/// Empty when cancelled.
QString askExportPath(QWidget* parent, const QString& directory, const QString& baseName,
                      const QString& nameFilters);

/// The first suffix a file dialog filter names: "tif" for "TIFF (*.tif *.tiff)", empty when none.
QString firstSuffixOf(const QString& nameFilter);

}  // namespace convscope::gui
