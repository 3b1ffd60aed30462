#pragma once

#include <QGroupBox>

#include "app/gui/convolution/conv_lab_setup.h"

class QCheckBox;
class QComboBox;
class QSpinBox;
class QWidget;

namespace convscope::gui {

/// The "Geometry" group: padding (uniform or per side) and its mode, stride and dilation per axis, output
/// padding (transposed), pooling window and count_include_pad, the upsampling scale factor. Rows that do not
/// apply to the mode are hidden.
class ConvGeometryBox : public QGroupBox {
    Q_OBJECT
public:
    explicit ConvGeometryBox(QWidget* parent = nullptr);

    void fill(ConvLabSetup& setup) const;
    /// Shows `setup` without emitting changed(), and adapts the visible rows to its mode.
    void show(const ConvLabSetup& setup);

    QSpinBox* paddingBox() const { return m_padding; }
    QSpinBox* strideBox() const { return m_strideY; }
    QSpinBox* dilationBox() const { return m_dilationY; }
    QComboBox* paddingModeCombo() const { return m_paddingMode; }
    QSpinBox* scaleBox() const { return m_scale; }

Q_SIGNALS:
    void changed();

private:
    void setRowVisible(QWidget* field, bool visible);
    void onPerSideToggled(bool perSide);
    void emitChanged();

    QSpinBox* m_padding = nullptr;
    QCheckBox* m_perSide = nullptr;
    QWidget* m_sides = nullptr;
    QSpinBox* m_top = nullptr;
    QSpinBox* m_bottom = nullptr;
    QSpinBox* m_left = nullptr;
    QSpinBox* m_right = nullptr;
    QComboBox* m_paddingMode = nullptr;
    QSpinBox* m_strideY = nullptr;
    QSpinBox* m_strideX = nullptr;
    QCheckBox* m_linkStride = nullptr;
    QSpinBox* m_dilationY = nullptr;
    QSpinBox* m_dilationX = nullptr;
    QSpinBox* m_outPadY = nullptr;
    QSpinBox* m_outPadX = nullptr;
    QSpinBox* m_poolSize = nullptr;
    QCheckBox* m_includePad = nullptr;
    QSpinBox* m_scale = nullptr;
    QWidget* m_paddingRow = nullptr;
    QWidget* m_strideRow = nullptr;
    QWidget* m_dilationRow = nullptr;
    QWidget* m_outPadRow = nullptr;
    bool m_updating = false;
};

}  // namespace convscope::gui
