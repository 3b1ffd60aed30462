#include "app/gui/filters/param_control.h"

#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QSignalBlocker>
#include <QSlider>

#include <algorithm>
#include <cmath>

namespace convscope::gui {

namespace {

// Enough decimals to show every step exactly (0.05 -> 2, 0.5 -> 1, 5 -> 0).
int decimalsFor(double step) {
    for (int d = 0; d < 4; ++d) {
        const double scaled = step * std::pow(10.0, d);
        if (std::abs(scaled - std::round(scaled)) < 1e-9) return d;
    }
    return 4;
}

}  // namespace

ParamControl::ParamControl(const imaging::ParamSpec& spec, QWidget* parent) : QWidget(parent), m_spec(spec) {
    const QString key = QString::fromStdString(spec.key);
    setObjectName(key + QStringLiteral("Param"));
    m_step = spec.step > 0 ? spec.step : 1.0;
    m_minimum = spec.minimum;
    if (spec.oddOnly) {
        m_step = std::max(2.0, std::round(m_step / 2.0) * 2.0);
        if (std::fmod(std::abs(std::round(m_minimum)), 2.0) == 0.0) m_minimum = std::round(m_minimum) + 1.0;
    } else if (spec.integer) {
        m_step = std::max(1.0, std::round(m_step));
    }

    m_decimals = spec.integer ? 0 : std::max(decimalsFor(m_step), decimalsFor(m_minimum));

    m_slider = new QSlider(Qt::Horizontal);
    m_slider->setObjectName(key + QStringLiteral("Slider"));
    m_maxPosition = std::max(0, static_cast<int>(std::floor((spec.maximum - m_minimum) / m_step + 1e-9)));
    m_slider->setRange(0, m_maxPosition);
    m_slider->setPageStep(std::max(1, m_slider->maximum() / 10));

    m_spin = new QDoubleSpinBox;
    m_spin->setObjectName(key + QStringLiteral("Spin"));
    m_spin->setDecimals(m_decimals);
    m_spin->setRange(m_minimum, spec.maximum);
    m_spin->setSingleStep(m_step);
    // A value is taken when confirmed, not per keystroke: typing "21" must not pass through "2".
    m_spin->setKeyboardTracking(false);
    m_spin->setAccelerated(true);
    if (!spec.unit.empty()) {
        const QString unit = QString::fromStdString(spec.unit);
        m_spin->setSuffix(unit == QStringLiteral("°") ? unit : QStringLiteral(" ") + unit);
    }
    m_spin->setMinimumWidth(m_spin->fontMetrics().horizontalAdvance(QStringLiteral("-180.00 px")) + 24);

    QString tip =
        QString::fromStdString(spec.label) + QStringLiteral(": %1 to %2").arg(m_minimum).arg(spec.maximum);
    if (spec.oddOnly) tip += tr(", odd values only (the kernel needs a centre)");
    if (!spec.unit.empty()) tip += QStringLiteral(" ") + QString::fromStdString(spec.unit);
    m_slider->setToolTip(tip);
    m_spin->setToolTip(tip);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_slider, 1);
    layout->addWidget(m_spin);

    showValue(snapped(spec.defaultValue));
    connect(m_slider, &QSlider::valueChanged, this, &ParamControl::onSlider);
    connect(m_spin, &QDoubleSpinBox::valueChanged, this, &ParamControl::onSpin);
}

void ParamControl::setValue(double value) {
    showValue(snapped(value));
}

double ParamControl::snapped(double value) const {
    if (!std::isfinite(value)) value = m_spec.defaultValue;
    const int position = std::clamp(positionOf(value), 0, m_maxPosition);
    return valueAt(position);
}

double ParamControl::valueAt(int position) const {
    // Rounded to the shown decimals, so 0.1 + 2 * 0.1 is the 0.3 a user reads, not 0.30000000000000004.
    const double scale = std::pow(10.0, m_decimals);
    return std::round((m_minimum + position * m_step) * scale) / scale;
}

int ParamControl::positionOf(double value) const {
    return static_cast<int>(std::lround((value - m_minimum) / m_step));
}

void ParamControl::onSlider(int position) {
    const double v = valueAt(position);
    if (v == m_value) return;
    showValue(v);
    Q_EMIT valueChanged(m_value);
}

void ParamControl::onSpin(double value) {
    const double v = snapped(value);
    if (v == m_value) {
        if (v != value) showValue(v);  // e.g. an even size typed: show the odd value actually used
        return;
    }
    showValue(v);
    Q_EMIT valueChanged(m_value);
}

void ParamControl::showValue(double value) {
    m_value = value;
    const QSignalBlocker blockSlider(m_slider);
    const QSignalBlocker blockSpin(m_spin);
    m_slider->setValue(positionOf(value));
    m_spin->setValue(value);
}

}  // namespace convscope::gui
