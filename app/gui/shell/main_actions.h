#pragma once

#include <QAction>

namespace convscope::gui {

/// Every action of the main window's own menus and toolbar, with its text, shortcuts and icon. Built in one
/// place so that the menus, the toolbar and the tests see the same objects; MainWindow connects them. Export,
/// copy and zoom act on the current panel (see Panel); panels bring their own view actions.
struct MainActions {
    QAction* open = nullptr;
    QAction* openModel = nullptr;  ///< a TorchScript model (only in builds with LibTorch)
    QAction* exportResult = nullptr;
    QAction* quit = nullptr;
    QAction* copyResult = nullptr;
    QAction* zoomIn = nullptr;
    QAction* zoomOut = nullptr;
    QAction* zoomToFit = nullptr;
    QAction* actualSize = nullptr;
    QAction* about = nullptr;
    QAction* aboutQt = nullptr;
};

/// Creates the actions as children of `owner` (which must be the window, so their shortcuts are live).
MainActions createMainActions(QWidget* owner);

}  // namespace convscope::gui
