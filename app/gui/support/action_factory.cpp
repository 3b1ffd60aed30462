#include "app/gui/support/action_factory.h"

#include <QAction>
#include <QWidget>

namespace convscope::gui {

QIcon themeIcon(const QString& name) {
    // QStyle has no zoom or layout pictures: those fall back to the application's own drawings.
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

QList<QKeySequence> shortcutsWithFallback(QKeySequence::StandardKey standard, const QStringList& fallbacks) {
    QList<QKeySequence> result;
    QList<QKeySequence> candidates = QKeySequence::keyBindings(standard);
    for (const QString& text : fallbacks) candidates.append(QKeySequence(text));
    for (const QKeySequence& sequence : candidates)
        if (!sequence.isEmpty() && !result.contains(sequence)) result.append(sequence);
    return result;
}

}  // namespace convscope::gui
