#pragma once

#include <QString>

#include "app/gui/features/equivariance_frame.h"

namespace convscope::gui {

/// The Equivariance tab's sentence for `frame`: why stride and pooling break exact equivariance, with the
/// numbers on screen (the first tap whose stride does not divide the shift, its d / S and the integer shift
/// the map can make, its error against the last exact tap's). Rotation and scale get their own sentence.
QString equivarianceExplanation(const EquivarianceFrame& frame);

/// An error as the tab writes it (three significant digits; "n/a" for NaN).
QString equivarianceErrorText(double error);
/// "1.5, −0.5".
QString equivarianceShiftText(double dx, double dy);

}  // namespace convscope::gui
