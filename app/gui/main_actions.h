#pragma once

#include <QAction>
#include <QActionGroup>
#include <QKeySequence>
#include <QList>
#include <QStringList>

namespace convscope::gui {

/// Every action of the main window's menus and toolbar, with its text, shortcuts and icon. Built in one
/// place so that the menus, the toolbar and the tests see the same objects; MainWindow connects them.
struct MainActions {
    QAction* open = nullptr;
    QAction* exportResult = nullptr;
    QAction* quit = nullptr;
    QAction* copyResult = nullptr;
    QAction* zoomIn = nullptr;
    QAction* zoomOut = nullptr;
    QAction* zoomToFit = nullptr;
    QAction* actualSize = nullptr;
    QActionGroup* viewModes = nullptr;
    QAction* sideBySide = nullptr;
    QAction* split = nullptr;
    QAction* allFilters = nullptr;
    QAction* about = nullptr;
    QAction* aboutQt = nullptr;
};

/// Creates the actions as children of `owner` (which must be the window, so their shortcuts are live).
MainActions createMainActions(QWidget* owner);

/// The platform's bindings for `standard` followed by `fallbacks`, without empties and duplicates. Some
/// platforms (the offscreen one among them) bind nothing to e.g. QKeySequence::ZoomIn or Quit.
QList<QKeySequence> shortcutsWithFallback(QKeySequence::StandardKey standard, const QStringList& fallbacks);

}  // namespace convscope::gui
