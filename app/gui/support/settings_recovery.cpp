#include "app/gui/support/settings_recovery.h"

#include <QFileInfo>
#include <new>

#include "app/gui/support/settings_file.h"
#include "core/common/corrupt_file.h"

namespace convscope::gui {

QString setAsideCorruptSettings() {
    QString path;
    {
        // A QSettings of its own, gone before the rename: it must not write the file back.
        const SettingsFile settings;
        path = settings.fileName();
        if (!QFileInfo(path).isFile()) return {};
        // Parsing can also fail by running out of memory: Qt 6.4's QDataStream trusts the element count stored
        // in an @Variant(...) value and reserves it (16 GB for a 30-byte value, found by
        // tests/fuzz/fuzz_settings), and throws std::bad_alloc where the system refuses.
        bool damaged = false;
        try {
            (void)settings.allKeys();  // parses the file
            damaged = settings.status() == QSettings::FormatError;
        } catch (const std::bad_alloc&) {
            damaged = true;
        }
        if (!damaged) return {};
    }
    const common::CorruptFile::Outcome o =
        common::CorruptFile::setAside(path.toStdString(), "The settings file", "it is not a valid INI file");
    return QString::fromStdString(o.message);
}

}  // namespace convscope::gui
