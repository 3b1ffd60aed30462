#pragma once

#include <QColor>

#include "core/common/colormap.h"

namespace convscope::widgets {

/// Colours for value cells: a colormap entry for a position t in 0..1, the diverging tint of a signed value
/// and a text colour that stays readable on a given background.

QColor colormapColor(common::Colormap map, double t);
/// CoolWarm tint of `value` relative to `maxAbs`: blue for negative, light grey for zero, red for positive.
QColor divergingTint(double value, double maxAbs);
/// Black or white, whichever contrasts more with `background`.
QColor readableTextOn(const QColor& background);

}  // namespace convscope::widgets
