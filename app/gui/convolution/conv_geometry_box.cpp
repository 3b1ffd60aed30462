#include "app/gui/convolution/conv_geometry_box.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSpinBox>

namespace convscope::gui {

namespace {

QSpinBox* spin(int lo, int hi, const QString& name, const QString& tip) {
    auto* box = new QSpinBox;
    box->setRange(lo, hi);
    box->setObjectName(name);
    box->setToolTip(tip);
    return box;
}

// "↓ [1]  → [1]": one spin box per axis, rows first as everywhere in the panel.
QWidget* axisPair(QSpinBox* y, QSpinBox* x) {
    auto* row = new QWidget;
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(QStringLiteral("↓")));
    layout->addWidget(y, 1);
    layout->addWidget(new QLabel(QStringLiteral("→")));
    layout->addWidget(x, 1);
    return row;
}

}  // namespace

ConvGeometryBox::ConvGeometryBox(QWidget* parent) : QGroupBox(tr("Geometry"), parent) {
    m_padding = spin(0, 16, QStringLiteral("convPadding"), tr("Padding on every side"));
    m_perSide = new QCheckBox(tr("Per side"));
    m_perSide->setObjectName(QStringLiteral("convPaddingPerSide"));
    m_top = spin(0, 16, QStringLiteral("convPadTop"), tr("Top"));
    m_bottom = spin(0, 16, QStringLiteral("convPadBottom"), tr("Bottom"));
    m_left = spin(0, 16, QStringLiteral("convPadLeft"), tr("Left"));
    m_right = spin(0, 16, QStringLiteral("convPadRight"), tr("Right"));
    m_sides = new QWidget;
    auto* sides = new QHBoxLayout(m_sides);
    sides->setContentsMargins(0, 0, 0, 0);
    const QList<QPair<QString, QSpinBox*>> named = {
        {tr("T"), m_top}, {tr("B"), m_bottom}, {tr("L"), m_left}, {tr("R"), m_right}};
    for (const auto& [label, box] : named) {
        sides->addWidget(new QLabel(label));
        sides->addWidget(box, 1);
    }
    m_paddingMode = new QComboBox;
    m_paddingMode->setObjectName(QStringLiteral("convPaddingMode"));
    m_paddingMode->addItem(tr("Zeros"), static_cast<int>(conv::PaddingMode::Zeros));
    m_paddingMode->addItem(tr("Reflect"), static_cast<int>(conv::PaddingMode::Reflect));
    m_paddingMode->addItem(tr("Replicate"), static_cast<int>(conv::PaddingMode::Replicate));
    m_paddingMode->addItem(tr("Circular"), static_cast<int>(conv::PaddingMode::Circular));
    m_strideY = spin(1, 16, QStringLiteral("convStrideY"), tr("Vertical stride"));
    m_strideX = spin(1, 16, QStringLiteral("convStrideX"), tr("Horizontal stride"));
    m_dilationY = spin(1, 8, QStringLiteral("convDilationY"), tr("Vertical dilation"));
    m_dilationX = spin(1, 8, QStringLiteral("convDilationX"), tr("Horizontal dilation"));
    m_outPadY = spin(0, 15, QStringLiteral("convOutPadY"), tr("Extra output rows at the bottom"));
    m_outPadX = spin(0, 15, QStringLiteral("convOutPadX"), tr("Extra output columns at the right"));
    m_poolSize = spin(1, 16, QStringLiteral("convPoolSize"), tr("Pooling window (square)"));
    m_scale = spin(1, 8, QStringLiteral("convScale"),
                   tr("Upsampling factor S: every input value fills an S×S cell (max unpooling: the pool "
                      "window)"));
    m_includePad = new QCheckBox(tr("Count padding in the mean"));
    m_includePad->setObjectName(QStringLiteral("convCountIncludePad"));
    m_strideRow = axisPair(m_strideY, m_strideX);
    m_dilationRow = axisPair(m_dilationY, m_dilationX);
    m_outPadRow = axisPair(m_outPadY, m_outPadX);

    auto* paddingRow = new QWidget;
    m_paddingRow = paddingRow;
    auto* pr = new QHBoxLayout(paddingRow);
    pr->setContentsMargins(0, 0, 0, 0);
    pr->addWidget(m_padding, 1);
    pr->addWidget(m_perSide);

    auto* form = new QFormLayout(this);
    form->addRow(tr("Padding"), paddingRow);
    form->addRow(QString(), m_sides);
    form->addRow(tr("Padding mode"), m_paddingMode);
    form->addRow(tr("Pool window"), m_poolSize);
    form->addRow(tr("Scale factor"), m_scale);
    form->addRow(tr("Stride"), m_strideRow);
    form->addRow(tr("Dilation"), m_dilationRow);
    form->addRow(tr("Output padding"), m_outPadRow);
    form->addRow(QString(), m_includePad);
    m_sides->setVisible(false);

    connect(m_perSide, &QCheckBox::toggled, this, &ConvGeometryBox::onPerSideToggled);
    connect(m_padding, &QSpinBox::valueChanged, this, [this](int p) {
        if (m_updating) return;
        const QSignalBlocker b1(m_top), b2(m_bottom), b3(m_left), b4(m_right);
        for (QSpinBox* box : {m_top, m_bottom, m_left, m_right}) box->setValue(p);
        emitChanged();
    });
    for (QSpinBox* box : {m_top, m_bottom, m_left, m_right, m_strideX, m_dilationX, m_outPadY, m_outPadX,
                          m_poolSize, m_scale})
        connect(box, &QSpinBox::valueChanged, this, &ConvGeometryBox::emitChanged);
    // The vertical value leads: changing it sets the horizontal one too (square strides are the common case);
    // the horizontal box alone makes them differ.
    connect(m_strideY, &QSpinBox::valueChanged, this, [this](int v) {
        if (m_updating) return;
        const QSignalBlocker block(m_strideX);
        m_strideX->setValue(v);
        emitChanged();
    });
    connect(m_dilationY, &QSpinBox::valueChanged, this, [this](int v) {
        if (m_updating) return;
        const QSignalBlocker block(m_dilationX);
        m_dilationX->setValue(v);
        emitChanged();
    });
    connect(m_paddingMode, &QComboBox::currentIndexChanged, this, &ConvGeometryBox::emitChanged);
    connect(m_includePad, &QCheckBox::toggled, this, &ConvGeometryBox::emitChanged);
}

void ConvGeometryBox::emitChanged() {
    if (!m_updating) Q_EMIT changed();
}

void ConvGeometryBox::onPerSideToggled(bool perSide) {
    m_sides->setVisible(perSide);
    m_padding->setEnabled(!perSide);
    if (!perSide) {
        const QSignalBlocker b1(m_top), b2(m_bottom), b3(m_left), b4(m_right);
        for (QSpinBox* box : {m_top, m_bottom, m_left, m_right}) box->setValue(m_padding->value());
    }
    emitChanged();
}

void ConvGeometryBox::fill(ConvLabSetup& s) const {
    s.padding = {m_top->value(), m_bottom->value(), m_left->value(), m_right->value()};
    s.paddingMode = static_cast<conv::PaddingMode>(m_paddingMode->currentData().toInt());
    s.stride = {m_strideY->value(), m_strideX->value()};
    s.dilation = {m_dilationY->value(), m_dilationX->value()};
    s.outputPadding = {m_outPadY->value(), m_outPadX->value()};
    s.poolSize = m_poolSize->value();
    s.countIncludePad = m_includePad->isChecked();
    s.scale = m_scale->value();
}

void ConvGeometryBox::show(const ConvLabSetup& s) {
    m_updating = true;
    const bool uniform = s.padding == conv::Padding::uniform(s.padding.top);
    m_perSide->setChecked(!uniform);
    m_sides->setVisible(!uniform);
    m_padding->setEnabled(uniform);
    m_padding->setValue(s.padding.top);
    m_top->setValue(s.padding.top);
    m_bottom->setValue(s.padding.bottom);
    m_left->setValue(s.padding.left);
    m_right->setValue(s.padding.right);
    m_paddingMode->setCurrentIndex(m_paddingMode->findData(static_cast<int>(s.paddingMode)));
    m_strideY->setValue(s.stride.y);
    m_strideX->setValue(s.stride.x);
    m_dilationY->setValue(s.dilation.y);
    m_dilationX->setValue(s.dilation.x);
    m_outPadY->setValue(s.outputPadding.y);
    m_outPadX->setValue(s.outputPadding.x);
    m_poolSize->setValue(s.poolSize);
    m_includePad->setChecked(s.countIncludePad);
    m_scale->setValue(s.scale);
    m_updating = false;

    const bool pooling = s.mode == ConvMode::MaxPool || s.mode == ConvMode::AvgPool;
    const bool transposed = s.mode == ConvMode::Transposed;
    // Upsampling has a scale factor and nothing else.
    const bool upsampling = isUpsamplingMode(s.mode);
    setRowVisible(m_scale, upsampling);
    setRowVisible(m_paddingRow, !upsampling);
    setRowVisible(m_strideRow, !upsampling);
    setRowVisible(m_paddingMode, !pooling && !transposed && !upsampling);
    setRowVisible(m_poolSize, pooling);
    setRowVisible(m_dilationRow, s.mode != ConvMode::AvgPool && !upsampling);
    setRowVisible(m_outPadRow, transposed);
    setRowVisible(m_includePad, s.mode == ConvMode::AvgPool);
}

void ConvGeometryBox::setRowVisible(QWidget* field, bool visible) {
    auto* form = static_cast<QFormLayout*>(layout());
    form->setRowVisible(field, visible);
}

}  // namespace convscope::gui
