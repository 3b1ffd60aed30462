#include "app/gui/convolution/conv3d_page.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QStyle>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>
#include <exception>

#include "core/conv/conv3d_examples.h"
#include "core/conv/conv3d_trace.h"
#include "core/conv/conv_trace.h"
#include "core/conv/output_size.h"
#include "widgets/board/volume_stack_view.h"

namespace convscope::gui {

// Named, not anonymous: the library builds in unity batches, where helpers of the same name in other files
// would collide.
namespace conv3d_page_detail {

QSpinBox* spin(int lowest, int highest, int value, const QString& name) {
    auto* s = new QSpinBox;
    s->setRange(lowest, highest);
    s->setValue(value);
    s->setObjectName(name);
    return s;
}

// Icons from the style, as on the step-through page (no shortcuts here: that page owns Left/Right/Space).
QToolButton* transportButton(QStyle::StandardPixmap icon, const QString& text, const QString& name) {
    auto* b = new QToolButton;
    b->setIcon(b->style()->standardIcon(icon));
    b->setText(text);
    b->setToolTip(text);
    b->setObjectName(name);
    b->setMinimumWidth(36);
    return b;
}

// Channel 0 of a volume as a stack of planes.
widgets::PlaneStack planesOf(const conv::Volume3d& v, const QString& title) {
    widgets::PlaneStack s;
    s.title = title;
    s.depth = v.depth;
    s.height = v.height;
    s.width = v.width;
    s.values.reserve(static_cast<int>(v.depth * v.height * v.width));
    for (int z = 0; z < v.depth; ++z)
        for (int y = 0; y < v.height; ++y)
            for (int x = 0; x < v.width; ++x) s.values.append(v.at(0, z, y, x));
    return s;
}

const char* const kKernels[] = {"ones", "frame-difference", "mean"};

}  // namespace conv3d_page_detail

using namespace conv3d_page_detail;

Conv3dPage::Conv3dPage(QWidget* parent) : QWidget(parent) {
    m_preset = new QComboBox;
    m_preset->setObjectName(QStringLiteral("c3dPreset"));
    m_preset->addItem(tr("Sequence 1…N, all-ones kernel"));
    m_preset->addItem(tr("Short video: moving square, frame difference"));
    m_input = new QComboBox;
    m_input->setObjectName(QStringLiteral("c3dInput"));
    m_input->addItem(tr("Sequence 1, 2, 3, …"));
    m_input->addItem(tr("Video: a 2×2 square moving right"));
    m_kernel = new QComboBox;
    m_kernel->setObjectName(QStringLiteral("c3dKernel"));
    m_kernel->addItem(tr("All ones"));
    m_kernel->addItem(tr("Frame difference (last − first plane)"));
    m_kernel->addItem(tr("Mean"));
    m_depth = spin(1, 8, 3, QStringLiteral("c3dDepth"));
    m_height = spin(1, 10, 4, QStringLiteral("c3dHeight"));
    m_width = spin(1, 10, 4, QStringLiteral("c3dWidth"));
    m_kernelDepth = spin(1, 5, 3, QStringLiteral("c3dKernelDepth"));
    m_kernelSide = spin(1, 5, 3, QStringLiteral("c3dKernelSide"));
    m_strideDepth = spin(1, 4, 1, QStringLiteral("c3dStrideDepth"));
    m_stride = spin(1, 4, 1, QStringLiteral("c3dStride"));
    m_padDepth = spin(0, 2, 0, QStringLiteral("c3dPadDepth"));
    m_pad = spin(0, 2, 0, QStringLiteral("c3dPad"));

    auto* setup = new QGroupBox(tr("3-D input and kernel"));
    auto* form = new QFormLayout(setup);
    form->addRow(tr("Example:"), m_preset);
    form->addRow(tr("Input:"), m_input);
    form->addRow(tr("Depth (frames):"), m_depth);
    form->addRow(tr("Height:"), m_height);
    form->addRow(tr("Width:"), m_width);
    form->addRow(tr("Kernel:"), m_kernel);
    form->addRow(tr("Kernel depth:"), m_kernelDepth);
    form->addRow(tr("Kernel rows × cols:"), m_kernelSide);
    form->addRow(tr("Stride, depth:"), m_strideDepth);
    form->addRow(tr("Stride, rows/cols:"), m_stride);
    form->addRow(tr("Padding, depth:"), m_padDepth);
    form->addRow(tr("Padding, rows/cols:"), m_pad);

    m_note = new QLabel;
    m_note->setObjectName(QStringLiteral("c3dNote"));
    m_note->setWordWrap(true);
    m_error = new QLabel;
    m_error->setObjectName(QStringLiteral("c3dError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_error->setVisible(false);
    auto* side = new QVBoxLayout;
    side->addWidget(setup);
    side->addWidget(m_note);
    side->addWidget(m_error);
    side->addStretch(1);

    m_board = new widgets::VolumeStackView;
    m_board->setObjectName(QStringLiteral("c3dBoard"));
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_arithmetic = new QLabel;
    m_arithmetic->setObjectName(QStringLiteral("c3dArithmetic"));
    m_arithmetic->setFont(mono);
    m_arithmetic->setWordWrap(true);
    m_arithmetic->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_shape = new QLabel;
    m_shape->setObjectName(QStringLiteral("c3dShape"));
    m_shape->setFont(mono);
    m_shape->setWordWrap(true);

    m_first =
        transportButton(QStyle::SP_MediaSkipBackward, tr("Back to the start"), QStringLiteral("c3dFirst"));
    m_back = transportButton(QStyle::SP_MediaSeekBackward, tr("Step back"), QStringLiteral("c3dBack"));
    m_play = transportButton(QStyle::SP_MediaPlay, tr("Play / pause"), QStringLiteral("c3dPlay"));
    m_forward =
        transportButton(QStyle::SP_MediaSeekForward, tr("Step forward"), QStringLiteral("c3dForward"));
    m_last = transportButton(QStyle::SP_MediaSkipForward, tr("Jump to the end"), QStringLiteral("c3dLast"));
    m_seek = new QSlider(Qt::Horizontal);
    m_seek->setObjectName(QStringLiteral("c3dSeek"));
    m_position = new QLabel;
    m_position->setObjectName(QStringLiteral("c3dPosition"));
    m_position->setMinimumWidth(110);
    auto* transport = new QHBoxLayout;
    for (QToolButton* b : {m_first, m_back, m_play, m_forward, m_last}) transport->addWidget(b);
    transport->addWidget(m_seek, 1);
    transport->addWidget(m_position);

    auto* right = new QVBoxLayout;
    right->addWidget(m_board, 1);
    right->addWidget(m_arithmetic);
    right->addWidget(m_shape);
    right->addLayout(transport);
    auto* layout = new QHBoxLayout(this);
    layout->addLayout(side, 0);
    layout->addLayout(right, 1);

    m_timer = new QTimer(this);
    m_timer->setInterval(500);
    connect(m_timer, &QTimer::timeout, this, [this] {
        if (m_step >= stepCount() - 1) {
            pause();
        } else {
            stepForward();
        }
    });
    connect(m_first, &QToolButton::clicked, this, [this] { setStep(-1); });
    connect(m_back, &QToolButton::clicked, this, &Conv3dPage::stepBack);
    connect(m_play, &QToolButton::clicked, this, [this] { isPlaying() ? pause() : play(); });
    connect(m_forward, &QToolButton::clicked, this, &Conv3dPage::stepForward);
    connect(m_last, &QToolButton::clicked, this, [this] { setStep(stepCount() - 1); });
    connect(m_seek, &QSlider::valueChanged, this, [this](int v) { setStep(v - 1); });
    connect(m_preset, &QComboBox::activated, this,
            [this](int index) { loadPreset(static_cast<Preset>(index)); });
    for (QComboBox* box : {m_input, m_kernel})
        connect(box, &QComboBox::currentIndexChanged, this, &Conv3dPage::rebuild);
    for (QSpinBox* s : {m_depth, m_height, m_width, m_kernelDepth, m_kernelSide, m_strideDepth, m_stride,
                        m_padDepth, m_pad})
        connect(s, &QSpinBox::valueChanged, this, &Conv3dPage::rebuild);
    rebuild();
}

Conv3dPage::~Conv3dPage() = default;

void Conv3dPage::loadPreset(Preset preset) {
    m_loading = true;
    const bool video = preset == VideoPreset;
    {
        const QSignalBlocker block(m_preset);
        m_preset->setCurrentIndex(preset);
    }
    m_input->setCurrentIndex(video ? 1 : 0);
    m_kernel->setCurrentIndex(video ? 1 : 0);
    m_depth->setValue(video ? 6 : 3);
    m_height->setValue(video ? 4 : 4);
    m_width->setValue(video ? 7 : 4);
    m_kernelDepth->setValue(video ? 2 : 3);
    m_kernelSide->setValue(video ? 1 : 3);
    for (QSpinBox* s : {m_strideDepth, m_stride}) s->setValue(1);
    for (QSpinBox* s : {m_padDepth, m_pad}) s->setValue(0);
    m_loading = false;
    m_step = -1;
    rebuild();
}

int Conv3dPage::stepCount() const {
    return m_trace ? m_trace->stepCount() : 0;
}

bool Conv3dPage::isPlaying() const {
    return m_timer->isActive();
}

void Conv3dPage::play() {
    if (!m_trace) return;
    if (m_step >= stepCount() - 1) setStep(-1);
    m_timer->start();
    updateTransport();
}

void Conv3dPage::pause() {
    m_timer->stop();
    updateTransport();
}

void Conv3dPage::rebuild() {
    if (m_loading) return;
    const bool video = m_input->currentIndex() == 1;
    try {
        const conv::Volume3d input =
            video ? conv::movingSquareVideo(m_depth->value(), m_height->value(), m_width->value())
                  : conv::Volume3d::sequence(1, m_depth->value(), m_height->value(), m_width->value());
        const int kd = m_kernelDepth->value();
        const int k = m_kernelSide->value();
        const std::string kernelName = kKernels[std::clamp(m_kernel->currentIndex(), 0, 2)];
        conv::Conv3dSpec spec;
        spec.stride = {m_strideDepth->value(), m_stride->value(), m_stride->value()};
        spec.padding = {m_padDepth->value(), m_pad->value(), m_pad->value()};
        auto trace = std::make_shared<const conv::Conv3dTrace>(
            input, conv::FilterBank3d::fromKernel(kd, k, k, conv::conv3dKernel(kernelName, kd, k, k)), spec);
        m_trace = std::move(trace);
    } catch (const std::exception& e) {
        pause();
        m_error->setText(QString::fromStdString(e.what()));
        m_error->setVisible(true);
        m_board->setEnabled(false);
        return;
    }
    m_error->setVisible(false);
    m_board->setEnabled(true);
    const conv::Volume3d& in = m_trace->input();
    const conv::FilterBank3d& w = m_trace->weights();
    const conv::Conv3dSpec& s = m_trace->spec();
    const conv::Volume3d& out = m_trace->output();
    const std::string d =
        conv::convOutputSize(in.depth, w.kernelDepth, s.stride.d, s.padding.d, s.padding.d, 1).arithmetic;
    const std::string h =
        conv::convOutputSize(in.height, w.kernelHeight, s.stride.y, s.padding.y, s.padding.y, 1).arithmetic;
    const std::string wd =
        conv::convOutputSize(in.width, w.kernelWidth, s.stride.x, s.padding.x, s.padding.x, 1).arithmetic;
    m_shape->setText(
        tr("D: %1\nH: %2\nW: %3\nInput %4×%5×%6 → output %7×%8×%9 (D×H×W) · %10 steps")
            .arg(QString::fromStdString(d), QString::fromStdString(h), QString::fromStdString(wd))
            .arg(in.depth)
            .arg(in.height)
            .arg(in.width)
            .arg(out.depth)
            .arg(out.height)
            .arg(out.width)
            .arg(m_trace->stepCount()));
    const bool difference = m_kernel->currentIndex() == 1;
    m_note->setText(
        difference
            ? tr("The frame-difference kernel subtracts the sum under its window on the first plane from "
                 "the sum on the last. Where nothing moves the two cancel and the output is 0; where "
                 "the square has left a cell it is negative, where it has arrived positive: a "
                 "temporal kernel sees motion, which no single frame shows.")
            : tr("The kernel is a box of %1 planes: each step multiplies every cell of the box by its "
                 "weight and adds them up, then the box moves along the columns, the rows and finally "
                 "the depth (frames).")
                  .arg(w.kernelDepth));
    m_step = std::clamp(m_step, -1, stepCount() - 1);
    updateTransport();
    showFrame();
}

void Conv3dPage::setStep(int step) {
    if (!m_trace) return;
    step = std::clamp(step, -1, stepCount() - 1);
    if (step == m_step) return;
    m_step = step;
    updateTransport();
    showFrame();
    Q_EMIT stepChanged(m_step);
}

void Conv3dPage::showFrame() {
    if (!m_trace) return;
    const conv::Conv3dSpec& spec = m_trace->spec();
    widgets::PlaneStack input = planesOf(m_trace->paddedInput(), tr("Input"));
    input.padDepth = spec.padding.d;
    input.padHeight = spec.padding.y;
    input.padWidth = spec.padding.x;
    widgets::PlaneStack output = planesOf(m_trace->partialOutput(m_step + 1), tr("Output"));
    if (m_step < 0) {
        m_board->setStacks(input, output);
        m_board->clearKernelBox();
        m_arithmetic->setText(
            tr("Start: nothing computed. Step forward or play: the kernel box visits every "
               "output position, column by column, row by row, plane by plane."));
        return;
    }
    const conv::Conv3dStep step = m_trace->step(m_step);
    int box[6] = {1 << 20, -(1 << 20), 1 << 20, -(1 << 20), 1 << 20, -(1 << 20)};
    for (const conv::Tap3d& t : step.taps) {
        const int z = t.z + spec.padding.d, y = t.y + spec.padding.y, x = t.x + spec.padding.x;
        if (t.channel == 0) input.marked.append(input.index(z, y, x));
        box[0] = std::min(box[0], z);
        box[1] = std::max(box[1], z);
        box[2] = std::min(box[2], y);
        box[3] = std::max(box[3], y);
        box[4] = std::min(box[4], x);
        box[5] = std::max(box[5], x);
    }
    output.marked.append(output.index(step.z, step.y, step.x));
    m_board->setStacks(input, output);
    m_board->setKernelBox(box[0], box[1], box[2], box[3], box[4], box[5]);
    m_arithmetic->setText(tr("out[d=%1, y=%2, x=%3] = %4")
                              .arg(step.z)
                              .arg(step.y)
                              .arg(step.x)
                              .arg(QString::fromStdString(m_trace->arithmetic(step, 27))));
}

void Conv3dPage::updateTransport() {
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
}

}  // namespace convscope::gui
