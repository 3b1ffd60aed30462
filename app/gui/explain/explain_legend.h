#pragma once

#include <QWidget>

namespace convscope::gui {

/// What the overlays' colours mean: Viridis from 0 to the map's own maximum for the sequential maps (the
/// Grad-CAM family after its ReLU, saliency, SmoothGrad), blue for negative and red for positive, scaled by
/// the largest magnitude, for the signed ones (integrated gradients, occlusion). Every map is scaled on its
/// own, so the bars read in fractions of the value printed under each tile.
class ExplainLegend : public QWidget {
    Q_OBJECT
public:
    explicit ExplainLegend(QWidget* parent = nullptr);
};

}  // namespace convscope::gui
