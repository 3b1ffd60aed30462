#include "app/gui/frequency/frequency_controls.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QRadioButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

#include "app/gui/filters/kernel_controls.h"
#include "app/gui/frequency/frequency_panel_state.h"
#include "core/imaging/kernel_library.h"

namespace convscope::gui {

namespace {
const QString kSeedGaussian = QStringLiteral("seed-binomial-5x5");
}  // namespace

common::Kernel seedBinomialGaussian() {
    const double row[5] = {1, 4, 6, 4, 1};
    std::vector<double> values;
    for (double a : row)
        for (double b : row) values.push_back(a * b / 256.0);
    return common::Kernel(5, 5, values);
}

FrequencyControls::FrequencyControls(QWidget* parent) : QWidget(parent) {
    auto* kernelBox = new QGroupBox(tr("Kernel"));
    m_follow = new QRadioButton(tr("The Filters panel's kernel"));
    m_follow->setObjectName(QStringLiteral("freqFollow"));
    m_follow->setToolTip(
        tr("Follow the kernel being edited in the Filters panel: every change updates the plots"));
    m_followLabel = new QLabel;
    m_followLabel->setObjectName(QStringLiteral("freqFollowLabel"));
    m_followLabel->setWordWrap(true);
    m_followLabel->setIndent(22);
    m_own = new QRadioButton(tr("A kernel chosen here"));
    m_own->setObjectName(QStringLiteral("freqOwn"));
    auto* group = new QButtonGroup(this);
    group->addButton(m_follow);
    group->addButton(m_own);
    m_follow->setChecked(true);
    m_kernel = new KernelControls;
    m_kernel->setTitle(QString());
    m_kernel->setFlat(true);
    m_kernel->selectPreset(QStringLiteral("sobel-x"));
    auto* kernelLayout = new QVBoxLayout(kernelBox);
    kernelLayout->addWidget(m_follow);
    kernelLayout->addWidget(m_followLabel);
    kernelLayout->addWidget(m_own);
    kernelLayout->addWidget(m_kernel);

    auto* compareBox = new QGroupBox(tr("Compare with"));
    m_compare = new QComboBox;
    m_compare->setObjectName(QStringLiteral("freqCompare"));
    m_compare->addItem(tr("Nothing"), QString());
    m_compare->addItem(tr("5×5 binomial Gaussian (the seed's plot)"), kSeedGaussian);
    for (const imaging::PresetInfo& p : imaging::kernelPresets())
        m_compare->addItem(QString::fromStdString(p.title), QString::fromStdString(p.name));
    m_compare->setCurrentIndex(1);
    auto* compareLayout = new QVBoxLayout(compareBox);
    compareLayout->addWidget(m_compare);

    auto* transformBox = new QGroupBox(tr("Transform"));
    m_size = new QSpinBox;
    m_size->setObjectName(QStringLiteral("freqSize"));
    m_size->setRange(spectral::kMinResponseSize, spectral::kMaxResponseSize);
    m_size->setValue(256);
    m_size->setSuffix(tr(" × N"));
    m_size->setToolTip(
        tr("The kernel is zero-padded to N × N before the DFT: a larger N samples the same "
           "continuous response more finely"));
    m_scale = new QComboBox;
    m_scale->setObjectName(QStringLiteral("freqScale"));
    m_scale->addItem(tr("ln(1 + |H|), the seed's"), int(spectral::MagnitudeScale::Log1p));
    m_scale->addItem(tr("|H|, linear"), int(spectral::MagnitudeScale::Linear));
    m_scale->addItem(tr("20 log₁₀ |H| (dB)"), int(spectral::MagnitudeScale::Decibel));
    m_origin = new QComboBox;
    m_origin->setObjectName(QStringLiteral("freqOrigin"));
    m_origin->addItem(tr("Kernel centre at the origin"), int(spectral::KernelOrigin::Anchor));
    m_origin->addItem(tr("Top-left at the origin (numpy fft2)"), int(spectral::KernelOrigin::Corner));
    m_origin->setToolTip(
        tr("Centred, the phase shows the kernel's own symmetry (0 or π for symmetric kernels, "
           "±π/2 for odd ones); top-left, as np.fft.fft2(kernel, s=(N, N)) in the seed, it "
           "also carries the ramp of that shift"));
    m_of = new QComboBox;
    m_of->setObjectName(QStringLiteral("freqOf"));
    m_of->addItem(tr("Convolution (the seed's)"), int(spectral::ResponseOf::Convolution));
    m_of->addItem(tr("Correlation (CNN layers)"), int(spectral::ResponseOf::Correlation));
    m_of->setToolTip(
        tr("Correlation with a kernel has the response of the kernel rotated by 180°: the same "
           "magnitude, the phase negated"));
    auto* form = new QFormLayout(transformBox);
    form->addRow(tr("Size"), m_size);
    form->addRow(tr("Magnitude"), m_scale);
    form->addRow(tr("Origin"), m_origin);
    form->addRow(tr("Response of"), m_of);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(kernelBox);
    layout->addWidget(compareBox);
    layout->addWidget(transformBox);
    layout->addStretch(1);

    auto emitChanged = [this] {
        updateEnabled();
        Q_EMIT changed();
    };
    connect(m_follow, &QRadioButton::toggled, this, emitChanged);
    connect(m_kernel, &KernelControls::kernelChanged, this, [this, emitChanged] {
        m_ownTitle.clear();
        emitChanged();
    });
    connect(m_compare, &QComboBox::currentIndexChanged, this, emitChanged);
    connect(m_size, &QSpinBox::valueChanged, this, emitChanged);
    for (QComboBox* c : {m_scale, m_origin, m_of})
        connect(c, &QComboBox::currentIndexChanged, this, emitChanged);
    updateEnabled();
}

void FrequencyControls::setFiltersKernel(const common::Kernel& kernel, const QString& title,
                                         imaging::CorrelationMode mode) {
    m_filtersKernel = kernel;
    m_filtersTitle = title;
    m_filtersMode = mode;
    m_followLabel->setText(tr("%1, %2×%3").arg(title).arg(kernel.rows()).arg(kernel.cols()));
    if (followsFilters()) Q_EMIT changed();
}

QString FrequencyControls::showOwnKernel(const common::Kernel& kernel, const QString& title) {
    {
        const QSignalBlocker block(m_kernel);
        const QString refused = m_kernel->showMatchingKernel(kernel);
        if (!refused.isEmpty()) return refused;
    }
    m_ownTitle = title;
    {
        const QSignalBlocker block(m_own);
        m_own->setChecked(true);
    }
    updateEnabled();
    Q_EMIT changed();
    return {};
}

void FrequencyControls::writeState(FrequencyPanelState& state) const {
    state.followFilters = followsFilters();
    state.ownPreset = m_kernel->presetName();
    state.ownParams = m_kernel->paramValues();
    state.ownCustom.reset();
    if (state.ownPreset == KernelControls::kCustom) state.ownCustom = m_kernel->kernel();
    state.compare = m_compare->currentData().toString();
    state.size = m_size->value();
    state.scale = m_scale->currentData().toInt();
    state.origin = m_origin->currentData().toInt();
    state.of = m_of->currentData().toInt();
}

void FrequencyControls::readState(const FrequencyPanelState& state) {
    {
        // One changed() at the end rather than one per field.
        const QSignalBlocker blockThis(this);
        const bool custom = state.ownPreset == KernelControls::kCustom && state.ownCustom &&
                            m_kernel->setCustomKernel(*state.ownCustom).isEmpty();
        if (!custom) m_kernel->selectPreset(state.ownPreset, state.ownParams);
        (state.followFilters ? m_follow : m_own)->setChecked(true);
        if (const int i = m_compare->findData(state.compare); i >= 0) m_compare->setCurrentIndex(i);
        m_size->setValue(state.size);
        for (auto [combo, value] : {std::pair<QComboBox*, int>{m_scale, state.scale},
                                    std::pair<QComboBox*, int>{m_origin, state.origin},
                                    std::pair<QComboBox*, int>{m_of, state.of}}) {
            if (const int i = combo->findData(value); i >= 0) combo->setCurrentIndex(i);
        }
        m_ownTitle.clear();
    }
    updateEnabled();
    Q_EMIT changed();
}

bool FrequencyControls::followsFilters() const {
    return m_follow->isChecked();
}

common::Kernel FrequencyControls::kernelA() const {
    return followsFilters() ? m_filtersKernel : m_kernel->kernel();
}

QString FrequencyControls::titleA() const {
    if (followsFilters()) return m_filtersTitle.isEmpty() ? tr("Identity") : m_filtersTitle;
    return m_ownTitle.isEmpty() ? m_kernel->presetTitle() : m_ownTitle;
}

spectral::ResponseOptions FrequencyControls::options() const {
    spectral::ResponseOptions o;
    o.size = m_size->value();
    o.origin = static_cast<spectral::KernelOrigin>(m_origin->currentData().toInt());
    o.of = static_cast<spectral::ResponseOf>(m_of->currentData().toInt());
    return o;
}

spectral::MagnitudeScale FrequencyControls::scale() const {
    return static_cast<spectral::MagnitudeScale>(m_scale->currentData().toInt());
}

ResponseRequest FrequencyControls::requestA() const {
    return {0, kernelA(), titleA(), options(), scale()};
}

std::optional<ResponseRequest> FrequencyControls::requestB() const {
    const QString name = m_compare->currentData().toString();
    if (name.isEmpty()) return std::nullopt;
    const common::Kernel kernel =
        name == kSeedGaussian ? seedBinomialGaussian() : imaging::makeKernel(name.toStdString());
    const QString title = name == kSeedGaussian ? tr("Binomial 5×5 (seed)") : m_compare->currentText();
    return ResponseRequest{1, kernel, title, options(), scale()};
}

void FrequencyControls::updateEnabled() {
    m_kernel->setEnabled(!followsFilters());
    m_followLabel->setEnabled(followsFilters());
}

}  // namespace convscope::gui
