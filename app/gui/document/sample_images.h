#pragma once

#include <QString>
#include <QStringList>

namespace convscope::gui {

/// Where Debian's opencv-doc package installs OpenCV's sample photographs.
QString opencvSampleDirectory();

/// File name of the photograph the textbook filters in its examples.
inline constexpr const char* kTextbookImageName = "building.jpg";

/// building.jpg in `dir` if it is there, else an empty string.
QString textbookImagePath(const QString& dir = opencvSampleDirectory());

/// The *.jpg and *.png files in `dir`: building.jpg first, the rest by name. Empty when `dir` is missing.
QStringList sampleImagePaths(const QString& dir = opencvSampleDirectory());

}  // namespace convscope::gui
