#include "app/gui/convolution/conv_controls.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QMenu>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

#include "app/gui/convolution/conv_geometry_box.h"
#include "app/gui/convolution/conv_input_box.h"
#include "app/gui/filters/kernel_controls.h"
#include "core/conv/worked_examples.h"

namespace convscope::gui {

namespace {

// No kernel and no filter bank: pooling and the upsampling modes.
bool isPooling(ConvMode m) {
    return m == ConvMode::MaxPool || m == ConvMode::AvgPool || isUpsamplingMode(m);
}
bool usesOneChannel(ConvMode m) {
    return m == ConvMode::Single || m == ConvMode::Dilated || m == ConvMode::Transposed;
}

}  // namespace

ConvControls::ConvControls(const ImageDocument* document, QWidget* parent) : QWidget(parent) {
    m_examples = new QToolButton;
    m_examples->setObjectName(QStringLiteral("convExamples"));
    m_examples->setText(tr("Worked examples"));
    m_examples->setToolTip(tr("The seeds' worked examples of the output-size formula, in one click"));
    m_examples->setPopupMode(QToolButton::InstantPopup);
    m_examples->setToolButtonStyle(Qt::ToolButtonTextOnly);
    auto* menu = new QMenu(m_examples);
    const auto& examples = conv::workedExamples();
    for (int i = 0; i < static_cast<int>(examples.size()); ++i) {
        QAction* action = menu->addAction(QString::fromStdString(examples[i].title));
        action->setToolTip(QString::fromStdString(examples[i].source));
        connect(action, &QAction::triggered, this, [this, i] { loadExample(i); });
    }
    m_examples->setMenu(menu);

    m_mode = new QComboBox;
    m_mode->setObjectName(QStringLiteral("convMode"));
    for (int i = 0; i <= static_cast<int>(kLastConvMode); ++i)
        m_mode->addItem(modeTitle(static_cast<ConvMode>(i)), modeId(static_cast<ConvMode>(i)));
    m_description = new QLabel;
    m_description->setWordWrap(true);
    m_description->setObjectName(QStringLiteral("convModeDescription"));

    m_input = new ConvInputBox(document);
    m_kernel = new KernelControls;
    m_kernel->setTitle(tr("Kernel"));

    m_bank = new QGroupBox(tr("Filters"));
    m_fill = new QComboBox;
    m_fill->setObjectName(QStringLiteral("convWeightFill"));
    m_fill->addItem(tr("The kernel in every slice"), static_cast<int>(ConvWeightFill::KernelEverywhere));
    m_fill->addItem(tr("Random integers −2…2"), static_cast<int>(ConvWeightFill::RandomIntegers));
    m_outChannels = new QSpinBox;
    m_outChannels->setObjectName(QStringLiteral("convOutChannels"));
    m_outChannels->setRange(1, 128);
    m_groups = new QSpinBox;
    m_groups->setObjectName(QStringLiteral("convGroups"));
    m_groups->setRange(1, kMaxConvChannels);
    m_useBias = new QCheckBox(tr("Bias"));
    m_bias = new QDoubleSpinBox;
    m_bias->setRange(-100, 100);
    m_bias->setDecimals(2);
    m_bankNote = new QLabel;
    m_bankNote->setWordWrap(true);
    auto* bankForm = new QFormLayout(m_bank);
    bankForm->addRow(tr("Weights"), m_fill);
    bankForm->addRow(tr("Filters (C_out)"), m_outChannels);
    bankForm->addRow(tr("Groups"), m_groups);
    bankForm->addRow(m_useBias, m_bias);
    bankForm->addRow(m_bankNote);

    m_geometry = new ConvGeometryBox;

    auto* top = new QFormLayout;
    top->addRow(tr("Mode"), m_mode);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_examples);
    layout->addLayout(top);
    layout->addWidget(m_description);
    layout->addWidget(m_input);
    layout->addWidget(m_kernel);
    layout->addWidget(m_bank);
    layout->addWidget(m_geometry);
    layout->addStretch(1);

    connect(m_mode, &QComboBox::currentIndexChanged, this, &ConvControls::onModeChanged);
    connect(m_input, &ConvInputBox::changed, this, &ConvControls::emitChanged);
    connect(m_kernel, &KernelControls::kernelChanged, this, &ConvControls::emitChanged);
    connect(m_geometry, &ConvGeometryBox::changed, this, &ConvControls::emitChanged);
    connect(m_fill, &QComboBox::currentIndexChanged, this, &ConvControls::emitChanged);
    connect(m_outChannels, &QSpinBox::valueChanged, this, &ConvControls::emitChanged);
    connect(m_groups, &QSpinBox::valueChanged, this, &ConvControls::emitChanged);
    connect(m_useBias, &QCheckBox::toggled, this, [this](bool on) {
        m_bias->setEnabled(on);
        emitChanged();
    });
    connect(m_bias, &QDoubleSpinBox::valueChanged, this, &ConvControls::emitChanged);

    setSetup(ConvLabSetup::defaultsFor(ConvMode::Single));
}

ConvLabSetup ConvControls::setup() const {
    ConvLabSetup s;
    s.mode = modeFromId(m_mode->currentData().toString());
    m_input->fill(s);
    s.kernel = m_kernel->kernel();
    s.fill = static_cast<ConvWeightFill>(m_fill->currentData().toInt());
    s.outChannels = m_outChannels->value();
    s.groups = m_groups->value();
    s.useBias = m_useBias->isChecked();
    s.bias = m_bias->value();
    m_geometry->fill(s);
    s.seed = m_seed;
    if (usesOneChannel(s.mode)) s.channels = 1;
    if (s.mode == ConvMode::Single || s.mode == ConvMode::Dilated) {
        s.outChannels = 1;
        s.groups = 1;
    }
    return s;
}

void ConvControls::setSetup(const ConvLabSetup& setup) {
    m_updating = true;
    {
        const QSignalBlocker b1(m_mode), b2(m_fill), b3(m_outChannels), b4(m_groups), b5(m_useBias),
            b6(m_bias);
        m_mode->setCurrentIndex(m_mode->findData(modeId(setup.mode)));
        m_fill->setCurrentIndex(m_fill->findData(static_cast<int>(setup.fill)));
        m_outChannels->setValue(setup.outChannels);
        m_groups->setValue(setup.groups);
        m_useBias->setChecked(setup.useBias);
        m_bias->setValue(setup.bias);
        m_bias->setEnabled(setup.useBias);
    }
    m_input->show(setup);
    m_kernel->showMatchingKernel(setup.kernel);
    m_geometry->show(setup);
    m_seed = setup.seed;
    adaptToMode(setup);
    m_updating = false;
    Q_EMIT setupChanged();
}

void ConvControls::selectMode(ConvMode mode) {
    m_mode->setCurrentIndex(m_mode->findData(modeId(mode)));
}

void ConvControls::onModeChanged() {
    if (m_updating) return;
    setSetup(ConvLabSetup::defaultsFor(modeFromId(m_mode->currentData().toString())));
}

void ConvControls::adaptToMode(const ConvLabSetup& s) {
    m_description->setText(modeDescription(s.mode));
    const bool pooling = isPooling(s.mode);
    m_kernel->setVisible(!pooling);
    m_bank->setVisible(!pooling && s.mode != ConvMode::Single && s.mode != ConvMode::Dilated);
    m_input->setFixedChannels(usesOneChannel(s.mode) ? 1 : 0);
    m_groups->setEnabled(s.mode == ConvMode::Grouped || s.mode == ConvMode::Transposed);
    m_outChannels->setEnabled(s.mode != ConvMode::Depthwise);
    switch (s.mode) {
        case ConvMode::Depthwise:
            m_bankNote->setText(tr("Depthwise: groups and filters equal the channel count."));
            break;
        case ConvMode::Pointwise:
            m_bankNote->setText(tr("Pointwise: every filter is 1×1×C_in, one weight per input channel."));
            break;
        default:
            m_bankNote->setText(s.fill == ConvWeightFill::RandomIntegers
                                    ? tr("Random integers: the kernel's size is used, its values are not.")
                                    : tr("Every (filter, channel) slice holds the kernel above."));
            break;
    }
}

void ConvControls::emitChanged() {
    if (m_updating) return;
    // Notes that depend on the current values (fill) follow the controls.
    adaptToMode(setup());
    Q_EMIT setupChanged();
}

void ConvControls::loadExample(int index) {
    const auto& examples = conv::workedExamples();
    if (index < 0 || index >= static_cast<int>(examples.size())) return;
    const conv::WorkedExample& ex = examples[static_cast<size_t>(index)];
    ConvLabSetup s;
    const bool pool = conv::isPooling(ex.spec.op);
    if (pool)
        s.mode = ex.spec.op == conv::Operation::MaxPool ? ConvMode::MaxPool : ConvMode::AvgPool;
    else
        s.mode = (ex.inChannels > 1 || ex.outChannels > 1) ? ConvMode::MultiChannel : ConvMode::Single;
    s.source = ex.inputSize <= 7 ? ConvInputSource::Sequence : ConvInputSource::Random;
    s.channels = ex.inChannels;
    s.height = s.width = ex.inputSize;
    s.outChannels = pool ? ex.inChannels : ex.outChannels;
    s.padding = ex.spec.padding;
    s.stride = ex.spec.stride;
    s.dilation = ex.spec.dilation;
    s.poolSize = ex.spec.poolKernel.y;
    if (!pool) {
        if (ex.kernel == 3 && s.mode == ConvMode::Single) {
            s.kernel = common::Kernel(3, 3, {-1, 0, 1, -2, 0, 2, -1, 0, 1});
        } else {
            s.kernel = common::Kernel(ex.kernel, ex.kernel, std::vector<double>(ex.kernel * ex.kernel, 1.0));
            s.fill = ConvWeightFill::RandomIntegers;
        }
    }
    setSetup(s);
    Q_EMIT exampleLoaded(QString::fromStdString(ex.title), tr("%1×%2×%3 (C×H×W), as the seed states")
                                                               .arg(ex.expectedChannels)
                                                               .arg(ex.expectedSize)
                                                               .arg(ex.expectedSize));
}

}  // namespace convscope::gui
