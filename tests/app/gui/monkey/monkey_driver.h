#pragma once

// Random input over a main window: tab switches, clicks, double-clicks, drags, wheel turns and keys at random
// points of random visible, enabled widgets, and answers to whatever modal dialog or popup appears. Driven by
// a chain of single-shot timers (a new timer each tick), so that it keeps going inside the nested event loops
// of modal dialogs and menus, where a repeating QTimer would not fire again until its own handler returned.

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>

#include <functional>
#include <random>

class QAction;
class QDialog;
class QKeySequence;
class QMainWindow;
class QMenu;
class QTabWidget;
class QWidget;
class QWindow;

namespace convscope::tests {

class MonkeyEventLog;

class MonkeyDriver {
public:
    MonkeyDriver(QMainWindow* window, QTabWidget* panels, MonkeyEventLog* log, std::uint32_t seed);
    ~MonkeyDriver();
    MonkeyDriver(const MonkeyDriver&) = delete;
    MonkeyDriver& operator=(const MonkeyDriver&) = delete;

    /// Sends input for `seconds`, one event every `intervalMs`; then closes every dialog and popup it left
    /// open and calls `finished` (once no modal dialog or popup is left, or at once if the window was
    /// closed).
    void start(double seconds, int intervalMs, std::function<void()> finished);
    /// Whether the main window went away although the monkey never asked it to.
    bool windowClosed() const { return m_windowClosed; }
    double elapsedSeconds() const { return m_clock.elapsed() / 1000.0; }
    /// The deepest nesting of event loops the ticks ran in (1: no modal dialog's exec()).
    int maxDepth() const { return m_maxDepth; }

private:
    void schedule();
    void tick();
    void step();
    /// Closes one modal dialog, popup or extra window; false when none was left.
    bool closeOneOverlay();
    void closeWidget(QWidget* widget);
    void handleMenu(QMenu* menu);
    void sendRandomInput(QWidget* root);
    void click(QWidget* target, bool doubleClick);
    void drag(QWidget* target);
    void wheel(QWidget* target);
    void key(QWidget* target);
    void switchTab(QTabWidget* tabs);
    QList<QWidget*> otherWindows() const;
    bool isForbidden(QAction* action) const;
    bool isForbidden(const QKeySequence& sequence) const;
    QPoint randomPoint(QWidget* widget);
    void record(const QString& what);
    int pick(int n);
    bool chance(double p);

    QPointer<QMainWindow> m_window;
    QPointer<QTabWidget> m_panels;
    MonkeyEventLog* m_log;
    std::mt19937 m_random;
    QObject m_context;  ///< the timers' context: no tick runs after the driver is gone
    QElapsedTimer m_clock;
    qint64 m_durationMs = 0;
    int m_intervalMs = 10;
    std::function<void()> m_finished;
    QSet<QDialog*> m_rejected;
    bool m_done = false;
    bool m_windowClosed = false;
    int m_depth = 0;
    int m_maxDepth = 0;
};

/// A one-line description of a widget for the event log: class, object name, text and owning panel.
QString describeWidget(const QWidget* widget);

}  // namespace convscope::tests
