#include "app/gui/frequency/frequency_panel_state.h"

#include "app/gui/support/panel_settings.h"
#include "core/spectral/frequency_response.h"

namespace convscope::gui {

namespace frequency_key {
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
}  // namespace frequency_key

namespace {
const QString kFrequencyGroup = QStringLiteral("frequency");
}  // namespace

FrequencyPanelState FrequencyPanelState::load() {
    const PanelSettings s(kFrequencyGroup);
    FrequencyPanelState state;
    state.page = s.integer(frequency_key::page, state.page, 0, 2);
    state.followFilters = s.boolean(frequency_key::follow, state.followFilters);
    state.ownPreset = s.text(frequency_key::ownPreset, state.ownPreset);
    state.ownParams = s.map(frequency_key::ownParams);
    state.ownCustom = s.kernel(frequency_key::ownCustom);
    state.compare = s.text(frequency_key::compare, state.compare);
    state.size =
        s.integer(frequency_key::size, state.size, spectral::kMinResponseSize, spectral::kMaxResponseSize);
    state.scale = s.integer(frequency_key::scale, state.scale, 0, 2);
    state.origin = s.integer(frequency_key::origin, state.origin, 0, 1);
    state.of = s.integer(frequency_key::of, state.of, 0, 1);
    state.padTheorem = s.boolean(frequency_key::pad, state.padTheorem);
    state.splitter = s.bytes(frequency_key::splitter);
    return state;
}

void FrequencyPanelState::save() const {
    PanelSettings s(kFrequencyGroup);
    s.set(frequency_key::page, page);
    s.set(frequency_key::follow, followFilters);
    s.set(frequency_key::ownPreset, ownPreset);
    s.set(frequency_key::ownParams, ownParams);
    if (ownCustom)
        s.setKernel(frequency_key::ownCustom, *ownCustom);
    else
        s.remove(frequency_key::ownCustom);
    s.set(frequency_key::compare, compare);
    s.set(frequency_key::size, size);
    s.set(frequency_key::scale, scale);
    s.set(frequency_key::origin, origin);
    s.set(frequency_key::of, of);
    s.set(frequency_key::pad, padTheorem);
    s.set(frequency_key::splitter, splitter);
}

}  // namespace convscope::gui
