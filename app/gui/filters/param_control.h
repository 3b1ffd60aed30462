#pragma once

#include <QWidget>

#include "core/imaging/kernel_library.h"

class QSlider;
class QDoubleSpinBox;

namespace convscope::gui {

/// One preset parameter: a slider and a spin box kept in step, built from its ParamSpec. Only valid values
/// can be chosen: the slider moves in the spec's steps (odd sizes step by 2), and a typed value is snapped to
/// the nearest valid one when the user confirms it. Child object names: "<key>Slider", "<key>Spin".
class ParamControl : public QWidget {
    Q_OBJECT
public:
    explicit ParamControl(const imaging::ParamSpec& spec, QWidget* parent = nullptr);

    const imaging::ParamSpec& spec() const { return m_spec; }
    double value() const { return m_value; }
    /// Sets the value (snapped to a valid one) without emitting valueChanged.
    void setValue(double value);
    QSlider* slider() const { return m_slider; }
    QDoubleSpinBox* spinBox() const { return m_spin; }

Q_SIGNALS:
    void valueChanged(double value);

private:
    double snapped(double value) const;
    double valueAt(int position) const;
    int positionOf(double value) const;
    void onSlider(int position);
    void onSpin(double value);
    void showValue(double value);

    imaging::ParamSpec m_spec;
    double m_step = 1.0;
    double m_minimum = 0.0;
    double m_value = 0.0;
    int m_decimals = 0;
    int m_maxPosition = 0;
    QSlider* m_slider = nullptr;
    QDoubleSpinBox* m_spin = nullptr;
};

}  // namespace convscope::gui
