#include "app/gui/architecture/architecture_panel_state.h"

#include "app/gui/support/panel_settings.h"

namespace convscope::gui {

namespace key {
// The only place where the Architecture panel's setting keys are spelled.
constexpr auto model = "model";
constexpr auto channels = "inChannels";
constexpr auto classes = "classes";
constexpr auto size = "inputSize";
constexpr auto stem = "imagenetStem";
constexpr auto page = "page";
constexpr auto splitter = "diagramSplitterState";
}  // namespace key

namespace {
const QString kGroup = QStringLiteral("architecture");
}  // namespace

ArchitecturePanelState ArchitecturePanelState::load() {
    const PanelSettings s(kGroup);
    ArchitecturePanelState state;
    state.model = s.text(key::model, state.model);
    state.inChannels = s.integer(key::channels, state.inChannels, 1, 64);
    state.classes = s.integer(key::classes, state.classes, 2, 100000);
    state.inputSize = s.integer(key::size, state.inputSize, 1, 1024);
    state.imagenetStem = s.boolean(key::stem, state.imagenetStem);
    state.page = s.integer(key::page, state.page, 0, 3);
    state.diagramSplitter = s.bytes(key::splitter);
    return state;
}

void ArchitecturePanelState::save() const {
    PanelSettings s(kGroup);
    s.set(key::model, model);
    s.set(key::channels, inChannels);
    s.set(key::classes, classes);
    s.set(key::size, inputSize);
    s.set(key::stem, imagenetStem);
    s.set(key::page, page);
    s.set(key::splitter, diagramSplitter);
}

}  // namespace convscope::gui
