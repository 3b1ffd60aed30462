#include "app/gui/shell/recent_files_menu.h"

#include <QDir>
#include <QFileInfo>

#include "app/gui/shell/app_settings.h"

namespace convscope::gui {

RecentFilesMenu::RecentFilesMenu(QWidget* parent) : QMenu(tr("Open &Recent"), parent) {
    setObjectName(QStringLiteral("recentFilesMenu"));
    setIcon(QIcon::fromTheme(QStringLiteral("document-open-recent")));
    // Another window may have changed the list since this menu was built.
    connect(this, &QMenu::aboutToShow, this, &RecentFilesMenu::refresh);
    refresh();
}

QStringList RecentFilesMenu::files() const {
    return AppSettings().recentFiles();
}

void RecentFilesMenu::addFile(const QString& path) {
    AppSettings().addRecentFile(path);
    refresh();
}

void RecentFilesMenu::removeFile(const QString& path) {
    AppSettings settings;
    QStringList list = settings.recentFiles();
    list.removeAll(path);
    settings.setRecentFiles(list);
    refresh();
}

void RecentFilesMenu::clearFiles() {
    AppSettings().setRecentFiles({});
    refresh();
}

void RecentFilesMenu::refresh() {
    clear();
    const QStringList list = files();
    QStringList names;
    for (const QString& path : list) names.append(QFileInfo(path).fileName());
    for (int i = 0; i < list.size(); ++i) {
        const QString& path = list.at(i);
        // Two files of the same name would look identical: show the folder for those.
        QString label = names.count(names.at(i)) > 1 ? QDir::toNativeSeparators(path) : names.at(i);
        label.replace(QLatin1Char('&'), QLatin1String("&&"));  // a literal '&', not a mnemonic
        // "&1" … "&9", then "1&0": keyboard accelerators for every entry.
        const QString number = i < 9 ? QStringLiteral("&%1").arg(i + 1) : QStringLiteral("1&0");
        QAction* action = addAction(QStringLiteral("%1  %2").arg(number, label));
        action->setData(path);
        action->setToolTip(QDir::toNativeSeparators(path));
        action->setStatusTip(QDir::toNativeSeparators(path));
        // Queued: handling the choice rebuilds this menu, which must not delete the action mid-signal.
        connect(
            action, &QAction::triggered, this, [this, path] { choose(path); }, Qt::QueuedConnection);
    }
    if (list.isEmpty()) {
        QAction* none = addAction(tr("No Recent Files"));
        none->setEnabled(false);
    }
    addSeparator();
    QAction* clearAction = addAction(tr("&Clear Recent"));
    clearAction->setObjectName(QStringLiteral("clearRecentAction"));
    clearAction->setEnabled(!list.isEmpty());
    connect(clearAction, &QAction::triggered, this, &RecentFilesMenu::clearFiles, Qt::QueuedConnection);
}

void RecentFilesMenu::choose(const QString& path) {
    if (!QFileInfo(path).isFile()) {
        removeFile(path);
        Q_EMIT missingFileRemoved(path);
        return;
    }
    Q_EMIT fileRequested(path);
}

}  // namespace convscope::gui
