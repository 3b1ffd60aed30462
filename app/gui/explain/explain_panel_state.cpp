#include "app/gui/explain/explain_panel_state.h"

#include "app/gui/support/panel_settings.h"

namespace convscope::gui {

namespace explain_key {
// The only place where the Explain panel's setting keys are spelled.
constexpr auto openImage = "openImage";
constexpr auto testIndex = "testIndex";
constexpr auto checkpoint = "checkpoint";
constexpr auto target = "target";
constexpr auto selectedMap = "selectedMap";
constexpr auto splitter = "splitterState";
}  // namespace explain_key

namespace {
const QString kExplainGroup = QStringLiteral("explain");
constexpr int kExplainLastTestIndex = 9999;
constexpr int kExplainMaxClass = 1 << 16;
constexpr int kExplainMaxMap = 1 << 10;
}  // namespace

ExplainPanelState ExplainPanelState::load() {
    const PanelSettings s(kExplainGroup);
    ExplainPanelState state;
    state.openImage = s.boolean(explain_key::openImage, state.openImage);
    state.testIndex = s.integer(explain_key::testIndex, state.testIndex, 0, kExplainLastTestIndex);
    // A saved empty path means "no model"; only a missing key is a first start.
    const QString missing = QStringLiteral("\\x01none");
    const QString checkpoint = s.text(explain_key::checkpoint, missing);
    if (checkpoint != missing) state.checkpoint = checkpoint;
    state.target = s.integer(explain_key::target, state.target, -1, kExplainMaxClass);
    state.selectedMap = s.integer(explain_key::selectedMap, state.selectedMap, 0, kExplainMaxMap);
    state.splitter = s.bytes(explain_key::splitter);
    return state;
}

void ExplainPanelState::save() const {
    PanelSettings s(kExplainGroup);
    s.set(explain_key::openImage, openImage);
    s.set(explain_key::testIndex, testIndex);
    s.set(explain_key::checkpoint, checkpoint.value_or(QString()));
    s.set(explain_key::target, target);
    s.set(explain_key::selectedMap, selectedMap);
    s.set(explain_key::splitter, splitter);
}

}  // namespace convscope::gui
