#pragma once

#include <QImage>
#include <QList>
#include <QString>
#include <QWidget>

class QAction;

namespace convscope::gui {

/// What View > Zoom asks of a panel.
enum class ZoomCommand { In, Out, Fit, ActualSize };

/// One tab of the main window. The main window knows panels only through this interface: it adds them in a
/// loop, shows their status messages, routes the View menu's zoom and the File and Edit menus' export and
/// copy to the current one, puts its view actions in the menu and toolbar, and asks each to save and restore
/// its state. Links between two panels (a kernel the Frequency panel follows, a checkpoint the Feature maps
/// panel opens) are wired explicitly by the main window; everything else stays inside the panel.
class Panel : public QWidget {
    Q_OBJECT
public:
    explicit Panel(QWidget* parent = nullptr) : QWidget(parent) {}

    /// The tab's title, e.g. "Filters".
    virtual QString title() const = 0;

    /// Writes what the user set up here (choices, pages, splitters) to the settings; the main window calls it
    /// when it closes.
    virtual void saveState() const = 0;
    /// Reads it back; the main window calls it once, after every panel has been made. Values that no longer
    /// parse become defaults.
    virtual void restoreState() = 0;

    /// The window is closing: stop long work now so that it ends soon (the panel's controllers wait for it
    /// as they are destroyed).
    virtual void windowClosing() {}

    /// Whether View > Zoom In/Out/Fit/Actual Size act on this panel now.
    virtual bool canZoom() const { return false; }
    virtual void zoom(ZoomCommand command) { Q_UNUSED(command); }
    /// The zoom factor the status bar shows, or a negative number where it would mean nothing.
    virtual double zoomFactor() const { return -1.0; }

    /// Whether File > Export and Edit > Copy have something to act on now.
    virtual bool canExport() const { return false; }
    virtual bool canCopy() const { return canExport(); }
    /// The file dialog's filters ("PNG image (*.png);;…") and a file name without suffix to offer.
    virtual QString exportNameFilters() const { return {}; }
    virtual QString exportBaseName() const { return {}; }
    /// Writes what the panel shows to `path` (the format from its suffix). Returns an empty string on
    /// success, else the reason it failed.
    virtual QString exportTo(const QString& path) {
        Q_UNUSED(path);
        return tr("This panel has nothing to export.");
    }
    /// The picture Edit > Copy puts on the clipboard, as displayed.
    virtual QImage imageToCopy() const { return {}; }

    /// Actions of this panel that the View menu and the main toolbar show (enabled while it is current),
    /// e.g. the Filters panel's view modes. Owned by the panel.
    virtual QList<QAction*> viewActions() const { return {}; }

Q_SIGNALS:
    /// A transient message for the status bar (timeout 0: until the next one).
    void statusMessage(const QString& message, int timeoutMs);
    /// What lies under the cursor, for the status bar ("x 120  y 45 · in 12 · out 3.25"), or empty.
    void cursorInfoChanged(const QString& text);
    /// The zoom factor changed (see zoomFactor).
    void zoomChanged(double zoom);
    /// canZoom, canExport, canCopy or zoomFactor may have changed: the main window updates its actions.
    void capabilitiesChanged();
};

}  // namespace convscope::gui
