#pragma once

#include <QList>
#include <QObject>

class QAction;
class QActionGroup;
class QWidget;

namespace convscope::gui {

/// The Filters panel's three view modes as exclusive, checkable actions (side by side, split, all filters;
/// Ctrl+2 … Ctrl+4) that the main window shows in its View menu and toolbar. Index i is
/// FiltersPanel::ViewMode i.
class FilterViewModes : public QObject {
    Q_OBJECT
public:
    /// The actions belong to `owner` (their shortcuts work where its window has the focus).
    explicit FilterViewModes(QWidget* owner);

    QAction* action(int mode) const;
    QList<QAction*> actions() const;
    /// Checks the mode's action; emits nothing.
    void setCurrent(int mode);

Q_SIGNALS:
    /// The user chose a mode.
    void modeChosen(int mode);

private:
    QActionGroup* m_group = nullptr;
    QAction* m_actions[3] = {nullptr, nullptr, nullptr};
};

}  // namespace convscope::gui
