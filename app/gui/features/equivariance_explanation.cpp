#include "app/gui/features/equivariance_explanation.h"

#include <QObject>
#include <cmath>

#include "widgets/common/number_text.h"

namespace convscope::gui {

QString equivarianceErrorText(double error) {
    return std::isnan(error) ? QObject::tr("n/a") : widgets::compactNumber(error, 3);
}

QString equivarianceShiftText(double dx, double dy) {
    return widgets::withTypographicMinus(
        QStringLiteral("%1, %2").arg(widgets::compactNumber(dx, 3), widgets::compactNumber(dy, 3)));
}

QString equivarianceExplanation(const EquivarianceFrame& f) {
    const EquivarianceRequest& r = f.request;
    const bool resamples = r.rotateDegrees != 0.0 || r.scale != 1.0;
    QString text = QObject::tr(
        "A convolution with stride 1 moves its maps with the input: f(s(x)) = s(f(x)). After a "
        "layer with stride S (a strided convolution or pooling) a shift of d pixels is d / S map "
        "positions, so only shifts that are multiples of S have an exact counterpart on the map.");
    if (resamples) {
        return text + QLatin1Char(' ') +
               QObject::tr(
                   "Rotation and scale are never exact: both the input and the maps are resampled "
                   "(bilinear), and the filters themselves are not rotated.");
    }
    // The first tap whose stride does not divide the shift, and the last exact one before it, with numbers.
    const EquivarianceTapRow* broken = nullptr;
    const EquivarianceTapRow* exactBefore = nullptr;
    for (const EquivarianceTapRow& t : f.taps) {
        if (t.global) break;
        if (!t.exact) {
            broken = &t;
            break;
        }
        exactBefore = &t;
    }
    if (r.dx == 0 && r.dy == 0) return text + QLatin1Char(' ') + QObject::tr("Move dx or dy to see it.");
    if (!broken) {
        return text + QLatin1Char(' ') +
               QObject::tr(
                   "This shift (%1, %2) is a multiple of every tap's stride: the maps move exactly, and what "
                   "remains of the error comes from the borders and the fill.")
                   .arg(r.dx)
                   .arg(r.dy);
    }
    text += QLatin1Char(' ') +
            QObject::tr(
                "Here %1 has stride %2: the shift (%3, %4) is (%5) map positions, which the map can "
                "only approximate by (%6); its error is %7")
                .arg(broken->name)
                .arg(broken->stride)
                .arg(r.dx)
                .arg(r.dy)
                .arg(equivarianceShiftText(broken->exactDx, broken->exactDy))
                .arg(equivarianceShiftText(broken->mapDx, broken->mapDy))
                .arg(equivarianceErrorText(broken->error));
    if (exactBefore)
        text += QObject::tr(", against %1 at %2 (stride %3).")
                    .arg(equivarianceErrorText(exactBefore->error), exactBefore->name)
                    .arg(exactBefore->stride);
    else
        text += QLatin1Char('.');
    return widgets::withTypographicMinus(text);
}

}  // namespace convscope::gui
