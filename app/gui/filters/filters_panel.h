#pragma once

#include <QImage>
#include <QString>

#include <memory>

#include "app/gui/support/panel.h"
#include "core/common/kernel.h"
#include "core/imaging/filter_options.h"

namespace convscope::gui {

class ImageDocument;

/// The Filters panel: kernel library and editor, options, original/result views (side by side with
/// synchronised zoom and pan, or split), the "all filters" grid and the pixel inspector. Filtering runs on a
/// worker thread; the newest request wins. Its view modes are actions the main window shows in the View menu
/// and the toolbar.
class FiltersPanel : public Panel {
    Q_OBJECT
public:
    enum class ViewMode { SideBySide = 0, Split = 1, AllFilters = 2 };

    explicit FiltersPanel(ImageDocument* document, QWidget* parent = nullptr);
    ~FiltersPanel() override;

    bool hasResult() const;
    /// The result exactly as displayed (8-bit), for the clipboard.
    QImage displayedResult() const;
    /// Writes the current full-resolution result: .tif/.tiff as 32-bit float values, any other extension as
    /// the displayed picture. Returns an empty string on success, else the reason it failed.
    QString exportResult(const QString& path);

    /// The kernel being applied, its title ("Sobel X", "Custom") and the options it is applied with.
    common::Kernel currentKernel() const;
    QString currentKernelTitle() const;
    imaging::FilterOptions currentOptions() const;

    ViewMode viewMode() const;
    void setViewMode(ViewMode mode);
    /// The view-mode actions (side by side, split, all filters), exclusive and checkable.
    QAction* viewModeAction(ViewMode mode) const;

    // Panel
    QString title() const override;
    void saveState() const override;
    void restoreState() override;
    bool canZoom() const override { return true; }
    void zoom(ZoomCommand command) override;
    double zoomFactor() const override;
    bool canExport() const override { return hasResult(); }
    QString exportNameFilters() const override;
    QString exportBaseName() const override;
    QString exportTo(const QString& path) override { return exportResult(path); }
    QImage imageToCopy() const override { return displayedResult(); }
    QList<QAction*> viewActions() const override;

Q_SIGNALS:
    void viewModeChanged(convscope::gui::FiltersPanel::ViewMode mode);
    /// The result changed (or became unavailable), so export actions can be enabled.
    void resultAvailabilityChanged(bool available);
    /// A result was put on the result views: a preview (reduced copy, large images only) or the full
    /// resolution. Emitted after the views have the new image, before they repaint.
    void resultShown(bool preview);
    /// The kernel or the options it is applied with changed (for the Frequency panel, which follows them).
    void kernelChanged();

private:
    struct Private;
    std::unique_ptr<Private> d;
};

}  // namespace convscope::gui
