#include "app/gui/training/training_panel_state.h"

#include "app/gui/support/panel_settings.h"

namespace convscope::gui {

namespace key {
// The only place where the Training panel's setting keys are spelled.
constexpr auto preset = "preset";
constexpr auto config = "config";
constexpr auto data = "dataDirectory";
}  // namespace key

namespace {
const QString kGroup = QStringLiteral("training");
}  // namespace

TrainingPanelState TrainingPanelState::load() {
    const PanelSettings s(kGroup);
    TrainingPanelState state;
    state.preset = s.text(key::preset);
    state.configText = s.text(key::config);
    state.dataDirectory = s.text(key::data);
    return state;
}

void TrainingPanelState::save() const {
    PanelSettings s(kGroup);
    s.set(key::preset, preset);
    s.set(key::config, configText);
    s.set(key::data, dataDirectory);
}

}  // namespace convscope::gui
