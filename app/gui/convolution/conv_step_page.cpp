#include "app/gui/convolution/conv_step_page.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFontDatabase>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSlider>
#include <QStyle>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <cmath>

#include "app/gui/convolution/channel_summary_builder.h"
#include "core/conv/channel_shuffle.h"
#include "core/conv/conv_trace.h"
#include "widgets/board/channel_wiring_view.h"
#include "widgets/board/grid_board_view.h"

namespace convscope::gui {

namespace {

// Icons from the style, not glyphs: the media symbols (⏮ ⏭ ⏸) are missing from common desktop fonts.
QToolButton* transportButton(QStyle::StandardPixmap icon, const QString& text, const QString& tip,
                             const QString& name) {
    auto* b = new QToolButton;
    b->setIcon(b->style()->standardIcon(icon));
    b->setText(text);
    b->setToolTip(tip);
    b->setObjectName(name);
    b->setMinimumWidth(36);
    return b;
}

}  // namespace

ConvStepPage::ConvStepPage(QWidget* parent) : QWidget(parent) {
    m_board = new widgets::GridBoardView;
    m_board->setObjectName(QStringLiteral("convBoard"));
    m_wiring = new widgets::ChannelWiringView;
    m_wiring->setObjectName(QStringLiteral("convWiring"));
    m_shuffle = new QCheckBox(tr("Channel shuffle after (ShuffleNet)"));
    m_shuffle->setObjectName(QStringLiteral("convShuffle"));
    m_shuffle->setVisible(false);
    m_shuffle->setToolTip(
        tr("Reorder the grouped convolution's output channels as ShuffleNet does (view as "
           "groups × channels per group, transpose, flatten), so that the next grouped "
           "convolution sees channels from every group"));

    m_first = transportButton(QStyle::SP_MediaSkipBackward, tr("Start"),
                              tr("Back to the start (nothing computed)"), QStringLiteral("convFirst"));
    m_back = transportButton(QStyle::SP_MediaSeekBackward, tr("Back"), tr("Step back (Left)"),
                             QStringLiteral("convBack"));
    m_play = transportButton(QStyle::SP_MediaPlay, tr("Play"), tr("Play / pause (Space)"),
                             QStringLiteral("convPlay"));
    m_forward = transportButton(QStyle::SP_MediaSeekForward, tr("Forward"), tr("Step forward (Right)"),
                                QStringLiteral("convForward"));
    m_last = transportButton(QStyle::SP_MediaSkipForward, tr("End"), tr("Jump to the end"),
                             QStringLiteral("convLast"));
    m_back->setShortcut(Qt::Key_Left);
    m_forward->setShortcut(Qt::Key_Right);
    m_play->setShortcut(Qt::Key_Space);
    m_seek = new QSlider(Qt::Horizontal);
    m_seek->setObjectName(QStringLiteral("convSeek"));
    m_seek->setToolTip(tr("Seek: drag to any step"));
    m_position = new QLabel;
    m_position->setMinimumWidth(110);
    m_speed = new QComboBox;
    m_speed->setObjectName(QStringLiteral("convSpeed"));
    for (double s : {0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 60.0}) m_speed->addItem(tr("%1 steps/s").arg(s), s);
    m_speed->setCurrentIndex(2);
    m_export =
        transportButton(QStyle::SP_DialogSaveButton, tr("Export…"),
                        tr("Export the animation as PNG frames, GIF or video"), QStringLiteral("convExport"));
    m_export->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);

    auto* transport = new QHBoxLayout;
    for (QToolButton* b : {m_first, m_back, m_play, m_forward, m_last}) transport->addWidget(b);
    transport->addWidget(m_seek, 1);
    transport->addWidget(m_position);
    transport->addWidget(m_speed);
    transport->addWidget(m_export);

    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_formula = new QLabel;
    m_formula->setObjectName(QStringLiteral("convFormula"));
    m_formula->setFont(mono);
    m_formula->setWordWrap(true);
    m_formula->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_shape = new QLabel;
    m_shape->setObjectName(QStringLiteral("convShape"));
    m_note = new QLabel;
    m_note->setWordWrap(true);
    m_error = new QLabel;
    m_error->setObjectName(QStringLiteral("convError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_error->setVisible(false);

    auto* sizeBox = new QGroupBox(tr("Output size"));
    auto* sizeLayout = new QVBoxLayout(sizeBox);
    m_general = new QLabel;
    m_general->setObjectName(QStringLiteral("convGeneralFormula"));
    m_general->setFont(mono);
    m_general->setWordWrap(true);
    sizeLayout->addWidget(m_general);
    sizeLayout->addWidget(m_formula);
    sizeLayout->addWidget(m_shape);
    sizeLayout->addWidget(m_note);
    sizeLayout->addWidget(m_error);

    // The box keeps its natural height; the wiring (or, when hidden, empty space) takes the rest.
    sizeBox->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    auto* side = new QVBoxLayout;
    side->addWidget(sizeBox);
    side->addWidget(m_shuffle);
    side->addWidget(m_wiring, 1);
    side->addStretch(0);

    auto* body = new QHBoxLayout;
    body->addWidget(m_board, 3);
    body->addLayout(side, 1);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(body, 1);
    layout->addLayout(transport);

    m_timer = new QTimer(this);
    connect(m_timer, &QTimer::timeout, this, &ConvStepPage::onTimer);
    connect(m_first, &QToolButton::clicked, this, [this] { setStep(-1); });
    connect(m_back, &QToolButton::clicked, this, &ConvStepPage::stepBack);
    connect(m_play, &QToolButton::clicked, this, &ConvStepPage::togglePlay);
    connect(m_forward, &QToolButton::clicked, this, &ConvStepPage::stepForward);
    connect(m_last, &QToolButton::clicked, this, [this] { setStep(stepCount() - 1); });
    connect(m_seek, &QSlider::valueChanged, this, [this](int v) { setStep(v - 1); });
    connect(m_speed, &QComboBox::currentIndexChanged, this,
            [this] { setSpeed(m_speed->currentData().toDouble()); });
    connect(m_export, &QToolButton::clicked, this, &ConvStepPage::exportRequested);
    connect(m_shuffle, &QCheckBox::toggled, this, &ConvStepPage::showFrame);
    // A channel tile of a many-channel board: draw that channel's cells (moving to a step that reads it).
    connect(m_board, &widgets::GridBoardView::channelClicked, this, [this](int channel) {
        if (!m_trace) return;
        m_options.focusChannel = channel;
        const int step = stepReadingChannel(*m_trace, m_step, channel);
        if (step >= 0 && step != m_step)
            setStep(step);
        else
            showFrame();
    });
    setSpeed(m_speed->currentData().toDouble());
    updateTransport();
}

int ConvStepPage::stepCount() const {
    return m_trace ? m_trace->stepCount() : 0;
}

bool ConvStepPage::isPlaying() const {
    return m_timer->isActive();
}

void ConvStepPage::setTrace(ConvTracePtr trace, const QString& shapeArithmetic) {
    m_trace = std::move(trace);
    m_error->setVisible(false);
    m_board->setEnabled(true);
    // One line per axis: the two worked formulas are long and wrap badly when run together.
    m_formula->setText(QString(shapeArithmetic).replace(QStringLiteral("; W: "), QStringLiteral("\nW: ")));
    const conv::Operation op = m_trace->spec().op;
    m_general->setText(op == conv::Operation::Transposed
                           ? tr("(n − 1)·s − 2p + d(k − 1) + output_padding + 1")
                       : op == conv::Operation::MaxUnpool ? tr("pool: floor(n / S); unpool: back to n")
                       : conv::isUpsampling(op)           ? tr("n·S")
                                                : tr("floor((n + 2p − d(k − 1) − 1) / s) + 1"));
    const conv::Volume& out = m_trace->output();
    m_shape->setText(tr("Input %1 → output %2 (C×H×W) · %3 steps")
                         .arg(QString::fromStdString(m_trace->input().shapeText()))
                         .arg(QString::fromStdString(out.shapeText()))
                         .arg(m_trace->stepCount()));
    m_step = std::clamp(m_step, -1, stepCount() - 1);
    updateTransport();
    showFrame();
}

void ConvStepPage::setError(const QString& message) {
    pause();
    m_error->setText(message);
    m_error->setVisible(true);
    m_board->setEnabled(false);
}

void ConvStepPage::setNote(const QString& note) {
    m_note->setText(note);
    m_note->setVisible(!note.isEmpty());
}

void ConvStepPage::setStep(int step) {
    if (!m_trace) return;
    step = std::clamp(step, -1, stepCount() - 1);
    if (step == m_step) return;
    m_step = step;
    updateTransport();
    showFrame();
    Q_EMIT stepChanged(m_step);
}

void ConvStepPage::stepForward() {
    setStep(m_step + 1);
}
void ConvStepPage::stepBack() {
    setStep(m_step - 1);
}

void ConvStepPage::play() {
    if (!m_trace) return;
    if (m_step >= stepCount() - 1) setStep(-1);  // replay from the start
    m_timer->start();
    updateTransport();
}

void ConvStepPage::pause() {
    m_timer->stop();
    updateTransport();
}

void ConvStepPage::togglePlay() {
    isPlaying() ? pause() : play();
}

void ConvStepPage::setSpeed(double stepsPerSecond) {
    m_stepsPerSecond = std::clamp(stepsPerSecond, 0.1, 60.0);
    stepsPerSecond = m_stepsPerSecond;
    int nearest = 0;
    for (int i = 1; i < m_speed->count(); ++i)
        if (std::abs(m_speed->itemData(i).toDouble() - stepsPerSecond) <
            std::abs(m_speed->itemData(nearest).toDouble() - stepsPerSecond))
            nearest = i;
    {
        const QSignalBlocker block(m_speed);
        m_speed->setCurrentIndex(nearest);
    }
    m_timer->setInterval(std::max(1, static_cast<int>(1000.0 / std::max(0.1, stepsPerSecond))));
}

void ConvStepPage::onTimer() {
    if (m_step >= stepCount() - 1) {
        pause();
        return;
    }
    stepForward();
}

void ConvStepPage::showFrame() {
    if (!m_trace) return;
    QElapsedTimer clock;
    clock.start();
    m_board->setFrame(buildConvFrame(*m_trace, m_step, m_options));
    const conv::ConvSpec& spec = m_trace->spec();
    widgets::ChannelWiring wiring;
    const bool transposed = spec.op == conv::Operation::Transposed;
    wiring.inChannels = m_trace->input().channels;
    wiring.outChannels = m_trace->output().channels;
    wiring.groups = spec.op == conv::Operation::Convolution || transposed ? spec.groups : 1;
    wiring.oneToOne = conv::isPooling(spec.op) || conv::isUpsampling(spec.op);
    if (m_step >= 0 && !transposed) wiring.highlightOut = m_trace->step(m_step).channel;
    const conv::FilterBank& w = m_trace->weights();
    if (wiring.oneToOne) {
        wiring.caption = conv::isUpsampling(spec.op)
                             ? tr("Upsampling works on each channel separately: no weights.")
                             : tr("Pooling works on each channel separately: no weights.");
    } else {
        wiring.caption = tr("%1 filters of %2×%3×%4 = %5 weights%6")
                             .arg(transposed ? w.inChannelsPerGroup * spec.groups : w.outChannels)
                             .arg(transposed ? w.outChannels / spec.groups : w.inChannelsPerGroup)
                             .arg(w.kernelHeight)
                             .arg(w.kernelWidth)
                             .arg(w.weights.size())
                             .arg(w.hasBias() ? tr(" + %1 biases").arg(w.bias.size()) : QString());
        if (spec.groups > 1)
            wiring.caption += tr(" · groups = %1: each filter sees %2 of %3 input channels")
                                  .arg(spec.groups)
                                  .arg(wiring.inChannels / spec.groups)
                                  .arg(wiring.inChannels);
    }
    const bool canShuffle = spec.op == conv::Operation::Convolution && spec.groups > 1;
    m_shuffle->setVisible(canShuffle);
    if (canShuffle && m_shuffle->isChecked()) {
        const std::vector<int> order = conv::channelShufflePermutation(wiring.outChannels, spec.groups);
        wiring.shuffle = QVector<int>(order.begin(), order.end());
        wiring.caption += tr(" · shuffle (view as %1×%2, transpose, flatten): group g of the next grouped "
                             "convolution reads bracket g")
                              .arg(spec.groups)
                              .arg(wiring.outChannels / spec.groups);
    }
    m_wiring->setWiring(wiring);
    m_wiring->setVisible(wiring.inChannels > 1 || wiring.outChannels > 1);
    m_board->repaint();
    m_lastFrameMs = clock.nsecsElapsed() / 1e6;
}

void ConvStepPage::updateTransport() {
    const int count = stepCount();
    {
        const QSignalBlocker block(m_seek);
        m_seek->setRange(0, count);
        m_seek->setValue(m_step + 1);
    }
    m_position->setText(m_step < 0 ? tr("start / %1").arg(count)
                                   : tr("step %1 / %2").arg(m_step + 1).arg(count));
    m_first->setEnabled(m_step >= 0);
    m_back->setEnabled(m_step >= 0);
    m_forward->setEnabled(m_step < count - 1);
    m_last->setEnabled(m_step < count - 1);
    m_play->setEnabled(count > 0);
    m_play->setIcon(style()->standardIcon(isPlaying() ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
    m_play->setText(isPlaying() ? tr("Pause") : tr("Play"));
    m_export->setEnabled(count > 0);
}

}  // namespace convscope::gui
