#pragma once

// FiltersPanel's private part, shared by filters_panel.cpp (building and computing) and
// filters_panel_interface.cpp (the Panel interface: export, zoom, view modes, state).

#include <QPoint>

#include <opencv2/core/mat.hpp>

#include "app/gui/filters/filter_request.h"
#include "app/gui/filters/filters_panel.h"

class QSplitter;

namespace convscope::gui {

class ImageDocument;
class FilterController;
class KernelControls;
class FilterOptionsBox;
class FilterViewStack;
class InspectorBox;
class FilterViewModes;

struct FiltersPanel::Private {
    FiltersPanel* q = nullptr;
    ImageDocument* document = nullptr;
    FilterController* controller = nullptr;
    KernelControls* kernel = nullptr;
    FilterOptionsBox* options = nullptr;
    FilterViewStack* views = nullptr;
    InspectorBox* inspector = nullptr;
    QSplitter* splitter = nullptr;        ///< controls | centre
    QSplitter* centreSplitter = nullptr;  ///< views above the inspector
    FilterViewModes* modes = nullptr;

    quint64 generation = 0;  ///< newest request; frames of older ones never reach the panel
    /// The request whose result goes to the status bar: one the user made in this panel. After opening an
    /// image the main window's "Opened …" message is the more useful one and stays.
    quint64 announcedGeneration = 0;
    FilterFrame full;  ///< the newest request's full-resolution result, once it exists
    bool available = false;
    bool tilesDirty = true;
    QPoint hover{-1, -1};
    cv::Mat grayForInspection;  ///< the image's luminance, made once per image for hovering in grayscale mode

    void buildUi();
    void connectSignals();

    void onImageChanged();
    void onOptionsChanged();
    void requestFilter(bool announce = true);
    void requestTiles();
    void onFrame(const FilterFrame& frame);
    void onFailed(quint64 generation, const QString& message);
    void onTile(const FilterTileResult& tile);
    void onTileActivated(int index);
    void updateInspection();
    void setAvailable(bool on);
    bool singleChannelResult() const;
    /// The newest request's full-resolution result, computed here and now if the worker has not delivered it
    /// yet (exports must never silently take a preview). Null with `error` set when it cannot be made.
    const FilterFrame* fullResult(QString* error);
};

}  // namespace convscope::gui
