#pragma once

#include <QImage>
#include <QString>
#include <QWidget>

#include <memory>

#include "core/common/kernel.h"
#include "core/imaging/filter_options.h"

namespace convscope::gui {

class ImageDocument;

/// The Filters panel: kernel library and editor, options, original/result views (side by side with
/// synchronised zoom and pan, or split), the "all filters" grid and the pixel inspector. Filtering runs on a
/// worker thread; the newest request wins. Restores and saves its settings through AppSettings.
class FiltersPanel : public QWidget {
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
    /// Saves the panel's state to AppSettings (called by the main window on close).
    void saveSettings() const;

public Q_SLOTS:
    void zoomIn();
    void zoomOut();
    void zoomToFit();
    void zoomActualSize();

Q_SIGNALS:
    /// A transient message for the status bar (e.g. "Filtered 4000x3000 in 85 ms").
    void statusMessage(const QString& message, int timeoutMs);
    /// What lies under the cursor: "x 120  y 45 · in R 12 G 34 B 56 · out 3.25", or empty.
    void cursorInfoChanged(const QString& text);
    void zoomChanged(double zoom);
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
