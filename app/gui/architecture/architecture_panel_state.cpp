#include "app/gui/architecture/architecture_panel_state.h"

#include "app/gui/support/panel_settings.h"

namespace convscope::gui {

namespace architecture_key {
// The only place where the Architecture panel's setting keys are spelled.
constexpr auto model = "model";
constexpr auto file = "file";
constexpr auto channels = "inChannels";
constexpr auto classes = "classes";
constexpr auto size = "inputSize";
constexpr auto stem = "imagenetStem";
constexpr auto page = "page";
constexpr auto splitter = "diagramSplitterState";
constexpr auto gradients = "colourByGradientNorm";
}  // namespace architecture_key

namespace {
const QString kArchitectureGroup = QStringLiteral("architecture");
}  // namespace

ArchitecturePanelState ArchitecturePanelState::load() {
    const PanelSettings s(kArchitectureGroup);
    ArchitecturePanelState state;
    state.model = s.text(architecture_key::model, state.model);
    state.file = s.text(architecture_key::file);
    state.inChannels = s.integer(architecture_key::channels, state.inChannels, 1, 64);
    state.classes = s.integer(architecture_key::classes, state.classes, 2, 100000);
    state.inputSize = s.integer(architecture_key::size, state.inputSize, 1, 1024);
    state.imagenetStem = s.boolean(architecture_key::stem, state.imagenetStem);
    state.page = s.integer(architecture_key::page, state.page, 0, 3);
    state.diagramSplitter = s.bytes(architecture_key::splitter);
    state.gradientColouring = s.boolean(architecture_key::gradients, state.gradientColouring);
    return state;
}

void ArchitecturePanelState::save() const {
    PanelSettings s(kArchitectureGroup);
    s.set(architecture_key::model, model);
    s.set(architecture_key::file, file);
    s.set(architecture_key::channels, inChannels);
    s.set(architecture_key::classes, classes);
    s.set(architecture_key::size, inputSize);
    s.set(architecture_key::stem, imagenetStem);
    s.set(architecture_key::page, page);
    s.set(architecture_key::splitter, diagramSplitter);
    s.set(architecture_key::gradients, gradientColouring);
}

}  // namespace convscope::gui
