#include "tests/app/gui/monkey/monkey_driver.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QDialog>
#include <QFileDialog>
#include <QKeySequence>
#include <QMainWindow>
#include <QMenu>
#include <QRegion>
#include <QTabWidget>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <QWheelEvent>
#include <QWindow>

#include "tests/app/gui/monkey/monkey_event_log.h"

namespace convscope::tests {

namespace {

// Keys a user types; with or without a modifier (chosen separately), minus the ones that quit or close.
const Qt::Key kKeys[] = {
    Qt::Key_A,      Qt::Key_B,        Qt::Key_C,      Qt::Key_D,     Qt::Key_E,         Qt::Key_F,
    Qt::Key_G,      Qt::Key_H,        Qt::Key_I,      Qt::Key_J,     Qt::Key_K,         Qt::Key_L,
    Qt::Key_M,      Qt::Key_N,        Qt::Key_O,      Qt::Key_P,     Qt::Key_R,         Qt::Key_S,
    Qt::Key_T,      Qt::Key_U,        Qt::Key_V,      Qt::Key_X,     Qt::Key_Y,         Qt::Key_Z,
    Qt::Key_0,      Qt::Key_1,        Qt::Key_2,      Qt::Key_5,     Qt::Key_9,         Qt::Key_Minus,
    Qt::Key_Plus,   Qt::Key_Period,   Qt::Key_Left,   Qt::Key_Right, Qt::Key_Up,        Qt::Key_Down,
    Qt::Key_Tab,    Qt::Key_Backtab,  Qt::Key_Return, Qt::Key_Enter, Qt::Key_Escape,    Qt::Key_Space,
    Qt::Key_PageUp, Qt::Key_PageDown, Qt::Key_Home,   Qt::Key_End,   Qt::Key_Backspace, Qt::Key_Delete,
    Qt::Key_F1,     Qt::Key_F2,       Qt::Key_F5,
};

QString keyName(Qt::Key key, Qt::KeyboardModifiers modifiers) {
    return QKeySequence(QKeyCombination(modifiers, key)).toString();
}

}  // namespace

QString describeWidget(const QWidget* widget) {
    if (!widget) return QStringLiteral("(none)");
    QString text = QString::fromLatin1(widget->metaObject()->className());
    if (!widget->objectName().isEmpty()) text += QLatin1Char('#') + widget->objectName();
    if (const auto* button = qobject_cast<const QAbstractButton*>(widget);
        button && !button->text().isEmpty())
        text += QStringLiteral(" '%1'").arg(button->text().left(30));
    for (const QWidget* p = widget->parentWidget(); p; p = p->parentWidget()) {
        const QString name = QString::fromLatin1(p->metaObject()->className());
        if (name.endsWith(QLatin1String("Panel")) || name.endsWith(QLatin1String("Dialog")) ||
            p->isWindow()) {
            text += QStringLiteral(" in ") + name;
            break;
        }
    }
    return text;
}

MonkeyDriver::MonkeyDriver(QMainWindow* window, QTabWidget* panels, MonkeyEventLog* log, std::uint32_t seed)
    : m_window(window), m_panels(panels), m_log(log), m_random(seed) {}

MonkeyDriver::~MonkeyDriver() = default;

int MonkeyDriver::pick(int n) {
    return n <= 1 ? 0 : std::uniform_int_distribution<int>(0, n - 1)(m_random);
}

bool MonkeyDriver::chance(double p) {
    return std::uniform_real_distribution<double>(0.0, 1.0)(m_random) < p;
}

void MonkeyDriver::record(const QString& what) {
    m_log->add(elapsedSeconds(), what);
    if (qEnvironmentVariableIsSet("CONVSCOPE_MONKEY_VERBOSE"))
        fprintf(stderr, "monkey #%lld %s\n", static_cast<long long>(m_log->count()), qPrintable(what));
}

void MonkeyDriver::start(double seconds, int intervalMs, std::function<void()> finished) {
    m_durationMs = static_cast<qint64>(seconds * 1000.0);
    m_intervalMs = intervalMs;
    m_finished = std::move(finished);
    m_clock.start();
    schedule();
}

void MonkeyDriver::schedule() {
    QTimer::singleShot(m_intervalMs, &m_context, [this] { tick(); });
}

void MonkeyDriver::tick() {
    if (m_done) return;
    ++m_depth;
    m_maxDepth = std::max(m_maxDepth, m_depth);
    if (!m_window || !m_window->isVisible()) {
        m_windowClosed = true;
        m_done = true;
        m_finished();
    } else if (m_clock.elapsed() >= m_durationMs) {
        if (closeOneOverlay()) {
            schedule();
        } else {
            m_done = true;
            m_finished();
        }
    } else {
        schedule();  // before the step: the step may enter a modal dialog's event loop
        step();
    }
    --m_depth;
}

void MonkeyDriver::step() {
    if (QWidget* popup = QApplication::activePopupWidget()) {
        if (auto* menu = qobject_cast<QMenu*>(popup)) {
            handleMenu(menu);
        } else if (chance(0.3)) {
            closeWidget(popup);
        } else {
            sendRandomInput(popup);
        }
        return;
    }
    if (QWidget* modal = QApplication::activeModalWidget()) {
        // File dialogs are always answered No: the monkey must neither read /dev/zero nor write over files.
        if (qobject_cast<QFileDialog*>(modal) || chance(0.3))
            closeWidget(modal);
        else
            sendRandomInput(modal);
        return;
    }
    const int r = pick(100);
    const QList<QWidget*> others = otherWindows();
    if (r < 4 && m_panels) {
        switchTab(m_panels);
    } else if (r < 8) {
        QList<QTabWidget*> nested;
        for (QTabWidget* tabs : m_window->findChildren<QTabWidget*>())
            if (tabs != m_panels && tabs->isVisible() && tabs->isEnabled()) nested << tabs;
        if (!nested.isEmpty()) switchTab(nested[pick(nested.size())]);
    } else if (r < 10 && !others.isEmpty()) {
        closeWidget(others[pick(others.size())]);
    } else if (r < 25 && !others.isEmpty()) {
        sendRandomInput(others[pick(others.size())]);
    } else {
        sendRandomInput(m_window);
    }
}

QList<QWidget*> MonkeyDriver::otherWindows() const {
    QList<QWidget*> windows;
    for (QWidget* w : QApplication::topLevelWidgets())
        if (w != m_window && w->isVisible() && !(w->windowType() == Qt::Popup) &&
            !(w->windowType() == Qt::ToolTip))
            windows << w;
    return windows;
}

bool MonkeyDriver::closeOneOverlay() {
    if (QWidget* popup = QApplication::activePopupWidget()) {
        closeWidget(popup);
        return true;
    }
    if (QWidget* modal = QApplication::activeModalWidget()) {
        closeWidget(modal);
        return true;
    }
    const QList<QWidget*> others = otherWindows();
    if (!others.isEmpty()) {
        closeWidget(others.front());
        return true;
    }
    return m_depth > 1;  // an outer tick is still inside a nested event loop: let it unwind first
}

void MonkeyDriver::closeWidget(QWidget* widget) {
    auto* dialog = qobject_cast<QDialog*>(widget);
    if (dialog && m_rejected.contains(dialog)) {
        // Its reject() did not close it (a dialog may ask first): end it the hard way.
        record(QStringLiteral("done(Rejected) %1").arg(describeWidget(widget)));
        m_rejected.remove(dialog);
        dialog->done(QDialog::Rejected);
    } else if (dialog) {
        record(QStringLiteral("reject %1").arg(describeWidget(widget)));
        m_rejected.insert(dialog);
        QObject::connect(dialog, &QObject::destroyed, &m_context,
                         [this, dialog] { m_rejected.remove(dialog); });
        dialog->reject();
    } else {
        record(QStringLiteral("close %1").arg(describeWidget(widget)));
        widget->close();
    }
}

void MonkeyDriver::handleMenu(QMenu* menu) {
    QList<QAction*> choices;
    for (QAction* action : menu->actions())
        if (action->isVisible() && action->isEnabled() && !action->isSeparator() && !isForbidden(action))
            choices << action;
    if (choices.isEmpty() || chance(0.3)) {
        record(QStringLiteral("Escape in menu '%1'").arg(menu->title()));
        if (QWindow* handle = menu->windowHandle())
            QTest::keyClick(handle, Qt::Key_Escape);
        else
            menu->close();
        return;
    }
    QAction* action = choices[pick(choices.size())];
    record(QStringLiteral("menu '%1' > '%2'").arg(menu->title(), action->text()));
    menu->setActiveAction(action);
    if (action->menu()) return;  // its submenu opens; the next tick chooses in it
    if (QWindow* handle = menu->windowHandle()) QTest::keyClick(handle, Qt::Key_Return);
}

bool MonkeyDriver::isForbidden(QAction* action) const {
    if (!action) return false;
    if (action->menuRole() == QAction::QuitRole) return true;
    for (const QKeySequence& s : action->shortcuts())
        if (isForbidden(s)) return true;
    return false;
}

bool MonkeyDriver::isForbidden(const QKeySequence& sequence) const {
    if (sequence.isEmpty()) return false;
    QList<QKeySequence> forbidden = QKeySequence::keyBindings(QKeySequence::Quit);
    forbidden += QKeySequence::keyBindings(QKeySequence::Close);
    forbidden << QKeySequence(QStringLiteral("Ctrl+Q")) << QKeySequence(QStringLiteral("Ctrl+W"))
              << QKeySequence(QStringLiteral("Alt+F4")) << QKeySequence(QStringLiteral("Ctrl+F4"));
    return forbidden.contains(sequence);
}

QPoint MonkeyDriver::randomPoint(QWidget* widget) {
    // Inside the part that can be seen: a widget scrolled half out of view would send events outside the
    // window, which a user cannot do.
    QRect area = widget->visibleRegion().boundingRect();
    if (area.isEmpty()) area = widget->rect();
    // A widget larger than the screen lets it clip its platform window (offscreen: a dialog taller than the
    // screen), not its visible region: stay inside the platform window.
    const QWindow* handle = widget->window()->windowHandle();
    const QSize windowSize =
        handle ? handle->size().boundedTo(widget->window()->size()) : widget->window()->size();
    area &= QRect(widget->mapFrom(widget->window(), QPoint(0, 0)), windowSize);
    if (area.isEmpty()) area = widget->rect();
    return area.topLeft() + QPoint(pick(std::max(1, area.width())), pick(std::max(1, area.height())));
}

void MonkeyDriver::sendRandomInput(QWidget* root) {
    if (!root || !root->isVisible()) return;
    QList<QWidget*> targets{root};
    for (QWidget* w : root->findChildren<QWidget*>()) {
        if (w->window() != root->window() || !w->isVisible() || !w->isEnabled() || w->width() < 2 ||
            w->height() < 2)
            continue;
        if (auto* tool = qobject_cast<QToolButton*>(w); tool && isForbidden(tool->defaultAction())) continue;
        targets << w;
    }
    QWidget* target = targets[pick(targets.size())];
    const int kind = pick(100);
    if (kind < 35)
        click(target, false);
    else if (kind < 45)
        click(target, true);
    else if (kind < 60)
        drag(target);
    else if (kind < 75)
        wheel(target);
    else
        key(target);
}

void MonkeyDriver::click(QWidget* target, bool doubleClick) {
    const QPoint local = randomPoint(target);
    const Qt::MouseButton button =
        chance(0.85) ? Qt::LeftButton : (chance(0.7) ? Qt::RightButton : Qt::MiddleButton);
    const Qt::KeyboardModifiers modifiers = chance(0.1) ? Qt::ControlModifier : Qt::NoModifier;
    record(QStringLiteral("%1 %2 at (%3,%4) of %5")
               .arg(doubleClick ? "double-click" : "click")
               .arg(button == Qt::LeftButton    ? "left"
                    : button == Qt::RightButton ? "right"
                                                : "middle")
               .arg(local.x())
               .arg(local.y())
               .arg(describeWidget(target)));
    QPointer<QWindow> handle = target->window()->windowHandle();
    if (!handle) return;
    const QPoint p = target->mapTo(target->window(), local);
    if (doubleClick)
        QTest::mouseDClick(handle, button, modifiers, p);
    else
        QTest::mouseClick(handle, button, modifiers, p);
}

void MonkeyDriver::drag(QWidget* target) {
    const QPoint from = randomPoint(target);
    const QPoint to = randomPoint(target);
    record(QStringLiteral("drag (%1,%2)->(%3,%4) in %5")
               .arg(from.x())
               .arg(from.y())
               .arg(to.x())
               .arg(to.y())
               .arg(describeWidget(target)));
    QPointer<QWidget> guard = target;
    QPointer<QWindow> handle = target->window()->windowHandle();
    if (!handle) return;
    const QPoint origin = target->mapTo(target->window(), QPoint(0, 0));
    QTest::mousePress(handle, Qt::LeftButton, Qt::NoModifier, origin + from);
    const int steps = 2 + pick(5);
    for (int i = 1; i <= steps && handle; ++i) {
        const QPoint p = from + (to - from) * i / steps;
        QTest::mouseMove(handle, origin + p);
    }
    // The press may have opened a modal dialog whose event loop ran the release already; send it anyway
    // when the window is still there, so no button stays held.
    if (handle) QTest::mouseRelease(handle, Qt::LeftButton, Qt::NoModifier, origin + to);
}

void MonkeyDriver::wheel(QWidget* target) {
    const QPoint local = randomPoint(target);
    const int notches = (1 + pick(3)) * (chance(0.5) ? 1 : -1);
    const bool horizontal = chance(0.15);
    const Qt::KeyboardModifiers modifiers = chance(0.2) ? Qt::ControlModifier : Qt::NoModifier;
    record(QStringLiteral("wheel %1%2 at (%3,%4) of %5")
               .arg(notches)
               .arg(horizontal  ? " horizontal"
                    : modifiers ? " with Ctrl"
                                : "")
               .arg(local.x())
               .arg(local.y())
               .arg(describeWidget(target)));
    const QPoint angle = horizontal ? QPoint(notches * 120, 0) : QPoint(0, notches * 120);
    QWheelEvent event(QPointF(local), QPointF(target->mapToGlobal(local)), QPoint(), angle, Qt::NoButton,
                      modifiers, Qt::NoScrollPhase, false);
    QApplication::sendEvent(target, &event);
}

void MonkeyDriver::key(QWidget* target) {
    Qt::Key k = kKeys[pick(static_cast<int>(std::size(kKeys)))];
    Qt::KeyboardModifiers modifiers = Qt::NoModifier;
    const int m = pick(100);
    if (m < 15)
        modifiers = Qt::ControlModifier;
    else if (m < 25)
        modifiers = Qt::ShiftModifier;
    else if (m < 28)
        modifiers = Qt::AltModifier;
    else if (m < 31)
        modifiers = Qt::ControlModifier | Qt::ShiftModifier;
    if (isForbidden(QKeySequence(QKeyCombination(modifiers, k)))) modifiers = Qt::NoModifier;
    record(QStringLiteral("key %1 to %2").arg(keyName(k, modifiers), describeWidget(target)));
    if (target->focusPolicy() != Qt::NoFocus) target->setFocus(Qt::OtherFocusReason);
    QPointer<QWindow> handle = target->window()->windowHandle();
    if (handle) QTest::keyClick(handle, k, modifiers);
}

void MonkeyDriver::switchTab(QTabWidget* tabs) {
    const int index = pick(tabs->count());
    record(QStringLiteral("tab %1 '%2' of %3").arg(index).arg(tabs->tabText(index), describeWidget(tabs)));
    tabs->setCurrentIndex(index);
}

}  // namespace convscope::tests
