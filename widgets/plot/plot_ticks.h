#pragma once

#include <QString>
#include <QStringList>
#include <QVector>

namespace convscope::widgets {

/// Tick positions and labels shared by the plot views (HeatmapView, LinePlotView), so that axes read alike.

/// A round step (1, 2, 2.5 or 5 times a power of ten) that splits `span` into about `target` intervals,
/// never smaller than `minStep` (e.g. 1 for integer indices) and, when minStep is positive, a whole multiple
/// of it. 0 when `span` is not a positive finite number.
double niceStep(double span, int target, double minStep = 0.0);
/// The multiples of niceStep(high - low, target, minStep) within [low, high] (order of low and high does
/// not matter), ascending. Values within a millionth of a step of zero are exactly 0. Empty when the range
/// is empty or not finite.
QVector<double> niceTicks(double low, double high, int target, double minStep = 0.0);
/// Labels for evenly spaced ticks: compact numbers ("−0.25", "0", "1e−5") with just enough significant
/// digits to tell neighbours apart.
QStringList tickLabels(const QVector<double>& ticks);
/// Label of the decade 10^exponent on a logarithmic axis: plain decimals ("0.001" … "10000") when `plain`,
/// otherwise a power with a superscript exponent ("10⁻⁵").
QString decadeLabel(int exponent, bool plain);
/// True when every decade in [lowest, highest] reads well as a plain decimal (10⁻³ … 10⁴).
bool plainDecades(int lowest, int highest);

}  // namespace convscope::widgets
