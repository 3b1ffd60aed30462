#include "app/gui/filters/filters_panel.h"

#include <QFileInfo>
#include <QScrollArea>
#include <QSplitter>
#include <QVBoxLayout>

#include <exception>

#include <opencv2/imgproc.hpp>

#include "app/gui/document/image_document.h"
#include "app/gui/filters/display_legend.h"
#include "app/gui/filters/filter_controller.h"
#include "app/gui/filters/filter_options_box.h"
#include "app/gui/filters/filter_pipeline.h"
#include "app/gui/filters/filter_view_modes.h"
#include "app/gui/filters/filter_view_stack.h"
#include "app/gui/filters/filters_panel_private.h"
#include "app/gui/filters/filters_panel_state.h"
#include "app/gui/filters/inspector_box.h"
#include "app/gui/filters/kernel_controls.h"
#include "app/gui/filters/pixel_readout.h"
#include "core/imaging/kernel_library.h"
#include "core/imaging/pixel_inspection.h"
#include "widgets/common/number_text.h"
#include "widgets/image/tile_grid_view.h"

namespace convscope::gui {

FiltersPanel::FiltersPanel(ImageDocument* document, QWidget* parent)
    : Panel(parent), d(std::make_unique<Private>()) {
    d->q = this;
    d->document = document;
    d->controller = new FilterController(this);
    d->buildUi();
    d->modes = new FilterViewModes(this);
    connect(d->modes, &FilterViewModes::modeChosen, this,
            [this](int mode) { setViewMode(static_cast<ViewMode>(mode)); });
    d->connectSignals();
    if (document && !document->isEmpty()) d->onImageChanged();
}

// The lambdas connected in connectSignals use `d`, which dies before QWidget deletes the children: stop the
// worker thread and take the child widgets down while `d` is still alive.
FiltersPanel::~FiltersPanel() {
    delete d->controller;
    delete d->splitter;
}

void FiltersPanel::Private::buildUi() {
    q->setObjectName(QStringLiteral("filtersPanel"));
    kernel = new KernelControls;
    options = new FilterOptionsBox;
    auto* controls = new QWidget;
    controls->setObjectName(QStringLiteral("filterControls"));
    auto* controlsLayout = new QVBoxLayout(controls);
    controlsLayout->addWidget(kernel);
    controlsLayout->addWidget(options);
    controlsLayout->addStretch(1);
    auto* controlsScroll = new QScrollArea;
    controlsScroll->setObjectName(QStringLiteral("filterControlsScroll"));
    controlsScroll->setWidgetResizable(true);
    controlsScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    controlsScroll->setFrameShape(QFrame::NoFrame);
    controlsScroll->setWidget(controls);
    controlsScroll->setMinimumWidth(controls->minimumSizeHint().width() + 16);

    views = new FilterViewStack;
    views->setPlaceholderText(tr("Open an image (File ▸ Open, or a sample) to start filtering."));
    inspector = new InspectorBox;

    // The inspector goes under the views rather than beside them: its grids are wide and short, and the
    // side-by-side views of a landscape photograph need all the width they can get.
    centreSplitter = new QSplitter(Qt::Vertical);
    centreSplitter->setObjectName(QStringLiteral("filtersCentreSplitter"));
    centreSplitter->setChildrenCollapsible(false);
    centreSplitter->addWidget(views);
    centreSplitter->addWidget(inspector);
    centreSplitter->setStretchFactor(0, 1);
    centreSplitter->setStretchFactor(1, 0);
    centreSplitter->setSizes({640, 260});

    splitter = new QSplitter(Qt::Horizontal);
    splitter->setObjectName(QStringLiteral("filtersSplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(controlsScroll);
    splitter->addWidget(centreSplitter);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({340, 1200});

    auto* layout = new QVBoxLayout(q);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);
}

QString FiltersPanel::title() const {
    return tr("Filters");
}

void FiltersPanel::restoreState() {
    const FiltersPanelState state = FiltersPanelState::load();
    d->options->setOptions(state.options);
    d->options->setDisplay(state.display);
    const bool custom = state.preset == KernelControls::kCustom && state.customKernel &&
                        d->kernel->setCustomKernel(*state.customKernel).isEmpty();
    if (!custom) d->kernel->selectPreset(state.preset, state.params);
    d->views->setSplitPosition(state.splitPosition);
    d->splitter->restoreState(state.controlsSplitter);
    d->centreSplitter->restoreState(state.centreSplitter);
    setViewMode(static_cast<ViewMode>(state.viewMode));
}

void FiltersPanel::Private::connectSignals() {
    if (document) connect(document, &ImageDocument::imageChanged, q, [this] { onImageChanged(); });
    connect(kernel, &KernelControls::kernelChanged, q, [this] {
        requestFilter();
        updateInspection();
        Q_EMIT q->kernelChanged();
    });
    connect(options, &FilterOptionsBox::changed, q, [this] {
        onOptionsChanged();
        Q_EMIT q->kernelChanged();
    });
    connect(controller, &FilterController::frameReady, q, [this](const FilterFrame& f) { onFrame(f); });
    connect(controller, &FilterController::failed, q,
            [this](quint64 generation, const QString& message) { onFailed(generation, message); });
    connect(controller, &FilterController::tileReady, q, [this](const FilterTileResult& t) { onTile(t); });
    connect(views, &FilterViewStack::hoveredPixel, q, [this](QPoint p) {
        hover = p;
        updateInspection();
    });
    connect(views, &FilterViewStack::tileActivated, q, [this](int index) { onTileActivated(index); });
    connect(views, &FilterViewStack::zoomChanged, q, &Panel::zoomChanged);
    connect(inspector, &InspectorBox::channelChanged, q, [this] { updateInspection(); });
}

void FiltersPanel::Private::onImageChanged() {
    controller->cancelAll();
    full = {};
    grayForInspection.release();
    // Converted once here (in parallel) to the format the views draw, instead of by each view on its own.
    views->setOriginal(toViewImage(document->qimage()));
    views->clearResult();
    views->setHighlight({});
    options->clearResult();
    options->setImageChannels(document->isEmpty() ? 3 : document->channels());
    inspector->setColourResult(!singleChannelResult());
    hover = QPoint(-1, -1);
    updateInspection();
    setAvailable(false);
    tilesDirty = true;
    requestFilter(false);
    if (q->viewMode() == ViewMode::AllFilters) requestTiles();
    Q_EMIT q->zoomChanged(views->zoom());
}

void FiltersPanel::Private::onOptionsChanged() {
    inspector->setColourResult(!singleChannelResult());
    tilesDirty = true;
    requestFilter();
    if (q->viewMode() == ViewMode::AllFilters) requestTiles();
    updateInspection();
}

bool FiltersPanel::Private::singleChannelResult() const {
    return options->options().grayscale || (document && !document->isEmpty() && document->channels() == 1);
}

void FiltersPanel::Private::requestFilter(bool announce) {
    if (!document || document->isEmpty()) return;
    FilterRequest request;
    request.image = document->pixels();
    request.kernel = kernel->kernel();
    request.options = options->options();
    request.display = options->display();
    request.previewAtImageSize = q->viewMode() == ViewMode::Split;
    generation = controller->submit(request);
    announcedGeneration = announce ? generation : 0;
}

void FiltersPanel::Private::requestTiles() {
    widgets::TileGridView* grid = views->tileGrid();
    if (!document || document->isEmpty()) {
        grid->setTiles({});
        return;
    }
    QVector<widgets::Tile> tiles;
    for (const imaging::PresetInfo& info : imaging::kernelPresets())
        tiles.append(widgets::Tile{QImage(), QString::fromStdString(info.title), tr("computing…")});
    grid->setTiles(tiles);
    AllFiltersRequest request;
    request.image = document->pixels();
    request.options = options->options();
    request.display = options->display();
    controller->submitAll(request);
    tilesDirty = false;
}

void FiltersPanel::Private::onFrame(const FilterFrame& frame) {
    // A synchronous export may already have produced this request's full result: keep it.
    if (frame.preview && full.generation == frame.generation && full.isValid()) return;
    if (!frame.preview) full = frame;
    const QString caption = frame.preview
                                ? tr("Result · preview (%1)").arg(widgets::formatSize(frame.computedSize))
                                : tr("Result");
    views->setResult(frame.view, caption, frame.imageSize);
    views->setLegend(displayLegend(options->display(), frame.range, !singleChannelResult()));
    options->showResult(frame.range, frame.computedSize, frame.milliseconds, frame.preview);
    if (!frame.preview && frame.generation == announcedGeneration) {
        Q_EMIT q->statusMessage(QStringLiteral("%1 · %2 · %3 · %4")
                                    .arg(kernel->presetTitle(), widgets::formatSize(frame.imageSize),
                                         widgets::formatMilliseconds(frame.milliseconds),
                                         frame.fft ? tr("through the FFT") : tr("direct summation")),
                                5000);
    }
    setAvailable(true);
    updateInspection();
    Q_EMIT q->resultShown(frame.preview);
}

void FiltersPanel::Private::onFailed(quint64 failedGeneration, const QString& message) {
    if (failedGeneration != generation) return;
    full = {};
    views->clearResult();
    options->clearResult();
    options->showError(tr("Filtering failed: %1").arg(message));
    setAvailable(false);
    Q_EMIT q->statusMessage(tr("Filtering failed: %1").arg(message), 8000);
}

void FiltersPanel::Private::onTile(const FilterTileResult& tile) {
    widgets::TileGridView* grid = views->tileGrid();
    if (tile.index < 0 || tile.index >= grid->tileCount()) return;
    widgets::Tile t = grid->tile(tile.index);
    if (tile.error.isEmpty()) {
        t.image = tile.frame.view;
        // Four digits are plenty on a thumbnail; the side-by-side view gives the full range. The scaling is
        // named because each tile has its own (see FilterWorker): equal greys in two tiles are not equal
        // values.
        const bool signedValues = tile.frame.range.min < 0.0;
        const QString scaling = !signedValues ? tr("min…max scaled to 0…255")
                                : options->display().mode == imaging::SignedDisplay::Diverging
                                    ? tr("colours scaled to max |v|")
                                    : tr("|v| scaled to max");
        t.subtitle = tr("min %1 · max %2\n%3")
                         .arg(widgets::formatValue(tile.frame.range.min, 4),
                              widgets::formatValue(tile.frame.range.max, 4), scaling);
    } else {
        t.subtitle = tr("failed: %1").arg(tile.error);
    }
    grid->setTile(tile.index, t);
}

void FiltersPanel::Private::onTileActivated(int index) {
    const auto& presets = imaging::kernelPresets();
    if (index < 0 || index >= static_cast<int>(presets.size())) return;
    kernel->selectPreset(QString::fromStdString(presets[static_cast<size_t>(index)].name));
    q->setViewMode(ViewMode::SideBySide);
}

void FiltersPanel::Private::updateInspection() {
    const bool hasImage = document && !document->isEmpty();
    const bool hovering = hasImage && hover.x() >= 0 && hover.y() >= 0 && hover.x() < document->width() &&
                          hover.y() < document->height();
    if (!hovering) {
        views->setHighlight({});
        Q_EMIT q->cursorInfoChanged(QString());
    }
    if (!hasImage) {
        inspector->clear();
        return;
    }
    // Until the pointer is over an image (or after it left), the centre pixel is explained, so the
    // inspector shows what it is for instead of an empty area; its title says which pixel it is.
    const QPoint pixel = hovering ? hover : QPoint(document->width() / 2, document->height() / 2);
    inspector->setCentreShown(!hovering);
    const imaging::FilterOptions o = options->options();
    const common::Kernel& k = kernel->kernel();
    if (hovering) views->setHighlight(kernelFootprint(k, o.mode, pixel));
    // inspectPixel would convert the whole image to grey on every mouse move; convert it once instead
    // (the same conversion) and inspect the grey image.
    imaging::FilterOptions sourceOptions = o;
    if (o.grayscale && document->channels() == 3) {
        if (grayForInspection.empty())
            cv::cvtColor(document->pixels(), grayForInspection, cv::COLOR_BGR2GRAY);
        sourceOptions.grayscale = false;
    }
    const cv::Mat& source = sourceOptions.grayscale == o.grayscale ? document->pixels() : grayForInspection;
    QString out;
    try {
        // Kernel-sized work, cheap enough for the GUI thread on every mouse move.
        const imaging::PixelInspection inspection =
            imaging::inspectPixel(source, k, sourceOptions, pixel.x(), pixel.y(), inspector->channel());
        inspector->setData(inspectorData(inspection, inspector->channelName(), o));
        if (!hovering) return;
        // The full result's stored values when they exist; a preview's belong to a reduced copy, so until
        // then the engine computes the pixel's channels directly.
        out = full.isValid() && full.generation == generation
                  ? resultValuesText(*full.values, pixel.x(), pixel.y())
                  : inspectedValuesText(source, k, sourceOptions, pixel);
    } catch (const std::exception& e) {
        inspector->view()->clear(QString::fromStdString(e.what()));
        if (!hovering) return;
    }
    const QString text = cursorText(pixel, document->pixelText(pixel.x(), pixel.y()), out);
    Q_EMIT q->cursorInfoChanged(text);
}

void FiltersPanel::Private::setAvailable(bool on) {
    if (available == on) return;
    available = on;
    Q_EMIT q->resultAvailabilityChanged(on);
    Q_EMIT q->capabilitiesChanged();
}

const FilterFrame* FiltersPanel::Private::fullResult(QString* error) {
    if (!document || document->isEmpty()) {
        *error = tr("There is no result yet: open an image first.");
        return nullptr;
    }
    if (full.isValid() && full.generation == generation) return &full;
    try {
        FilterFrame frame =
            computeFilterFrame(document->pixels(), kernel->kernel(), options->options(), options->display());
        frame.generation = generation;
        onFrame(frame);
    } catch (const std::exception& e) {
        *error = QString::fromStdString(e.what());
        return nullptr;
    }
    return &full;
}

}  // namespace convscope::gui
