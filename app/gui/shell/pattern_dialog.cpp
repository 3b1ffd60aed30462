#include "app/gui/shell/pattern_dialog.h"

#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <climits>
#include <exception>
#include <new>

#include "app/gui/bridge/image_bridge.h"

namespace convscope::gui {
namespace {

constexpr int kPreviewSide = 256;
// Generating the preview runs on the GUI thread while the user types; above this it would stutter.
constexpr qint64 kMaxPreviewPixels = 16LL * 1024 * 1024;

const imaging::PatternInfo& infoFor(imaging::PatternKind kind) {
    for (const imaging::PatternInfo& info : imaging::patternList())
        if (info.kind == kind) return info;
    return imaging::patternList().front();
}

bool sameParams(const imaging::PatternParams& a, const imaging::PatternParams& b) {
    return a.width == b.width && a.height == b.height && a.frequency == b.frequency &&
           a.angleDegrees == b.angleDegrees && a.maxFrequency == b.maxFrequency && a.cellSize == b.cellSize &&
           a.steps == b.steps && a.seed == b.seed;
}

QSpinBox* intBox(int min, int max, const QString& suffix) {
    auto* box = new QSpinBox;
    box->setRange(min, max);
    box->setSuffix(suffix);
    return box;
}

QDoubleSpinBox* realBox(double min, double max, int decimals, double step, const QString& suffix) {
    auto* box = new QDoubleSpinBox;
    box->setRange(min, max);
    box->setDecimals(decimals);
    box->setSingleStep(step);
    box->setSuffix(suffix);
    return box;
}

}  // namespace

PatternDialog::PatternDialog(imaging::PatternKind kind, const imaging::PatternParams& initial,
                             QWidget* parent)
    : QDialog(parent), m_kind(kind) {
    const imaging::PatternInfo& info = infoFor(kind);
    setObjectName(QStringLiteral("patternDialog"));
    setWindowTitle(tr("Open Sample — %1").arg(QString::fromStdString(info.title)));

    auto* description = new QLabel(QString::fromStdString(info.description));
    description->setWordWrap(true);

    m_preview = new QLabel;
    m_preview->setObjectName(QStringLiteral("patternPreview"));
    m_preview->setFixedSize(kPreviewSide, kPreviewSide);
    m_preview->setAlignment(Qt::AlignCenter);
    m_preview->setFrameShape(QFrame::StyledPanel);
    m_preview->setWordWrap(true);
    m_previewCaption =
        new QLabel(tr("Whole pattern, scaled to fit: detail finer than the preview's pixels "
                      "averages to grey here but is in the image."));
    m_previewCaption->setWordWrap(true);
    m_previewCaption->setMaximumWidth(kPreviewSide);
    QFont small = m_previewCaption->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    m_previewCaption->setFont(small);

    m_error = new QLabel;
    m_error->setObjectName(QStringLiteral("patternError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_error->hide();

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Cancel);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* previewColumn = new QVBoxLayout;
    previewColumn->addWidget(m_preview);
    previewColumn->addWidget(m_previewCaption);
    previewColumn->addStretch();
    auto* columns = new QHBoxLayout;
    columns->addWidget(buildForm(), 1);
    columns->addLayout(previewColumn);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(description);
    layout->addLayout(columns);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);

    m_previewTimer.setSingleShot(true);
    m_previewTimer.setInterval(120);
    connect(&m_previewTimer, &QTimer::timeout, this, &PatternDialog::updatePreview);
    setParams(initial);
    showRelevantRows();
    updatePreview();
}

QWidget* PatternDialog::buildForm() {
    auto* form = new QWidget;
    m_form = new QFormLayout(form);
    const QString px = tr(" px");
    const QString cyclesPerPixel = tr(" cycles/px");
    m_width = intBox(1, 16384, px);
    m_height = intBox(1, 16384, px);
    m_frequency = realBox(0.001, 0.5, 4, 0.005, cyclesPerPixel);
    m_frequency->setToolTip(tr("Cycles per pixel; 0.5 is the finest a pixel grid can show (Nyquist)."));
    m_period = new QLabel;
    m_angle = realBox(-180.0, 180.0, 1, 5.0, QStringLiteral("°"));
    m_angle->setToolTip(tr("Direction in which the grating varies; 0° varies along x (vertical stripes)."));
    m_maxFrequency = realBox(0.001, 0.5, 4, 0.01, cyclesPerPixel);
    m_maxFrequency->setToolTip(
        tr("Local frequency reached at the middle of each edge; it grows linearly "
           "from 0 at the centre."));
    m_cellSize = intBox(1, 16384, px);
    m_steps = intBox(2, 32, QString());
    m_seed = intBox(0, INT_MAX, QString());

    auto* frequencyField = new QWidget;
    frequencyField->setFocusProxy(m_frequency);  // so the row label's mnemonic reaches the spin box
    auto* frequencyRow = new QHBoxLayout(frequencyField);
    frequencyRow->setContentsMargins(0, 0, 0, 0);
    frequencyRow->addWidget(m_frequency, 1);
    frequencyRow->addWidget(m_period);
    m_form->addRow(tr("&Width:"), m_width);
    m_form->addRow(tr("&Height:"), m_height);
    m_form->addRow(tr("&Frequency:"), frequencyField);
    m_form->addRow(tr("&Angle:"), m_angle);
    m_form->addRow(tr("&Max frequency:"), m_maxFrequency);
    m_form->addRow(tr("&Cell size:"), m_cellSize);
    m_form->addRow(tr("&Grey levels:"), m_steps);
    m_form->addRow(tr("&Seed:"), m_seed);

    for (QSpinBox* box : {m_width, m_height, m_cellSize, m_steps, m_seed})
        connect(box, &QSpinBox::valueChanged, this, [this] { m_previewTimer.start(); });
    for (QDoubleSpinBox* box : {m_frequency, m_angle, m_maxFrequency})
        connect(box, &QDoubleSpinBox::valueChanged, this, [this] { m_previewTimer.start(); });
    connect(m_frequency, &QDoubleSpinBox::valueChanged, this, &PatternDialog::updatePeriodHint);
    return form;
}

void PatternDialog::showRelevantRows() {
    using K = imaging::PatternKind;
    m_form->setRowVisible(m_frequency->parentWidget(), m_kind == K::Grating);
    m_form->setRowVisible(m_angle, m_kind == K::Grating);
    m_form->setRowVisible(m_maxFrequency, m_kind == K::ZonePlate);
    m_form->setRowVisible(m_cellSize, m_kind == K::Checkerboard);
    m_form->setRowVisible(m_steps, m_kind == K::StepEdges);
    m_form->setRowVisible(m_seed, m_kind == K::WhiteNoise);
}

void PatternDialog::updatePeriodHint() {
    m_period->setText(tr("period %1 px").arg(1.0 / m_frequency->value(), 0, 'g', 4));
}

imaging::PatternParams PatternDialog::params() const {
    imaging::PatternParams p;
    p.width = m_width->value();
    p.height = m_height->value();
    p.frequency = m_frequency->value();
    p.angleDegrees = m_angle->value();
    p.maxFrequency = m_maxFrequency->value();
    p.cellSize = m_cellSize->value();
    p.steps = m_steps->value();
    p.seed = static_cast<std::uint64_t>(m_seed->value());
    return p;
}

void PatternDialog::setParams(const imaging::PatternParams& p) {
    m_width->setValue(p.width);
    m_height->setValue(p.height);
    m_frequency->setValue(p.frequency);
    m_angle->setValue(p.angleDegrees);
    m_maxFrequency->setValue(p.maxFrequency);
    m_cellSize->setValue(p.cellSize);
    m_steps->setValue(p.steps);
    m_seed->setValue(static_cast<int>(qMin<std::uint64_t>(p.seed, INT_MAX)));
    updatePeriodHint();
}

bool PatternDialog::generate(const imaging::PatternParams& p) {
    if (!m_cached.empty() && sameParams(p, m_cachedParams)) return true;
    m_cached.release();
    try {
        m_cached = imaging::makePattern(m_kind, p);
        m_cachedParams = p;
        m_errorText.clear();
    } catch (const std::bad_alloc&) {
        m_errorText = tr("There is not enough memory for a pattern of this size.");
    } catch (const std::exception& e) {
        m_errorText = QString::fromStdString(e.what());
    }
    m_error->setText(m_errorText);
    m_error->setVisible(!m_errorText.isEmpty());
    m_buttons->button(QDialogButtonBox::Open)->setEnabled(m_errorText.isEmpty());
    return m_errorText.isEmpty();
}

void PatternDialog::updatePreview() {
    m_previewTimer.stop();
    const imaging::PatternParams p = params();
    if (static_cast<qint64>(p.width) * p.height > kMaxPreviewPixels) {
        m_previewPixmap = QPixmap();
        m_preview->setPixmap(QPixmap());
        m_preview->setText(
            tr("No preview above 16 megapixels: the pattern is generated when you click Open."));
        m_errorText.clear();
        m_error->hide();
        m_buttons->button(QDialogButtonBox::Open)->setEnabled(true);
        return;
    }
    if (!generate(p)) {
        m_previewPixmap = QPixmap();
        m_preview->setPixmap(QPixmap());
        m_preview->setText(tr("No preview"));
        return;
    }
    // Smooth (area-averaging) scaling: fine detail turns grey rather than into moiré that is not there.
    const QImage image = bridge::toQImage(m_cached);
    m_previewPixmap = QPixmap::fromImage(
        image.width() > kPreviewSide || image.height() > kPreviewSide
            ? image.scaled(kPreviewSide, kPreviewSide, Qt::KeepAspectRatio, Qt::SmoothTransformation)
            : image);
    m_preview->setPixmap(m_previewPixmap);
}

cv::Mat PatternDialog::pattern() {
    return generate(params()) ? m_cached : cv::Mat();
}

QString PatternDialog::displayName(imaging::PatternKind kind, const imaging::PatternParams& p) {
    using K = imaging::PatternKind;
    QString name = QStringLiteral("%1 %2 × %3")
                       .arg(QString::fromStdString(infoFor(kind).title))
                       .arg(p.width)
                       .arg(p.height);
    switch (kind) {
        case K::Grating:
            return name +
                   tr(" · %1 cycles/px at %2°").arg(p.frequency, 0, 'g', 4).arg(p.angleDegrees, 0, 'g', 4);
        case K::ZonePlate:
            return name + tr(" · up to %1 cycles/px").arg(p.maxFrequency, 0, 'g', 4);
        case K::Checkerboard:
            return name + tr(" · %1 px cells").arg(p.cellSize);
        case K::StepEdges:
            return name + tr(" · %1 grey levels").arg(p.steps);
        case K::WhiteNoise:
            return name + tr(" · seed %1").arg(p.seed);
        case K::Impulse:
            break;
    }
    return name;
}

}  // namespace convscope::gui
