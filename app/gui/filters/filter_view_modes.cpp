#include "app/gui/filters/filter_view_modes.h"

#include <QAction>
#include <QActionGroup>
#include <QKeySequence>
#include <QWidget>

#include "app/gui/support/action_factory.h"

namespace convscope::gui {

FilterViewModes::FilterViewModes(QWidget* owner) : QObject(owner) {
    using Key = QKeySequence;
    m_group = new QActionGroup(this);
    m_group->setExclusive(true);
    m_actions[0] = makeAction(owner, QStringLiteral("sideBySideAction"), tr("&Side by Side"),
                              themeIcon(QStringLiteral("view-side-by-side")), {Key(QStringLiteral("Ctrl+2"))},
                              tr("Original and result next to each other, zoomed and panned together"));
    m_actions[1] = makeAction(owner, QStringLiteral("splitAction"), tr("S&plit"),
                              themeIcon(QStringLiteral("view-split")), {Key(QStringLiteral("Ctrl+3"))},
                              tr("One view, original left of a movable divider and result right of it"));
    m_actions[2] = makeAction(owner, QStringLiteral("allFiltersAction"), tr("A&ll Filters"),
                              themeIcon(QStringLiteral("view-all-filters")), {Key(QStringLiteral("Ctrl+4"))},
                              tr("The image through every filter of the textbook at once"));
    for (int mode = 0; mode < 3; ++mode) {
        m_actions[mode]->setCheckable(true);
        m_group->addAction(m_actions[mode]);
        connect(m_actions[mode], &QAction::triggered, this, [this, mode] { Q_EMIT modeChosen(mode); });
    }
    m_actions[0]->setChecked(true);
}

QAction* FilterViewModes::action(int mode) const {
    return mode >= 0 && mode < 3 ? m_actions[mode] : nullptr;
}

QList<QAction*> FilterViewModes::actions() const {
    return m_group->actions();
}

void FilterViewModes::setCurrent(int mode) {
    if (QAction* a = action(mode)) a->setChecked(true);
}

}  // namespace convscope::gui
