#include "app/gui/training/embedding_page.h"

#include <QComboBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

#include "app/gui/training/embedding_controller.h"
#include "app/gui/training/training_controller.h"
#include "app/gui/training/training_form.h"
#include "app/gui/training/training_run_list.h"
#include "widgets/plot/scatter_plot_view.h"

namespace convscope::gui {

namespace {

QString embeddingPercent(double share) {
    return QStringLiteral("%1 %").arg(100.0 * share, 0, 'f', 1);
}

}  // namespace

EmbeddingPage::EmbeddingPage(TrainingController* training, TrainingRunList* runs, TrainingForm* form,
                             QWidget* parent)
    : QWidget(parent), m_runs(runs), m_form(form) {
    setObjectName(QStringLiteral("trainEmbedding"));
    m_method = new QComboBox;
    m_method->setObjectName(QStringLiteral("embeddingMethod"));
    m_method->addItem(tr("PCA"), int(EmbeddingMethod::Pca));
    m_method->addItem(tr("t-SNE"), int(EmbeddingMethod::Tsne));
    m_method->setToolTip(
        tr("PCA: the two directions of largest variance, a linear view. t-SNE: keeps each "
           "image's neighbours together, a non-linear map (a few seconds for 1,000 images)."));
    m_tap = new QComboBox;
    m_tap->setObjectName(QStringLiteral("embeddingTap"));
    m_tap->setToolTip(
        tr("The layer whose activations (averaged over height and width) are projected: the "
           "penultimate one shows what the classifier reads; earlier ones show the classes "
           "separating with depth."));
    m_tap->addItem(tr("penultimate layer"), QString());
    m_tap->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_refresh = new QPushButton(tr("Refresh"));
    m_refresh->setObjectName(QStringLiteral("embeddingRefresh"));
    m_refresh->setToolTip(tr("Compute the embedding of the shown run's model again"));
    m_progress = new QProgressBar;
    m_progress->setObjectName(QStringLiteral("embeddingProgress"));
    m_progress->setMaximumWidth(220);
    m_progress->setVisible(false);
    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Projection")));
    controls->addWidget(m_method);
    controls->addSpacing(8);
    controls->addWidget(new QLabel(tr("Layer")));
    controls->addWidget(m_tap);
    controls->addWidget(m_refresh);
    controls->addWidget(m_progress);
    controls->addStretch(1);
    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("embeddingStatus"));
    m_status->setWordWrap(true);
    m_view = new widgets::ScatterPlotView;
    m_view->setObjectName(QStringLiteral("embeddingView"));
    m_view->setEmptyText(
        tr("Train a model (Start) or select a finished run in the list: its test images "
           "appear here as points, one colour per class."));
    m_note =
        new QLabel(tr("t-SNE keeps neighbours together but not distances: the gaps between clusters and "
                      "their sizes mean little."));
    m_note->setObjectName(QStringLiteral("embeddingNote"));
    m_note->setWordWrap(true);
    m_note->setVisible(false);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(controls);
    layout->addWidget(m_status);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_note);

    m_controller = new EmbeddingController(this);
    connect(m_controller, &EmbeddingController::progress, this,
            [this](int done, int total, const QString& step) {
                m_progress->setVisible(true);
                m_progress->setRange(0, std::max(0, total));  // 0 … 0: busy without a measure
                m_progress->setValue(done);
                m_progress->setFormat(total > 0 ? step + QStringLiteral(" %p%") : step);
            });
    connect(m_controller, &EmbeddingController::ready, this, &EmbeddingPage::onReady);
    connect(m_controller, &EmbeddingController::failed, this, &EmbeddingPage::onFailed);
    connect(m_method, &QComboBox::currentIndexChanged, this, [this] {
        updateAxisTitles();
        m_dirty = true;
        requestIfShown();
    });
    connect(m_tap, &QComboBox::currentIndexChanged, this, [this] {
        m_dirty = true;
        requestIfShown();
    });
    connect(m_refresh, &QPushButton::clicked, this, [this] {
        if (m_checkpoint.isEmpty()) chooseNewestRun();
        refresh();
    });
    if (training) {
        connect(training, &TrainingController::started, this, &EmbeddingPage::followRun);
        connect(training, &TrainingController::epoch, this, &EmbeddingPage::onEpoch);
        connect(training, &TrainingController::finished, this, &EmbeddingPage::onRunFinished);
    }
    if (m_runs) connect(m_runs->list(), &QListWidget::currentRowChanged, this, &EmbeddingPage::onRunSelected);
    m_view->setThumbnailProvider([this](int i) { return m_frame.thumbnails.value(i); });
    m_view->setHoverText([this](int i) { return tr("test image %1").arg(m_frame.indices.value(i)); });
    updateAxisTitles();
    m_status->setText(tr("No model yet."));
}

EmbeddingPage::~EmbeddingPage() = default;

void EmbeddingPage::followRun(const RunRecord& run) {
    m_live = true;
    m_epoch = 0;
    setSource(run.checkpointPath(), run.title);
    m_dirty = false;  // nothing to show before the first epoch's checkpoint
    m_controller->cancel();
    m_frame = EmbeddingFrame();
    m_view->clear();
    m_view->setEmptyText(tr("The test images appear here after the first epoch."));
    m_status->setText(tr("Training %1: the embedding follows each epoch's checkpoint.").arg(run.title));
}

void EmbeddingPage::onEpoch(const EpochPoint& point) {
    if (!m_live) return;
    m_epoch = point.epoch;
    m_dirty = true;
    requestIfShown();
}

void EmbeddingPage::onRunFinished() {
    m_live = false;
    // A run that stopped before its first epoch left no checkpoint: keep the hint.
    if (!QFileInfo::exists(m_checkpoint)) m_checkpoint.clear();
}

void EmbeddingPage::onRunSelected(int row) {
    if (m_live || !m_runs || row < 0 || row >= m_runs->runs().size()) return;
    const RunRecord& run = m_runs->runs()[row];
    if (run.epochs.isEmpty() || !QFileInfo::exists(run.checkpointPath())) return;
    if (run.checkpointPath() == m_checkpoint && !m_frame.isEmpty()) return;
    m_epoch = 0;
    setSource(run.checkpointPath(), run.title);
    requestIfShown();
}

void EmbeddingPage::chooseNewestRun() {
    if (!m_runs) return;
    for (const RunRecord& run : m_runs->runs()) {  // newest first
        if (run.epochs.isEmpty() || !QFileInfo::exists(run.checkpointPath())) continue;
        setSource(run.checkpointPath(), run.title);
        return;
    }
}

void EmbeddingPage::setSource(const QString& checkpoint, const QString& title) {
    m_checkpoint = checkpoint;
    m_title = title;
    m_dirty = true;
}

void EmbeddingPage::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    if (m_checkpoint.isEmpty() && !m_live) chooseNewestRun();
    requestIfShown();
}

void EmbeddingPage::requestIfShown() {
    if (m_dirty && isVisible()) refresh();
}

void EmbeddingPage::refresh() {
    if (m_checkpoint.isEmpty()) {
        m_status->setText(tr("No run with a checkpoint yet: train one first."));
        return;
    }
    m_dirty = false;
    EmbeddingRequest r;
    r.checkpointPath = m_checkpoint;
    r.dataDirectory = m_form ? m_form->dataDirectory() : QString();
    r.method = EmbeddingMethod(m_method->currentData().toInt());
    r.tap = m_tap->currentData().toString();
    m_controller->request(r);
    m_progress->setVisible(true);
    m_progress->setRange(0, 0);
    m_progress->setFormat(tr("starting"));
    m_status->setText(m_epoch > 0 ? tr("%1 after epoch %2: computing…").arg(m_title).arg(m_epoch)
                                  : tr("%1: computing…").arg(m_title));
}

void EmbeddingPage::onReady(const EmbeddingFrame& frame) {
    m_progress->setVisible(false);
    m_frame = frame;
    // The layers of this model; the choice is kept when the new model has it too.
    const QString chosen = m_tap->currentData().toString();
    {
        const QSignalBlocker block(m_tap);
        m_tap->clear();
        for (const QString& t : frame.taps)
            m_tap->addItem(t == frame.defaultTap ? tr("%1 (penultimate)").arg(t) : t,
                           t == frame.defaultTap ? QString() : t);
        const int at = m_tap->findData(frame.taps.contains(chosen) ? chosen : QString());
        m_tap->setCurrentIndex(std::max(0, at));
    }
    m_view->setClassNames(frame.classNames);
    QVector<int> labels = frame.labels;
    m_view->setPoints(frame.points, labels);
    const bool tsne = frame.request.method == EmbeddingMethod::Tsne;
    m_view->setTitle(tr("%1 test images at %2 (%3 dimensions), %4")
                         .arg(frame.points.size())
                         .arg(frame.tap)
                         .arg(frame.dims)
                         .arg(tsne ? tr("t-SNE") : tr("PCA")));
    m_view->setSubtitle(tr("kNN accuracy (k = %1): %2 in the layer's %3 dimensions, %4 in this 2-D view")
                            .arg(frame.request.k)
                            .arg(embeddingPercent(frame.knnAccuracy))
                            .arg(frame.dims)
                            .arg(embeddingPercent(frame.knnAccuracy2d)));
    updateAxisTitles();
    // The run's title names its model; a checkpoint without a run is named by its model.
    const QString what = m_title.isEmpty() ? frame.modelTitle : m_title;
    const QString when = m_epoch > 0 ? tr("after epoch %1").arg(m_epoch) : tr("step %1").arg(frame.step);
    m_status->setText(tr("%1, %2 · computed in %3 s · hover over a point to see its image")
                          .arg(what, when)
                          .arg(frame.seconds, 0, 'f', 1));
}

void EmbeddingPage::onFailed(const QString& message) {
    m_progress->setVisible(false);
    m_status->setText(message);
}

void EmbeddingPage::updateAxisTitles() {
    // The titles describe the points on show; before the first, the projection chosen.
    const bool tsne = m_frame.isEmpty()
                          ? EmbeddingMethod(m_method->currentData().toInt()) == EmbeddingMethod::Tsne
                          : m_frame.request.method == EmbeddingMethod::Tsne;
    const bool shown = !m_frame.isEmpty() && !tsne;
    m_note->setVisible(tsne);
    if (tsne) {
        m_view->setAxisTitles(tr("t-SNE 1 (no units)"), tr("t-SNE 2 (no units)"));
    } else if (shown && m_frame.explainedVarianceRatio.size() >= 2) {
        m_view->setAxisTitles(
            tr("PC 1 (%1 of variance)").arg(embeddingPercent(m_frame.explainedVarianceRatio[0])),
            tr("PC 2 (%1 of variance)").arg(embeddingPercent(m_frame.explainedVarianceRatio[1])));
    } else {
        m_view->setAxisTitles(tr("PC 1"), tr("PC 2"));
    }
}

}  // namespace convscope::gui
