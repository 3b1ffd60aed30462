#pragma once

#include <QStringList>
#include <QVector>

namespace convscope::widgets {

/// One axis of an XY plot: a value range, linear or logarithmic (base 10), mapped onto a pixel span, with
/// its ticks. A value type; LinePlotView builds one per axis for each layout.
class PlotAxis {
public:
    struct Ticks {
        QVector<double> major;  ///< labelled, ascending
        QStringList labels;
        QVector<double> minor;  ///< unlabelled (2..9 × 10^n on a log axis with room for them)
    };

    PlotAxis() = default;
    /// `low` < `high` (swapped otherwise); on a log axis both must be positive (else 1..10).
    PlotAxis(double low, double high, bool log);

    double low() const { return m_low; }
    double high() const { return m_high; }
    bool isLog() const { return m_log; }
    /// Pixel positions of low and high (e.g. bottom and top of the plot for y).
    void setPixels(double atLow, double atHigh);

    /// False for NaN and infinities, and for non-positive values on a log axis.
    bool drawable(double value) const;
    /// Pixel of `value`, NaN when not drawable; far outside values are clamped a long way off-screen so that
    /// painters never see huge coordinates.
    double toPixel(double value) const;
    double fromPixel(double pixel) const;

    /// About `target` labelled ticks: round numbers on a linear axis; decades on a log axis (every k-th if
    /// crowded; 1, 2, 5 × 10^n or 1..9 × 10^n when the range spans less than two decades; round linear values
    /// when even those are too few).
    Ticks ticks(int target) const;
    /// Linear axes only: ticks are whole multiples of `step` (1 for counts such as epochs); 0 lifts the rule.
    void setMinTickStep(double step) { m_minStep = step; }

    /// The range auto-scaling gives `values` (NaN and, for log, non-positive values ignored): linear axes
    /// get `padding` (a fraction of the span) on both sides, log axes whole decades. A constant or empty set
    /// gives a sensible unit-wide range. Returns false when no value is usable (range set to the default).
    static bool autoRange(const QVector<double>& values, bool log, double padding, double* low, double* high);

private:
    double transform(double value) const;

    double m_low = 0.0;
    double m_high = 1.0;
    bool m_log = false;
    double m_minStep = 0.0;
    double m_p0 = 0.0;
    double m_p1 = 1.0;
};

}  // namespace convscope::widgets
