#pragma once

#include <QMenu>
#include <QString>
#include <QStringList>

namespace convscope::gui {

/// File > Open Recent: the last AppSettings::kMaxRecentFiles images, newest first, and "Clear Recent".
/// The list lives in AppSettings, so it survives restarts and is shared by every window.
class RecentFilesMenu : public QMenu {
    Q_OBJECT
public:
    explicit RecentFilesMenu(QWidget* parent = nullptr);

    QStringList files() const;
    /// Puts `path` at the top (called after it opened successfully).
    void addFile(const QString& path);
    void removeFile(const QString& path);
    void clearFiles();
    /// Rebuilds the entries from AppSettings.
    void refresh();

Q_SIGNALS:
    void fileRequested(const QString& path);
    /// The user chose an entry whose file no longer exists; it has already been removed from the list.
    void missingFileRemoved(const QString& path);

private:
    void choose(const QString& path);
};

}  // namespace convscope::gui
