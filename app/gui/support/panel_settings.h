#pragma once

#include <QByteArray>
#include <QString>
#include <QVariant>
#include <QVariantMap>

#include <optional>

#include "app/gui/support/settings_file.h"
#include "core/common/kernel.h"

namespace convscope::gui {

/// Typed reads and writes of one panel's group in the settings file ("frequency/size"). Each panel's state
/// class (e.g. FrequencyPanelState) spells its keys once and goes through here. A value that is missing or
/// does not parse (a hand-edited or outdated file) reads as the fallback given.
class PanelSettings {
public:
    explicit PanelSettings(const QString& group);

    int integer(const char* key, int fallback, int min, int max) const;
    double real(const char* key, double fallback, double min, double max) const;
    bool boolean(const char* key, bool fallback) const;
    QString text(const char* key, const QString& fallback = QString()) const;
    QByteArray bytes(const char* key) const;
    QVariantMap map(const char* key) const;
    /// A kernel saved with setKernel; nothing when missing or invalid (wrong size, not numbers).
    std::optional<common::Kernel> kernel(const char* key) const;

    void set(const char* key, const QVariant& value);
    void setKernel(const char* key, const common::Kernel& kernel);
    /// Forgets a value (a kernel no longer saved, for instance).
    void remove(const char* key);

private:
    QString path(const char* key) const;

    QString m_group;
    mutable SettingsFile m_file;
};

}  // namespace convscope::gui
