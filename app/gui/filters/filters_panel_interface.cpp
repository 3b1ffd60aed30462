#include <QFileInfo>
#include <QSplitter>

#include "app/gui/document/image_document.h"
#include "app/gui/filters/filter_options_box.h"
#include "app/gui/filters/filter_view_modes.h"
#include "app/gui/filters/filter_view_stack.h"
#include "app/gui/filters/filters_panel.h"
#include "app/gui/filters/filters_panel_private.h"
#include "app/gui/filters/filters_panel_state.h"
#include "app/gui/filters/inspector_box.h"
#include "app/gui/filters/kernel_controls.h"

// The Panel interface of the Filters panel: what the main window's menus reach (export, copy, zoom, view
// modes) and its state across restarts. Building the panel and computing are in filters_panel.cpp.

namespace convscope::gui {

bool FiltersPanel::hasResult() const {
    return d->available;
}

QImage FiltersPanel::displayedResult() const {
    QString error;
    const FilterFrame* frame = d->fullResult(&error);
    return frame ? frame->display : QImage();
}

QString FiltersPanel::exportResult(const QString& path) {
    if (path.isEmpty()) return tr("No file name was given.");
    QString error;
    const FilterFrame* frame = d->fullResult(&error);
    if (!frame) return error;
    error = saveFrame(*frame, path);
    if (error.isEmpty()) Q_EMIT statusMessage(tr("Exported %1").arg(QFileInfo(path).fileName()), 5000);
    return error;
}

common::Kernel FiltersPanel::currentKernel() const {
    return d->kernel->kernel();
}

QString FiltersPanel::currentKernelTitle() const {
    return d->kernel->presetTitle();
}

imaging::FilterOptions FiltersPanel::currentOptions() const {
    return d->options->options();
}

FiltersPanel::ViewMode FiltersPanel::viewMode() const {
    return static_cast<ViewMode>(d->views->currentIndex());
}

void FiltersPanel::setViewMode(ViewMode mode) {
    const int index = static_cast<int>(mode);
    if (index < 0 || index > 2) return;
    const bool changed = d->views->currentIndex() != index;
    d->views->setCurrentIndex(index);
    // Tiles cannot be inspected pixel by pixel: the grid gets the inspector's room.
    d->inspector->setVisible(mode != ViewMode::AllFilters);
    if (mode == ViewMode::AllFilters && d->tilesDirty) d->requestTiles();
    d->modes->setCurrent(index);
    if (!changed) return;
    Q_EMIT viewModeChanged(mode);
    Q_EMIT capabilitiesChanged();  // the grid has no zoom factor
}

QAction* FiltersPanel::viewModeAction(ViewMode mode) const {
    return d->modes->action(static_cast<int>(mode));
}

QList<QAction*> FiltersPanel::viewActions() const {
    return d->modes->actions();
}

double FiltersPanel::zoomFactor() const {
    return viewMode() == ViewMode::AllFilters ? -1.0 : d->views->zoom();
}

QString FiltersPanel::exportNameFilters() const {
    return QStringList{tr("PNG image, as displayed (*.png)"), tr("JPEG image, as displayed (*.jpg *.jpeg)"),
                       tr("TIFF, 32-bit float values as computed (*.tif *.tiff)")}
        .join(QStringLiteral(";;"));
}

QString FiltersPanel::exportBaseName() const {
    const QString source = d->document ? d->document->sourcePath() : QString();
    return (source.isEmpty() ? QStringLiteral("pattern") : QFileInfo(source).completeBaseName()) +
           QStringLiteral("-filtered");
}

void FiltersPanel::saveState() const {
    FiltersPanelState state;
    state.preset = d->kernel->presetName();
    state.params = d->kernel->paramValues();
    if (state.preset == KernelControls::kCustom) state.customKernel = d->kernel->kernel();
    state.options = d->options->options();
    state.display = d->options->display();
    state.viewMode = d->views->currentIndex();
    state.splitPosition = d->views->splitPosition();
    state.controlsSplitter = d->splitter->saveState();
    state.centreSplitter = d->centreSplitter->saveState();
    state.save();
}

void FiltersPanel::zoom(ZoomCommand command) {
    switch (command) {
        case ZoomCommand::In:
            d->views->zoomIn();
            break;
        case ZoomCommand::Out:
            d->views->zoomOut();
            break;
        case ZoomCommand::Fit:
            d->views->zoomToFit();
            break;
        case ZoomCommand::ActualSize:
            d->views->zoomActualSize();
            break;
    }
}

}  // namespace convscope::gui
