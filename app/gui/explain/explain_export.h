#pragma once

#include <QImage>
#include <QString>

#include "app/gui/explain/explain_frame.h"

namespace convscope::gui {

/// Writes `map`'s raw values (before the display's ReLU and scaling) to `path` as CSV: a header record of
/// column indices, then one record per row led by its index. Returns an empty string on success, else the
/// reason it failed.
QString writeMapCsv(const ExplainMap& map, const QString& path);

/// `map` alone, without the input under it: each cell a block of its display colour (the same ReLU, scaling
/// and colour map as its overlay), enlarged to at least `minimumSide` pixels.
QImage mapAlonePicture(const ExplainMap& map, int minimumSide = 168);

/// Which picture a PNG export path asks for: "….map.png" the selected map alone, "….overlay.png" its overlay,
/// any other PNG every overlay on screen.
enum class ExplainPng { View, Overlay, MapAlone };
ExplainPng explainPngKind(const QString& path);

}  // namespace convscope::gui
