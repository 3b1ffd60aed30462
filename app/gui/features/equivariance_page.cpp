#include "app/gui/features/equivariance_page.h"

#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "app/gui/features/equivariance_controller.h"
#include "app/gui/features/equivariance_explanation.h"
#include "core/common/colormap.h"
#include "widgets/common/number_text.h"
#include "widgets/plot/heatmap_view.h"

namespace convscope::gui {

namespace {

const QColor kEqErrorText(170, 30, 30);

QSlider* eqMakeSlider(int low, int high, int value, const QString& name) {
    auto* s = new QSlider(Qt::Horizontal);
    s->setObjectName(name);
    s->setRange(low, high);
    s->setValue(value);
    s->setMinimumWidth(100);
    return s;
}

widgets::HeatmapView* eqMakeView(const QString& title, common::Colormap map, const QString& name) {
    auto* v = new widgets::HeatmapView;
    v->setObjectName(name);
    v->setTitle(title);
    v->setColormap(map);
    v->setAxisTitles(QObject::tr("x"), QObject::tr("y"));
    v->setMinimumSize(140, 140);  // the window's minimum width fits a 1,043-pixel-wide window
    return v;
}

}  // namespace

EquivariancePage::EquivariancePage(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("equivariancePage"));
    m_dx = eqMakeSlider(-14, 14, 0, QStringLiteral("equivarianceDx"));
    m_dy = eqMakeSlider(-14, 14, 0, QStringLiteral("equivarianceDy"));
    m_rotation = eqMakeSlider(-180, 180, 0, QStringLiteral("equivarianceRotation"));
    m_scale = eqMakeSlider(50, 200, 100, QStringLiteral("equivarianceScale"));
    m_dxValue = new QLabel;
    m_dyValue = new QLabel;
    m_rotationValue = new QLabel;
    m_scaleValue = new QLabel;
    m_mode = new QComboBox;
    m_mode->setObjectName(QStringLiteral("equivarianceMode"));
    m_mode->addItem(tr("zero fill (what a camera sees)"));
    m_mode->addItem(tr("circular (torch.roll)"));
    m_mode->setToolTip(
        tr("How the band a shift uncovers is filled: with background, or with what left the "
           "other side. Rotation and scale always fill with background."));
    m_channel = new QSpinBox;
    m_channel->setObjectName(QStringLiteral("equivarianceChannel"));
    m_channel->setRange(0, 4095);
    auto* reset = new QPushButton(tr("Reset"));

    auto* controls = new QGridLayout;
    // Two sliders per row: four in one row made the page wider than a laptop's window.
    int slot = 0;
    const auto add = [&](const QString& label, QWidget* slider, QLabel* value) {
        const int row = slot / 2;
        const int col = (slot % 2) * 3;
        controls->addWidget(new QLabel(label), row, col);
        controls->addWidget(slider, row, col + 1);
        value->setMinimumWidth(46);
        controls->addWidget(value, row, col + 2);
        ++slot;
    };
    add(tr("dx"), m_dx, m_dxValue);
    add(tr("dy"), m_dy, m_dyValue);
    add(tr("rotation"), m_rotation, m_rotationValue);
    add(tr("scale"), m_scale, m_scaleValue);
    auto* second = new QHBoxLayout;
    second->addWidget(new QLabel(tr("Shift fill")));
    second->addWidget(m_mode);
    second->addSpacing(12);
    second->addWidget(new QLabel(tr("Channel")));
    second->addWidget(m_channel);
    second->addWidget(reset);
    second->addStretch(1);

    m_table = new QTableWidget(0, 5);
    m_table->setObjectName(QStringLiteral("equivarianceTaps"));
    m_table->setHorizontalHeaderLabels({tr("Tap"), tr("Stride"), tr("Map shift"), tr("Exact"), tr("Error")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->setMinimumWidth(230);
    m_table->setMaximumWidth(420);
    m_table->setToolTip(
        tr("Error: ‖f(s(x)) − s(f(x))‖ / ‖s(f(x))‖ away from the borders. Exact: the shift is a "
           "multiple of the tap's stride. A global tap is compared with f(x): invariance."));

    m_input = eqMakeView(tr("x"), common::Colormap::Gray, QStringLiteral("equivarianceInput"));
    m_transformedInput =
        eqMakeView(tr("s(x)"), common::Colormap::Gray, QStringLiteral("equivarianceShiftedInput"));
    m_features = eqMakeView(tr("f(s(x))"), common::Colormap::Viridis, QStringLiteral("equivarianceFeatures"));
    m_maps = eqMakeView(tr("s(f(x))"), common::Colormap::Viridis, QStringLiteral("equivarianceMaps"));
    m_difference = eqMakeView(tr("f(s(x)) − s(f(x))"), common::Colormap::CoolWarm,
                              QStringLiteral("equivarianceDifference"));
    for (widgets::HeatmapView* v : {m_input, m_transformedInput}) v->setMinimumSize(120, 120);
    m_difference->setColorBarLabel(tr("difference"));

    m_prediction = new QLabel;
    m_prediction->setObjectName(QStringLiteral("equivariancePrediction"));
    m_prediction->setWordWrap(true);
    m_explanation = new QLabel;
    m_explanation->setObjectName(QStringLiteral("equivarianceExplanation"));
    m_explanation->setWordWrap(true);
    m_explanation->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_region = new QLabel;
    m_region->setWordWrap(true);
    m_message = new QLabel;
    m_message->setObjectName(QStringLiteral("equivarianceMessage"));
    m_message->setWordWrap(true);
    m_message->setVisible(false);

    auto* inputs = new QVBoxLayout;
    inputs->addWidget(m_input, 1);
    inputs->addWidget(m_transformedInput, 1);
    auto* maps = new QGridLayout;
    maps->addWidget(m_features, 0, 0);
    maps->addWidget(m_maps, 0, 1);
    maps->addWidget(m_difference, 1, 0, 1, 2);
    auto* views = new QHBoxLayout;
    views->addWidget(m_table);
    views->addLayout(inputs, 1);
    views->addLayout(maps, 3);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addLayout(second);
    layout->addWidget(m_message);
    layout->addWidget(m_prediction);
    layout->addLayout(views, 1);
    layout->addWidget(m_region);
    layout->addWidget(m_explanation);

    m_compute = new EquivarianceController(this);
    m_timer = new QTimer(this);
    m_timer->setSingleShot(true);
    m_timer->setInterval(kThrottleMs);
    connect(m_timer, &QTimer::timeout, this, &EquivariancePage::send);
    for (QSlider* s : {m_dx, m_dy, m_rotation, m_scale}) {
        connect(s, &QSlider::valueChanged, this, [this] {
            updateLabels();
            schedule();
        });
    }
    connect(m_mode, qOverload<int>(&QComboBox::currentIndexChanged), this, &EquivariancePage::schedule);
    connect(m_channel, qOverload<int>(&QSpinBox::valueChanged), this, &EquivariancePage::schedule);
    connect(reset, &QPushButton::clicked, this, [this] {
        m_dx->setValue(0);
        m_dy->setValue(0);
        m_rotation->setValue(0);
        m_scale->setValue(100);
    });
    connect(m_table, &QTableWidget::itemSelectionChanged, this, [this] {
        const int row = m_table->currentRow();
        if (row < 0 || row >= m_frame.taps.size() || m_frame.taps[row].name == m_tap) return;
        m_tap = m_frame.taps[row].name;
        schedule();
    });
    connect(m_compute, &EquivarianceController::ready, this, &EquivariancePage::onReady);
    connect(m_compute, &EquivarianceController::failed, this, &EquivariancePage::onFailed);
    updateLabels();
    setUnavailable(tr("Choose a checkpoint, a zoo model or an imported model on the left."));
}

EquivariancePage::~EquivariancePage() = default;

void EquivariancePage::setSource(const FeatureMapsRequest& source) {
    m_source = source;
    m_hasSource = true;
    schedule();
}

void EquivariancePage::setUnavailable(const QString& why) {
    m_hasSource = false;
    m_timer->stop();
    m_frame = EquivarianceFrame();
    showFrame();
    showMessage(why, false);
}

bool EquivariancePage::isComputing() const {
    return m_timer->isActive() || m_compute->isBusy() || (m_dirty && isVisible());
}

QString EquivariancePage::message() const {
    return m_message->isVisible() ? m_message->text() : QString();
}

QString EquivariancePage::explanation() const {
    return m_explanation->text();
}

void EquivariancePage::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    if (m_dirty) schedule();
}

void EquivariancePage::schedule() {
    if (!m_hasSource) return;
    // Hidden: the work waits until the tab is shown.
    if (!isVisible()) {
        m_dirty = true;
        return;
    }
    // Throttled, not debounced: while a slider moves, a request leaves every kThrottleMs.
    if (!m_timer->isActive()) m_timer->start();
}

void EquivariancePage::send() {
    if (!m_hasSource) return;
    m_dirty = false;
    EquivarianceRequest r;
    r.source = m_source;
    r.dx = m_dx->value();
    r.dy = m_dy->value();
    r.rotateDegrees = m_rotation->value();
    r.scale = m_scale->value() / 100.0;
    r.circular = m_mode->currentIndex() == 1;
    r.tap = m_tap;
    r.channel = m_channel->value();
    m_compute->request(r);
}

void EquivariancePage::onReady(const EquivarianceFrame& frame) {
    if (!m_hasSource) return;
    m_frame = frame;
    if (frame.shownTap >= 0) m_tap = frame.taps[frame.shownTap].name;
    // Shifts up to half the input either way.
    const int half = std::max(1, frame.inputWidth / 2), halfY = std::max(1, frame.inputHeight / 2);
    if (m_dx->maximum() != half) m_dx->setRange(-half, half);
    if (m_dy->maximum() != halfY) m_dy->setRange(-halfY, halfY);
    showMessage({}, false);
    showFrame();
}

void EquivariancePage::onFailed(const QString& message) {
    m_frame = EquivarianceFrame();
    showFrame();
    showMessage(message, true);
}

void EquivariancePage::updateLabels() {
    m_dxValue->setText(widgets::withTypographicMinus(tr("%1 px").arg(m_dx->value())));
    m_dyValue->setText(widgets::withTypographicMinus(tr("%1 px").arg(m_dy->value())));
    m_rotationValue->setText(widgets::withTypographicMinus(tr("%1°").arg(m_rotation->value())));
    m_scaleValue->setText(tr("%1×").arg(m_scale->value() / 100.0, 0, 'f', 2));
}

void EquivariancePage::showFrame() {
    const EquivarianceFrame& f = m_frame;
    {
        const QSignalBlocker block(m_table);
        m_table->setRowCount(f.taps.size());
        for (int i = 0; i < f.taps.size(); ++i) {
            const EquivarianceTapRow& t = f.taps[i];
            const QString stride =
                QString::number(t.stride) + (t.strideEstimated ? QStringLiteral("~") : QString());
            const QString shift =
                t.global ? tr("global")
                         : equivarianceShiftText(t.mapDx, t.mapDy) +
                               (t.exact ? QString()
                                        : tr(" (%1)").arg(equivarianceShiftText(t.exactDx, t.exactDy)));
            const QStringList cells{t.name, stride, shift, t.exact ? tr("yes") : tr("no"),
                                    equivarianceErrorText(t.error)};
            for (int c = 0; c < cells.size(); ++c) {
                auto* item = new QTableWidgetItem(cells[c]);
                if (c == 1 || c == 4) item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
                m_table->setItem(i, c, item);
            }
        }
        if (f.shownTap >= 0) m_table->selectRow(f.shownTap);
    }
    if (f.isEmpty()) {
        for (widgets::HeatmapView* v : {m_input, m_transformedInput, m_features, m_maps, m_difference})
            v->clear();
        m_prediction->clear();
        m_explanation->clear();
        m_region->clear();
        return;
    }
    m_input->setData(f.inputHeight, f.inputWidth, f.input);
    m_transformedInput->setData(f.inputHeight, f.inputWidth, f.transformedInput);
    for (widgets::HeatmapView* v : {m_input, m_transformedInput}) v->setValueRange(0.0, 1.0);
    // f(s(x)) and s(f(x)) on one scale, so that equal values look equal.
    float low = 0.0f, high = 0.0f;
    for (const QVector<float>* values : {&f.transformedFeatures, &f.transformedMaps})
        for (float v : *values) low = std::min(low, v), high = std::max(high, v);
    if (high <= low) high = low + 1.0f;
    const EquivarianceTapRow& tap = f.taps[f.shownTap];
    const QString channel = tr(" · %1, channel %2").arg(tap.name).arg(f.shownChannel);
    m_features->setTitle(tr("f(s(x))") + channel);
    m_maps->setTitle(tr("s(f(x))") + channel);
    m_features->setData(f.mapHeight, f.mapWidth, f.transformedFeatures);
    m_maps->setData(f.mapHeight, f.mapWidth, f.transformedMaps);
    m_features->setValueRange(low, high);
    m_maps->setValueRange(low, high);
    float extent = 0.0f;
    for (float v : f.difference) extent = std::max(extent, std::abs(v));
    if (extent <= 0.0f) extent = 1e-6f;
    m_difference->setData(f.mapHeight, f.mapWidth, f.difference);
    m_difference->setValueRange(-extent, extent);  // zero in the middle of the diverging colours
    m_difference->setTitle(tr("f(s(x)) − s(f(x)) · error %1").arg(equivarianceErrorText(tap.error)));

    const auto name = [&f](int i) {
        return i >= 0 && i < f.classNames.size() ? f.classNames[i] : QString::number(i);
    };
    m_prediction->setText(tr("<b>Prediction</b> %1 (%2%) → %3 (%4%) — %5")
                              .arg(name(f.predictionBefore).toHtmlEscaped())
                              .arg(100.0 * f.probabilityBefore, 0, 'f', 1)
                              .arg(name(f.predictionAfter).toHtmlEscaped())
                              .arg(100.0 * f.probabilityAfter, 0, 'f', 1)
                              .arg(f.predictionChanged() ? tr("<b>changed</b>") : tr("unchanged")));
    m_region->setText(
        tap.global ? tr("%1 has seen the whole image: its number compares f(s(x)) with f(x) (invariance).")
                         .arg(tap.name)
        : tap.wholeMap ? tr("Compared: the whole %1×%2 map (the borders would have left nothing).")
                             .arg(tap.height)
                             .arg(tap.width)
                       : tr("Compared: rows %1–%2 and columns %3–%4 of the %5×%6 map, away from the band the "
                            "shift and the borders reach.")
                             .arg(tap.region.top())
                             .arg(tap.region.bottom())
                             .arg(tap.region.left())
                             .arg(tap.region.right())
                             .arg(tap.height)
                             .arg(tap.width));
    m_explanation->setText(equivarianceExplanation(f));
}

void EquivariancePage::showMessage(const QString& text, bool error) {
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
    QPalette p = palette();
    if (error) p.setColor(QPalette::WindowText, kEqErrorText);
    m_message->setPalette(p);
}

}  // namespace convscope::gui
