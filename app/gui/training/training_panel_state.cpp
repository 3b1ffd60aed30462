#include "app/gui/training/training_panel_state.h"

#include "app/gui/support/panel_settings.h"

namespace convscope::gui {

namespace training_key {
// The only place where the Training panel's setting keys are spelled.
constexpr auto preset = "preset";
constexpr auto config = "config";
constexpr auto data = "dataDirectory";
}  // namespace training_key

namespace {
const QString kTrainingGroup = QStringLiteral("training");
}  // namespace

TrainingPanelState TrainingPanelState::load() {
    const PanelSettings s(kTrainingGroup);
    TrainingPanelState state;
    state.preset = s.text(training_key::preset);
    state.configText = s.text(training_key::config);
    state.dataDirectory = s.text(training_key::data);
    return state;
}

void TrainingPanelState::save() const {
    PanelSettings s(kTrainingGroup);
    s.set(training_key::preset, preset);
    s.set(training_key::config, configText);
    s.set(training_key::data, dataDirectory);
}

}  // namespace convscope::gui
