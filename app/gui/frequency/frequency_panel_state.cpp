#include "app/gui/frequency/frequency_panel_state.h"

#include "app/gui/support/panel_settings.h"
#include "core/spectral/frequency_response.h"

namespace convscope::gui {

namespace key {
// The only place where the Frequency panel's setting keys are spelled.
constexpr auto page = "page";
constexpr auto follow = "followFilters";
constexpr auto ownPreset = "ownPreset";
constexpr auto ownParams = "ownParams";
constexpr auto ownCustom = "ownCustomKernel";
constexpr auto compare = "compare";
constexpr auto size = "size";
constexpr auto scale = "scale";
constexpr auto origin = "origin";
constexpr auto of = "of";
constexpr auto pad = "padTheorem";
constexpr auto splitter = "splitterState";
}  // namespace key

namespace {
const QString kGroup = QStringLiteral("frequency");
}  // namespace

FrequencyPanelState FrequencyPanelState::load() {
    const PanelSettings s(kGroup);
    FrequencyPanelState state;
    state.page = s.integer(key::page, state.page, 0, 2);
    state.followFilters = s.boolean(key::follow, state.followFilters);
    state.ownPreset = s.text(key::ownPreset, state.ownPreset);
    state.ownParams = s.map(key::ownParams);
    state.ownCustom = s.kernel(key::ownCustom);
    state.compare = s.text(key::compare, state.compare);
    state.size = s.integer(key::size, state.size, spectral::kMinResponseSize, spectral::kMaxResponseSize);
    state.scale = s.integer(key::scale, state.scale, 0, 2);
    state.origin = s.integer(key::origin, state.origin, 0, 1);
    state.of = s.integer(key::of, state.of, 0, 1);
    state.padTheorem = s.boolean(key::pad, state.padTheorem);
    state.splitter = s.bytes(key::splitter);
    return state;
}

void FrequencyPanelState::save() const {
    PanelSettings s(kGroup);
    s.set(key::page, page);
    s.set(key::follow, followFilters);
    s.set(key::ownPreset, ownPreset);
    s.set(key::ownParams, ownParams);
    if (ownCustom)
        s.setKernel(key::ownCustom, *ownCustom);
    else
        s.remove(key::ownCustom);
    s.set(key::compare, compare);
    s.set(key::size, size);
    s.set(key::scale, scale);
    s.set(key::origin, origin);
    s.set(key::of, of);
    s.set(key::pad, padTheorem);
    s.set(key::splitter, splitter);
}

}  // namespace convscope::gui
