#pragma once

#include <QSettings>

namespace convscope::gui {

/// The application's settings file: ConvScope.ini in the user's configuration folder (organisation and
/// application "ConvScope"). Every typed settings class reads and writes through it; reads and writes go
/// straight to the file, so values survive a crash. Tests give each run its own home (tests/support).
class SettingsFile : public QSettings {
public:
    SettingsFile() : QSettings(QSettings::IniFormat, QSettings::UserScope, organisation(), application()) {}

    static QString organisation() { return QStringLiteral("ConvScope"); }
    static QString application() { return QStringLiteral("ConvScope"); }
};

}  // namespace convscope::gui
