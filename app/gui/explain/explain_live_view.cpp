#include "app/gui/explain/explain_live_view.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QVBoxLayout>

#include "app/gui/explain/explain_legend.h"
#include "app/gui/explain/explain_overlay_tile.h"
#include "app/gui/explain/explain_text.h"
#include "widgets/common/number_text.h"

namespace convscope::gui {

namespace {
constexpr int kLiveTileSide = 224;
}

ExplainLiveView::ExplainLiveView(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("explainLiveView"));
    auto* layout = new QVBoxLayout(this);
    auto* intro =
        new QLabel(tr("<b>Attention forming while a model trains.</b> The Training panel's pinned test "
                      "image (its first test image), explained by the model being trained once a "
                      "second: Grad-CAM at the last spatial layer and occlusion, for the class the "
                      "model predicts at that moment."),
                   this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_follow = new QCheckBox(tr("Follow the run being trained"), this);
    m_follow->setObjectName(QStringLiteral("explainFollowLive"));
    m_follow->setToolTip(
        tr("Explain the Training panel's pinned test image with the model as it trains, at most "
           "once a second: Grad-CAM at the last spatial layer and occlusion (non-overlapping "
           "4×4 windows). Each snapshot costs the training a few passes."));
    layout->addWidget(m_follow);
    auto* tiles = new QHBoxLayout;
    for (int i = 0; i < 2; ++i) {
        m_tiles[i] = new ExplainOverlayTile(kLiveTileSide, this);
        m_tiles[i]->setObjectName(i == 0 ? QStringLiteral("liveGradCam") : QStringLiteral("liveOcclusion"));
        tiles->addWidget(m_tiles[i]);
    }
    tiles->addWidget(new ExplainLegend(this));
    tiles->addStretch(1);
    layout->addLayout(tiles);
    m_slider = new QSlider(Qt::Horizontal, this);
    m_slider->setObjectName(QStringLiteral("explainLiveSlider"));
    m_slider->setEnabled(false);
    m_slider->setToolTip(
        tr("Go back through the snapshots of this run; at the right end the view follows the "
           "newest."));
    layout->addWidget(m_slider);
    m_position = new QLabel(this);
    m_position->setObjectName(QStringLiteral("explainLivePosition"));
    m_position->setWordWrap(true);
    m_prediction = new QLabel(this);
    m_prediction->setObjectName(QStringLiteral("explainLivePrediction"));
    m_prediction->setWordWrap(true);
    layout->addWidget(m_position);
    layout->addWidget(m_prediction);
    layout->addStretch(1);
    connect(m_follow, &QCheckBox::toggled, this, [this](bool on) {
        updateStatus();
        Q_EMIT followChanged(on);
    });
    connect(m_slider, &QSlider::valueChanged, this, [this](int index) { showSnapshot(index); });
    setLiveAvailable(false);
}

void ExplainLiveView::setLiveAvailable(bool live) {
    if (live && !m_live) {
        m_snapshots.clear();  // a new run: its own series
        m_slider->setRange(0, 0);
        m_slider->setEnabled(false);
    }
    m_live = live;
    updateStatus();
}

void ExplainLiveView::setFollowing(bool on) {
    m_follow->setChecked(on);
}

bool ExplainLiveView::isFollowing() const {
    return m_follow->isChecked();
}

void ExplainLiveView::addSnapshot(const ExplainFrame& frame) {
    if (frame.methods.size() < 2) return;
    const bool atEnd = m_snapshots.isEmpty() || m_slider->value() == m_slider->maximum();
    if (m_snapshots.size() >= kMaxSnapshots) {
        QVector<ExplainFrame> thinned;  // keep every other one, and always the newest half's density
        for (int i = 0; i < m_snapshots.size(); i += 2) thinned.push_back(m_snapshots[i]);
        m_snapshots = thinned;
    }
    m_snapshots.push_back(frame);
    const QSignalBlocker block(m_slider);
    m_slider->setRange(0, int(m_snapshots.size()) - 1);
    m_slider->setEnabled(m_snapshots.size() > 1);
    showSnapshot(atEnd ? int(m_snapshots.size()) - 1 : m_slider->value());
}

int ExplainLiveView::currentIndex() const {
    return m_snapshots.isEmpty() ? -1 : m_slider->value();
}

const ExplainFrame* ExplainLiveView::currentSnapshot() const {
    const int i = currentIndex();
    return i >= 0 && i < m_snapshots.size() ? &m_snapshots[i] : nullptr;
}

void ExplainLiveView::showSnapshot(int index) {
    if (index < 0 || index >= m_snapshots.size()) return;
    if (m_slider->value() != index) {
        const QSignalBlocker block(m_slider);
        m_slider->setValue(index);
    }
    const ExplainFrame& f = m_snapshots[index];
    for (int i = 0; i < 2; ++i) {
        const ExplainMap& m = f.methods[i];
        const QString title = m.layer.isEmpty() ? m.title : tr("%1 · %2").arg(m.title, m.layer);
        m_tiles[i]->setPicture(m.overlay, m.rows, m.cols, title, displayConvention(m),
                               methodDescription(m.method));
    }
    updateStatus();
}

void ExplainLiveView::updateStatus() {
    const ExplainFrame* f = currentSnapshot();
    // Without a snapshot the tiles and the slider would be empty frames: only the sentence says what to do.
    for (ExplainOverlayTile* tile : m_tiles) tile->setVisible(f != nullptr);
    m_slider->setVisible(f != nullptr);
    if (!f) {
        for (ExplainOverlayTile* tile : m_tiles) tile->clear(QString());
        m_position->setText(!m_live ? tr("No run is being trained: start one in the Training panel to watch "
                                         "attention form.")
                            : m_follow->isChecked() ? tr("Waiting for the first snapshot…")
                                                    : tr("Tick “Follow” to explain the run being trained."));
        if (!m_live && m_follow->isChecked())
            m_position->setText(
                tr("The next run started in the Training panel will be explained as it trains."));
        m_prediction->clear();
        return;
    }
    m_position->setText(tr("Snapshot %1 of %2 · step %3 · %4")
                            .arg(currentIndex() + 1)
                            .arg(m_snapshots.size())
                            .arg(widgets::groupedNumber(f->step))
                            .arg(f->source));
    const int p = f->predicted;
    m_prediction->setText(tr("Predicted %1 (%2 %)%3")
                              .arg(explainClassName(*f, p))
                              .arg(widgets::formatValue(100.0 * f->probabilities.value(p), 3))
                              .arg(f->trueLabel >= 0
                                       ? tr(" · true class %1").arg(explainClassName(*f, f->trueLabel))
                                       : QString()));
}

}  // namespace convscope::gui
