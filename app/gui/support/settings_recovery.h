#pragma once

#include <QString>

namespace convscope::gui {

/// Sets the settings file (SettingsFile: ConvScope.ini) aside when Qt cannot parse it
/// (QSettings::FormatError: binary garbage, a truncated or broken line), before anything reads it, so that
/// the application starts from its defaults and writes a fresh file instead of silently overwriting the
/// user's. The damaged file is kept as ConvScope.ini.corrupt-<time> (common::CorruptFile). Values of the
/// wrong type are not an error here: each typed settings class falls back to its default for them. Returns
/// the sentence for the user, empty when the file was sound or absent.
QString setAsideCorruptSettings();

}  // namespace convscope::gui
