#pragma once

#include <QString>

#include "app/gui/explain/explain_frame.h"

namespace convscope::gui {

/// How a map's colours were scaled, as the tile under it says: "ReLU, scaled to max 0.056",
/// "signed, ±0.43" or "|gradient|, scaled to max 0.21". Names what the picture hides (negative values under
/// a ReLU) and the raw value drawn at full colour, so maps of different methods are not compared by colour.
QString displayConvention(const ExplainMap& map);

/// A strip tile's title: "conv2 · 10×10".
QString layerCaption(const ExplainMap& map);

/// The name of what multiplies the activation in a cell's term: "α_k" (Grad-CAM), "w_k" (Grad-CAM++),
/// "∂y_c/∂A_k(i,j)" (HiResCAM).
QString termWeightName(const ExplainMap& map);

/// A class's name, or "class 12" for a model with more classes than names.
QString explainClassName(const ExplainFrame& frame, int index);

}  // namespace convscope::gui

namespace convscope::gui {

/// What a method computes, in a sentence (the tiles' tooltips).
QString methodDescription(const QString& method);

}  // namespace convscope::gui
