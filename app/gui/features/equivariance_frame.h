#pragma once

#include <QMetaType>
#include <QRect>
#include <QString>
#include <QStringList>
#include <QVector>

#include "app/gui/features/feature_maps_request.h"

namespace convscope::gui {

/// What the Equivariance tab asks its worker for: the Feature maps panel's model and image, the transform s
/// of the input, and which tap and channel to send maps of.
struct EquivarianceRequest {
    FeatureMapsRequest source;
    int dx = 0, dy = 0;
    double rotateDegrees = 0.0;
    double scale = 1.0;
    bool circular = false;  ///< torch::roll instead of a zero-filled (background) shift
    QString tap;            ///< the tap whose maps are sent; empty: the first
    int channel = 0;        ///< clamped to the tap's channels
};

/// One tap's numbers (core/nn/explain/equivariance.h's TapEquivariance without the tensors).
struct EquivarianceTapRow {
    QString name;
    int channels = 0, height = 0, width = 0;
    int stride = 1;
    bool strideEstimated = false;
    bool global = false;
    bool exact = true;
    bool wholeMap = false;
    int mapDx = 0, mapDy = 0;
    double exactDx = 0.0, exactDy = 0.0;
    double error = 0.0;  ///< NaN when s(f(x)) is zero on the region
    QRect region;        ///< the compared map positions (x = column, y = row)
};

/// The comparison for one request, as Qt values for the page.
struct EquivarianceFrame {
    EquivarianceRequest request;  ///< what was computed (its transform and tap)
    QString source, modelSource;
    QStringList classNames;
    int predictionBefore = -1, predictionAfter = -1;
    double probabilityBefore = 0.0, probabilityAfter = 0.0;
    QVector<EquivarianceTapRow> taps;
    int shownTap = -1;  ///< index into taps of the maps below
    int shownChannel = 0;
    int mapHeight = 0, mapWidth = 0;
    /// The shown tap's channel, row-major: f(s(x)), s(f(x)) and f(s(x)) − s(f(x)).
    QVector<float> transformedFeatures, transformedMaps, difference;
    int inputHeight = 0, inputWidth = 0;
    /// x and s(x), first channel, denormalised to 0 … 1.
    QVector<float> input, transformedInput;

    bool isEmpty() const { return taps.isEmpty(); }
    bool predictionChanged() const { return predictionBefore != predictionAfter; }
};

}  // namespace convscope::gui

Q_DECLARE_METATYPE(convscope::gui::EquivarianceRequest)
Q_DECLARE_METATYPE(convscope::gui::EquivarianceFrame)
