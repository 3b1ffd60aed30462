#pragma once

#include <QIcon>
#include <QKeySequence>
#include <QList>
#include <QString>
#include <QStringList>

class QAction;
class QWidget;

namespace convscope::gui {

/// The desktop theme's icon `name`, else the application's own drawing of it (":/icons/<name>.svg").
QIcon themeIcon(const QString& name);

/// An action of `owner` with its object name, text, icon, shortcuts and status tip; added to `owner` so that
/// its shortcuts work wherever the owner's window has the focus.
QAction* makeAction(QWidget* owner, const QString& objectName, const QString& text, const QIcon& icon,
                    const QList<QKeySequence>& shortcuts, const QString& statusTip);

/// The platform's bindings for `standard` followed by `fallbacks`, without empties and duplicates. Some
/// platforms (the offscreen one among them) bind nothing to e.g. QKeySequence::ZoomIn or Quit.
QList<QKeySequence> shortcutsWithFallback(QKeySequence::StandardKey standard, const QStringList& fallbacks);

}  // namespace convscope::gui
