#include "app/gui/filters/filter_options_box.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QRadioButton>
#include <QVBoxLayout>

#include "widgets/common/number_text.h"

namespace convscope::gui {

namespace {

using imaging::BorderMode;
using imaging::SignedDisplay;

QRadioButton* radio(const QString& text, const QString& name, const QString& tip) {
    auto* button = new QRadioButton(text);
    button->setObjectName(name);
    button->setToolTip(tip);
    return button;
}

QWidget* row(std::initializer_list<QWidget*> widgets) {
    auto* box = new QWidget;
    auto* layout = new QHBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    for (QWidget* w : widgets) layout->addWidget(w);
    layout->addStretch(1);
    return box;
}

}  // namespace

FilterOptionsBox::FilterOptionsBox(QWidget* parent) : QGroupBox(tr("Options"), parent) {
    setObjectName(QStringLiteral("optionsGroup"));

    // The textbook writes the sliding sum with + signs: that is correlation, which is also what CNN layers
    // compute. Convolution proper flips the kernel; both formulas are in the tooltip so the difference shows.
    const QString formulas = tr(
        "<p><b>Correlation</b> (the textbook's formula, and what CNN layers compute):<br>"
        "out(x, y) = Σ<sub>i</sub> Σ<sub>j</sub> I(x + i, y + j) · K(i, j)</p>"
        "<p><b>Convolution</b> (signal processing; the kernel is rotated by 180° first):<br>"
        "out(x, y) = Σ<sub>i</sub> Σ<sub>j</sub> I(x − i, y − j) · K(i, j)</p>"
        "<p>i and j run over the kernel, from −a to a and −b to b around its centre. "
        "For symmetric kernels (blurs) both give the same result; for Sobel or emboss the sign flips.</p>");
    m_correlate = radio(tr("Correlation"), QStringLiteral("correlateRadio"), formulas);
    m_convolve = radio(tr("Convolution"), QStringLiteral("convolveRadio"), formulas);
    auto* modeGroup = new QButtonGroup(this);
    modeGroup->addButton(m_correlate);
    modeGroup->addButton(m_convolve);

    m_border = new QComboBox;
    m_border->setObjectName(QStringLiteral("borderCombo"));
    const struct {
        BorderMode mode;
        QString title;
        QString pattern;
        QString meaning;
    } borders[] = {
        {BorderMode::Zero, tr("Zero"), QStringLiteral("000000|abcdefgh|0000000"),
         tr("Zeros outside, as a CNN's zero padding: edges darken")},
        {BorderMode::Reflect101, tr("Reflect 101"), QStringLiteral("gfedcb|abcdefgh|gfedcba"),
         tr("Mirror without repeating the edge pixel (OpenCV's default)")},
        {BorderMode::Replicate, tr("Replicate"), QStringLiteral("aaaaaa|abcdefgh|hhhhhhh"),
         tr("The edge pixel repeated")},
        {BorderMode::Wrap, tr("Wrap"), QStringLiteral("cdefgh|abcdefgh|abcdefg"),
         tr("Periodic: the opposite edge, as the Fourier transform assumes")},
    };
    QString borderTip = tr("How pixels outside the image are invented when the kernel overhangs the edge:");
    for (const auto& b : borders) {
        m_border->addItem(b.title, QString::fromStdString(imaging::toString(b.mode)));
        const QString tip = QStringLiteral("<tt>%1</tt><br>%2").arg(b.pattern, b.meaning);
        m_border->setItemData(m_border->count() - 1, tip, Qt::ToolTipRole);
        borderTip += QStringLiteral("<br><b>%1</b> <tt>%2</tt>").arg(b.title, b.pattern);
    }
    m_border->setToolTip(borderTip);

    m_colour = radio(tr("Colour, per channel"), QStringLiteral("colourRadio"),
                     tr("Filter the red, green and blue channels separately"));
    m_gray = radio(tr("Grayscale"), QStringLiteral("grayscaleRadio"),
                   tr("Convert to luminance first (0.299 R + 0.587 G + 0.114 B), then filter one channel"));
    auto* colourGroup = new QButtonGroup(this);
    colourGroup->addButton(m_colour);
    colourGroup->addButton(m_gray);

    m_displayGroup = new QButtonGroup(this);
    const struct {
        SignedDisplay mode;
        QString text;
        QString name;
        QString tip;
    } displays[] = {
        {SignedDisplay::Clip, tr("Clip to 0–255"), QStringLiteral("clipRadio"),
         tr("Values below 0 show black, above 255 white: right for blurs, hides negative edges")},
        {SignedDisplay::Absolute, tr("Absolute value"), QStringLiteral("absRadio"),
         tr("|value|, clipped to 255: edge strength whatever its sign")},
        {SignedDisplay::Offset, tr("Offset around mid-grey"), QStringLiteral("offsetRadio"),
         tr("128 + value / 2: zero is mid-grey, negative darker, positive lighter")},
        {SignedDisplay::Diverging, tr("Diverging colormap"), QStringLiteral("divergingRadio"),
         tr("Blue for negative, light grey for zero, red for positive, scaled to the largest |value|")},
    };
    auto* displayBox = new QWidget;
    auto* displayLayout = new QVBoxLayout(displayBox);
    displayLayout->setContentsMargins(0, 0, 0, 0);
    displayLayout->setSpacing(2);
    for (const auto& d : displays) {
        QRadioButton* button = radio(d.text, d.name, d.tip);
        m_displayGroup->addButton(button, static_cast<int>(d.mode));
        displayLayout->addWidget(button);
    }
    m_stretch = new QCheckBox(tr("Stretch to range"));
    m_stretch->setObjectName(QStringLiteral("stretchCheck"));
    m_stretch->setToolTip(
        tr("Scale by the result's true range instead of the fixed 0–255 scale, so faint "
           "results become visible (the colour bar shows the scale)"));
    displayLayout->addWidget(m_stretch);

    m_range = new QLabel;
    m_range->setObjectName(QStringLiteral("rangeLabel"));
    m_range->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_range->setToolTip(
        tr("The true minimum and maximum of the filter output over all pixels and channels, "
           "before any clipping for display"));
    m_timing = new QLabel;
    m_timing->setObjectName(QStringLiteral("timingLabel"));
    m_timing->setForegroundRole(QPalette::PlaceholderText);
    m_error = new QLabel;
    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_error->hide();

    auto* form = new QFormLayout(this);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("Operation"), row({m_correlate, m_convolve}));
    form->addRow(tr("Border"), m_border);
    form->addRow(tr("Channels"), row({m_colour, m_gray}));
    form->addRow(tr("Display"), displayBox);
    form->addRow(m_range);
    form->addRow(m_timing);
    form->addRow(m_error);

    setOptions({});
    setDisplay({});
    connect(modeGroup, &QButtonGroup::buttonToggled, this, [this](QAbstractButton*, bool on) {
        if (on) onChanged();
    });
    connect(colourGroup, &QButtonGroup::buttonToggled, this, [this](QAbstractButton*, bool on) {
        if (!on) return;
        updateDivergingAvailability();
        onChanged();
    });
    connect(m_displayGroup, &QButtonGroup::buttonToggled, this, [this](QAbstractButton*, bool on) {
        if (on) onChanged();
    });
    connect(m_border, &QComboBox::currentIndexChanged, this, &FilterOptionsBox::onChanged);
    connect(m_stretch, &QCheckBox::toggled, this, &FilterOptionsBox::onChanged);
}

imaging::FilterOptions FilterOptionsBox::options() const {
    imaging::FilterOptions o;
    o.mode =
        m_convolve->isChecked() ? imaging::CorrelationMode::Convolve : imaging::CorrelationMode::Correlate;
    o.border = imaging::parseBorderMode(m_border->currentData().toString().toStdString());
    o.grayscale = m_gray->isChecked();
    return o;
}

imaging::DisplayOptions FilterOptionsBox::display() const {
    imaging::DisplayOptions d;
    const int id = m_displayGroup->checkedId();
    d.mode = id < 0 ? SignedDisplay::Clip : static_cast<SignedDisplay>(id);
    d.stretch = m_stretch->isChecked();
    return d;
}

void FilterOptionsBox::setOptions(const imaging::FilterOptions& options) {
    m_updating = true;
    (options.mode == imaging::CorrelationMode::Convolve ? m_convolve : m_correlate)->setChecked(true);
    const int index = m_border->findData(QString::fromStdString(imaging::toString(options.border)));
    m_border->setCurrentIndex(index < 0 ? 0 : index);
    (options.grayscale ? m_gray : m_colour)->setChecked(true);
    updateDivergingAvailability();
    m_updating = false;
}

void FilterOptionsBox::setDisplay(const imaging::DisplayOptions& display) {
    m_updating = true;
    if (QAbstractButton* button = m_displayGroup->button(static_cast<int>(display.mode)))
        button->setChecked(true);
    m_stretch->setChecked(display.stretch);
    updateDivergingAvailability();
    m_updating = false;
}

void FilterOptionsBox::setImageChannels(int channels) {
    m_imageChannels = channels;
    const bool wasUpdating = m_updating;
    m_updating = true;
    updateDivergingAvailability();
    m_updating = wasUpdating;
}

void FilterOptionsBox::updateDivergingAvailability() {
    QAbstractButton* diverging = m_displayGroup->button(static_cast<int>(SignedDisplay::Diverging));
    const bool singleChannel = m_gray->isChecked() || m_imageChannels == 1;
    diverging->setEnabled(singleChannel);
    // Disabled widgets still show their tooltip in Qt; the text says it too, for those who never hover.
    diverging->setText(singleChannel ? tr("Diverging colormap") : tr("Diverging colormap (grayscale only)"));
    diverging->setToolTip(
        singleChannel
            ? tr("Blue for negative, light grey for zero, red for positive, scaled to the largest |value|")
            : tr("Available in grayscale mode: a diverging colormap needs one value per pixel, and a colour "
                 "result has three. Choose Grayscale above to use it."));
    // Offset is the closest single-picture equivalent: zero stays in the middle, the sign stays visible.
    if (!singleChannel && diverging->isChecked())
        m_displayGroup->button(static_cast<int>(SignedDisplay::Offset))->setChecked(true);
}

void FilterOptionsBox::onChanged() {
    if (!m_updating) Q_EMIT changed();
}

void FilterOptionsBox::showResult(const imaging::ValueRange& range, const QSize& size, double milliseconds,
                                  bool preview) {
    m_error->hide();
    m_error->clear();
    m_range->setText(tr("Result range: %1").arg(widgets::formatRange(range.min, range.max)) +
                     (preview ? tr(" (preview)") : QString()));
    m_timing->setText(
        preview ? tr("Preview on %1 in %2, full size follows")
                      .arg(widgets::formatSize(size), widgets::formatMilliseconds(milliseconds))
                : tr("%1 in %2").arg(widgets::formatSize(size), widgets::formatMilliseconds(milliseconds)));
}

void FilterOptionsBox::showError(const QString& message) {
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

void FilterOptionsBox::clearResult() {
    m_range->clear();
    m_timing->clear();
    showError({});
}

QString FilterOptionsBox::rangeText() const {
    return m_range->text();
}

QString FilterOptionsBox::errorText() const {
    return m_error->text();
}

}  // namespace convscope::gui
