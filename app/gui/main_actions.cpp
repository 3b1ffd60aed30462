#include "app/gui/main_actions.h"

#include <QApplication>
#include <QIcon>
#include <QStyle>
#include <QWidget>

namespace convscope::gui {
namespace {

QIcon themeIcon(const QString& name, QStyle::StandardPixmap fallback) {
    return QIcon::fromTheme(name, QApplication::style()->standardIcon(fallback));
}

// QStyle has no zoom or layout pictures: those fall back to the application's own drawings.
QIcon themeIcon(const QString& name) {
    return QIcon::fromTheme(name, QIcon(QStringLiteral(":/icons/%1.svg").arg(name)));
}

QAction* makeAction(QWidget* owner, const QString& objectName, const QString& text, const QIcon& icon,
                    const QList<QKeySequence>& shortcuts, const QString& statusTip) {
    auto* action = new QAction(icon, text, owner);
    action->setObjectName(objectName);
    action->setShortcuts(shortcuts);
    action->setStatusTip(statusTip);
    owner->addAction(action);
    return action;
}

}  // namespace

QList<QKeySequence> shortcutsWithFallback(QKeySequence::StandardKey standard, const QStringList& fallbacks) {
    QList<QKeySequence> result;
    QList<QKeySequence> candidates = QKeySequence::keyBindings(standard);
    for (const QString& text : fallbacks) candidates.append(QKeySequence(text));
    for (const QKeySequence& sequence : candidates)
        if (!sequence.isEmpty() && !result.contains(sequence)) result.append(sequence);
    return result;
}

MainActions createMainActions(QWidget* owner) {
    using Key = QKeySequence;
    MainActions a;
    a.open = makeAction(owner, QStringLiteral("openAction"), QObject::tr("&Open…"),
                        themeIcon(QStringLiteral("document-open"), QStyle::SP_DialogOpenButton),
                        shortcutsWithFallback(Key::Open, {QStringLiteral("Ctrl+O")}),
                        QObject::tr("Open an image file"));
    a.exportResult =
        makeAction(owner, QStringLiteral("exportAction"), QObject::tr("&Export Result…"),
                   themeIcon(QStringLiteral("document-save-as"), QStyle::SP_DialogSaveButton),
                   shortcutsWithFallback(Key::Save, {QStringLiteral("Ctrl+S")}),
                   QObject::tr("Save the filtered image (PNG/JPEG as shown, TIFF as float values)"));
    a.exportResult->setIconText(QObject::tr("Export"));
    a.quit = makeAction(owner, QStringLiteral("quitAction"), QObject::tr("&Quit"),
                        themeIcon(QStringLiteral("application-exit"), QStyle::SP_DialogCloseButton),
                        shortcutsWithFallback(Key::Quit, {QStringLiteral("Ctrl+Q")}),
                        QObject::tr("Quit ConvScope"));
    a.quit->setMenuRole(QAction::QuitRole);
    a.copyResult = makeAction(owner, QStringLiteral("copyResultAction"), QObject::tr("&Copy Result"),
                              themeIcon(QStringLiteral("edit-copy"), QStyle::SP_FileIcon),
                              shortcutsWithFallback(Key::Copy, {QStringLiteral("Ctrl+C")}),
                              QObject::tr("Copy the filtered image, as shown, to the clipboard"));

    a.zoomIn = makeAction(
        owner, QStringLiteral("zoomInAction"), QObject::tr("Zoom &In"), themeIcon(QStringLiteral("zoom-in")),
        shortcutsWithFallback(Key::ZoomIn, {QStringLiteral("Ctrl++"), QStringLiteral("Ctrl+=")}),
        QObject::tr("Magnify the images"));
    a.zoomOut = makeAction(owner, QStringLiteral("zoomOutAction"), QObject::tr("Zoom &Out"),
                           themeIcon(QStringLiteral("zoom-out")),
                           shortcutsWithFallback(Key::ZoomOut, {QStringLiteral("Ctrl+-")}),
                           QObject::tr("Shrink the images"));
    a.zoomToFit = makeAction(owner, QStringLiteral("zoomToFitAction"), QObject::tr("&Fit to Window"),
                             themeIcon(QStringLiteral("zoom-fit-best")), {Key(QStringLiteral("Ctrl+0"))},
                             QObject::tr("Show the whole image"));
    a.actualSize = makeAction(owner, QStringLiteral("actualSizeAction"), QObject::tr("&Actual Size"),
                              themeIcon(QStringLiteral("zoom-original")), {Key(QStringLiteral("Ctrl+1"))},
                              QObject::tr("One image pixel per screen pixel"));
    for (QAction* zoom : {a.zoomIn, a.zoomOut, a.zoomToFit, a.actualSize})
        zoom->setPriority(QAction::LowPriority);

    a.viewModes = new QActionGroup(owner);
    a.viewModes->setExclusive(true);
    a.sideBySide =
        makeAction(owner, QStringLiteral("sideBySideAction"), QObject::tr("&Side by Side"),
                   themeIcon(QStringLiteral("view-side-by-side")), {Key(QStringLiteral("Ctrl+2"))},
                   QObject::tr("Original and result next to each other, zoomed and panned together"));
    a.split = makeAction(owner, QStringLiteral("splitAction"), QObject::tr("S&plit"),
                         themeIcon(QStringLiteral("view-split")), {Key(QStringLiteral("Ctrl+3"))},
                         QObject::tr("One view, original left of a movable divider and result right of it"));
    a.allFilters = makeAction(owner, QStringLiteral("allFiltersAction"), QObject::tr("A&ll Filters"),
                              themeIcon(QStringLiteral("view-all-filters")), {Key(QStringLiteral("Ctrl+4"))},
                              QObject::tr("The image through every filter of the textbook at once"));
    for (QAction* mode : {a.sideBySide, a.split, a.allFilters}) {
        mode->setCheckable(true);
        a.viewModes->addAction(mode);
    }

    a.about =
        new QAction(QIcon(QStringLiteral(":/icons/convscope.svg")), QObject::tr("&About ConvScope"), owner);
    a.about->setObjectName(QStringLiteral("aboutAction"));
    a.about->setMenuRole(QAction::AboutRole);
    a.aboutQt = new QAction(QObject::tr("About &Qt"), owner);
    a.aboutQt->setObjectName(QStringLiteral("aboutQtAction"));
    a.aboutQt->setMenuRole(QAction::AboutQtRole);
    return a;
}

}  // namespace convscope::gui
