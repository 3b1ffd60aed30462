#include "app/gui/features/feature_maps_panel_state.h"

#include "app/gui/support/panel_settings.h"

namespace convscope::gui {

namespace feature_maps_key {
// The only place where the Feature maps panel's setting keys are spelled.
constexpr auto openImage = "openImage";
constexpr auto testIndex = "testIndex";
constexpr auto checkpoint = "checkpoint";
constexpr auto tap = "tap";
constexpr auto channel = "channel";
constexpr auto splitter = "splitterState";
}  // namespace feature_maps_key

namespace {
const QString kFeatureMapsGroup = QStringLiteral("featureMaps");
constexpr int kLastTestIndex = 9999;
}  // namespace

FeatureMapsPanelState FeatureMapsPanelState::load() {
    const PanelSettings s(kFeatureMapsGroup);
    FeatureMapsPanelState state;
    state.openImage = s.boolean(feature_maps_key::openImage, state.openImage);
    state.testIndex = s.integer(feature_maps_key::testIndex, state.testIndex, 0, kLastTestIndex);
    const QString missing = QStringLiteral("\\x01none");
    const QString checkpoint = s.text(feature_maps_key::checkpoint, missing);
    if (checkpoint != missing) state.checkpoint = checkpoint;
    state.tap = s.text(feature_maps_key::tap);
    state.channel = s.integer(feature_maps_key::channel, state.channel, -1, 1 << 20);
    state.splitter = s.bytes(feature_maps_key::splitter);
    return state;
}

void FeatureMapsPanelState::save() const {
    PanelSettings s(kFeatureMapsGroup);
    s.set(feature_maps_key::openImage, openImage);
    s.set(feature_maps_key::testIndex, testIndex);
    s.set(feature_maps_key::checkpoint, checkpoint.value_or(QString()));
    s.set(feature_maps_key::tap, tap);
    s.set(feature_maps_key::channel, channel);
    s.set(feature_maps_key::splitter, splitter);
}

}  // namespace convscope::gui
