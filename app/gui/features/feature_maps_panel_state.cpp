#include "app/gui/features/feature_maps_panel_state.h"

#include "app/gui/support/panel_settings.h"

namespace convscope::gui {

namespace key {
// The only place where the Feature maps panel's setting keys are spelled.
constexpr auto openImage = "openImage";
constexpr auto testIndex = "testIndex";
constexpr auto checkpoint = "checkpoint";
constexpr auto tap = "tap";
constexpr auto channel = "channel";
constexpr auto splitter = "splitterState";
}  // namespace key

namespace {
const QString kGroup = QStringLiteral("featureMaps");
constexpr int kLastTestIndex = 9999;
}  // namespace

FeatureMapsPanelState FeatureMapsPanelState::load() {
    const PanelSettings s(kGroup);
    FeatureMapsPanelState state;
    state.openImage = s.boolean(key::openImage, state.openImage);
    state.testIndex = s.integer(key::testIndex, state.testIndex, 0, kLastTestIndex);
    const QString missing = QStringLiteral("\\x01none");
    const QString checkpoint = s.text(key::checkpoint, missing);
    if (checkpoint != missing) state.checkpoint = checkpoint;
    state.tap = s.text(key::tap);
    state.channel = s.integer(key::channel, state.channel, -1, 1 << 20);
    state.splitter = s.bytes(key::splitter);
    return state;
}

void FeatureMapsPanelState::save() const {
    PanelSettings s(kGroup);
    s.set(key::openImage, openImage);
    s.set(key::testIndex, testIndex);
    s.set(key::checkpoint, checkpoint.value_or(QString()));
    s.set(key::tap, tap);
    s.set(key::channel, channel);
    s.set(key::splitter, splitter);
}

}  // namespace convscope::gui
