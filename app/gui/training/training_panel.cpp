#include "app/gui/training/training_panel.h"

#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>
#include <cmath>
#include <exception>

#include "app/gui/support/writable_folder.h"
#include "app/gui/training/embedding_page.h"
#include "app/gui/training/gradient_views.h"
#include "app/gui/training/lr_finder_dialog.h"
#include "app/gui/training/run_store.h"
#include "app/gui/training/training_charts.h"
#include "app/gui/training/training_controller.h"
#include "app/gui/training/training_form.h"
#include "app/gui/training/training_panel_state.h"
#include "app/gui/training/training_run_list.h"
#include "app/gui/training/training_start_box.h"
#include "widgets/image/tile_grid_view.h"
#include "widgets/plot/heatmap_view.h"

namespace convscope::gui {

namespace {

QString duration(double seconds) {
    const qint64 t = qint64(std::llround(std::max(0.0, seconds)));
    if (t >= 3600) return QObject::tr("%1 h %2 min").arg(t / 3600).arg((t % 3600) / 60);
    if (t >= 60) return QObject::tr("%1 min %2 s").arg(t / 60).arg(t % 60);
    return QObject::tr("%1 s").arg(t);
}

}  // namespace

TrainingPanel::TrainingPanel(const QString& runsDirectory, QWidget* parent)
    : Panel(parent), m_runsDirectory(runsDirectory.isEmpty() ? RunStore::defaultDirectory() : runsDirectory) {
    setObjectName(QStringLiteral("trainingPanel"));
    m_form = new TrainingForm;
    m_form->setObjectName(QStringLiteral("trainingForm"));
    auto* formScroll = new QScrollArea;
    formScroll->setWidget(m_form);
    formScroll->setWidgetResizable(true);
    formScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    formScroll->setMinimumWidth(m_form->sizeHint().width() + 24);

    m_start = new QPushButton(tr("Start"));
    m_start->setObjectName(QStringLiteral("trainStart"));
    m_pause = new QPushButton(tr("Pause"));
    m_pause->setObjectName(QStringLiteral("trainPause"));
    m_stop = new QPushButton(tr("Stop"));
    m_stop->setObjectName(QStringLiteral("trainStop"));
    m_progress = new QProgressBar;
    m_progress->setObjectName(QStringLiteral("trainProgress"));
    m_progress->setFormat(tr("idle"));
    m_progress->setValue(0);
    m_progress->setMinimumWidth(160);
    m_status = new QLabel(tr("Choose a preset or the settings, then Start."));
    m_status->setObjectName(QStringLiteral("trainStatus"));
    m_status->setWordWrap(true);
    auto* architecture = new QPushButton(tr("Architecture"));
    architecture->setObjectName(QStringLiteral("trainArchitecture"));
    architecture->setToolTip(
        tr("See how the chosen model is built, layer by layer, in the Architecture tab"));
    auto* transport = new QHBoxLayout;
    transport->addWidget(m_start);
    transport->addWidget(m_pause);
    transport->addWidget(m_stop);
    transport->addWidget(m_progress, 1);
    transport->addWidget(architecture);
    connect(architecture, &QPushButton::clicked, this,
            [this] { Q_EMIT architectureRequested(architectureRequest()); });
    connect(m_form, &TrainingForm::changed, this, [this] { Q_EMIT modelChosen(architectureRequest()); });
    connect(m_form, &TrainingForm::findLearningRateRequested, this,
            [this] { lrFinderDialog()->startFrom(*m_form); });

    m_charts = new TrainingCharts;
    m_samples = new widgets::TileGridView;
    m_samples->setObjectName(QStringLiteral("trainSamples"));
    m_samples->setTileWidth(84);
    auto* samplesScroll = new QScrollArea;
    samplesScroll->setWidget(m_samples);
    samplesScroll->setWidgetResizable(true);
    m_confusion = new widgets::HeatmapView;
    m_confusion->setObjectName(QStringLiteral("trainConfusion"));
    m_confusion->setColormap(common::Colormap::Viridis);
    m_confusion->setTitle(tr("Confusion matrix (test set)"));
    m_confusion->setColorBarLabel(tr("share of the true class"));
    // Index axes: whole-number ticks, one per class where they fit (no half-class ticks for three classes).
    m_confusion->setAxisTitles(tr("predicted class"), tr("true class"));
    m_confusion->setValueRange(0.0, 1.0);
    connect(m_confusion, &widgets::HeatmapView::cellClicked, this, &TrainingPanel::onConfusionClicked);
    m_summary = new QLabel;
    m_summary->setWordWrap(true);
    m_summary->setObjectName(QStringLiteral("trainSummary"));

    m_runList = new TrainingRunList(m_runsDirectory);

    auto* lower = new QSplitter(Qt::Horizontal);
    auto* samplesBox = new QWidget;
    auto* samplesLayout = new QVBoxLayout(samplesBox);
    samplesLayout->setContentsMargins(0, 0, 0, 0);
    auto* samplesTitle = new QLabel(tr("Test images: true class → prediction (✗ wrong)"));
    samplesTitle->setWordWrap(true);  // labels that wrap do not set the window's minimum width
    samplesLayout->addWidget(samplesTitle);
    samplesLayout->addWidget(samplesScroll, 1);
    lower->addWidget(samplesBox);
    auto* confusionBox = new QWidget;
    auto* confusionLayout = new QVBoxLayout(confusionBox);
    confusionLayout->setContentsMargins(0, 0, 0, 0);
    confusionLayout->addWidget(m_confusion, 1);
    confusionLayout->addWidget(m_summary);
    lower->addWidget(confusionBox);
    lower->addWidget(m_runList);
    // The live views of a run, one tab each: loss and accuracy, the gradients through the layers, the
    // embedding of the test images.
    m_viewTabs = new QTabWidget;
    m_viewTabs->setObjectName(QStringLiteral("trainViewTabs"));
    m_viewTabs->setDocumentMode(true);
    m_viewTabs->addTab(m_charts, tr("Loss and accuracy"));
    auto* right = new QSplitter(Qt::Vertical);
    right->addWidget(m_viewTabs);
    right->addWidget(lower);
    right->setStretchFactor(0, 1);
    right->setStretchFactor(1, 1);
    auto* rightBox = new QWidget;
    auto* rightLayout = new QVBoxLayout(rightBox);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addLayout(transport);
    rightLayout->addWidget(m_status);
    rightLayout->addWidget(right, 1);
    auto* splitter = new QSplitter(Qt::Horizontal);
    splitter->addWidget(formScroll);
    splitter->addWidget(rightBox);
    splitter->setStretchFactor(1, 1);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    m_controller = new TrainingController(this);
    // The test images' embedding: follows this controller's run, else the run selected in the list.
    m_viewTabs->addTab(new EmbeddingPage(m_controller, m_runList, m_form), tr("Embedding"));
    // The instruments of training (gradient heatmap, histograms, dead ReLUs), next to the loss: this run's or
    // a stored one's.
    m_viewTabs->insertTab(1, new GradientViews(m_controller, m_runList), tr("Gradients"));
    connect(m_start, &QPushButton::clicked, this, &TrainingPanel::start);
    connect(m_pause, &QPushButton::clicked, this, &TrainingPanel::togglePause);
    connect(m_stop, &QPushButton::clicked, this, &TrainingPanel::stop);
    connect(m_controller, &TrainingController::started, this, &TrainingPanel::onStarted);
    connect(m_controller, &TrainingController::batch, this, &TrainingPanel::onBatch);
    connect(m_controller, &TrainingController::epoch, this, &TrainingPanel::onEpoch);
    connect(m_controller, &TrainingController::instruments, this, &TrainingPanel::instrumentsAvailable);
    connect(m_controller, &TrainingController::samples, this, &TrainingPanel::onSamples);
    connect(m_controller, &TrainingController::features, this, &TrainingPanel::featuresAvailable);
    connect(m_controller, &TrainingController::explanation, this, &TrainingPanel::explanationAvailable);
    connect(m_controller, &TrainingController::message, m_status, &QLabel::setText);
    connect(m_controller, &TrainingController::decoding, this, [this](qint64 done, qint64 total) {
        m_progress->setValue(total > 0 ? int(1000 * done / total) : 0);
        m_progress->setFormat(tr("decoding images %1/%2").arg(done).arg(total));
    });
    connect(m_controller, &TrainingController::finished, this, &TrainingPanel::onFinished);
    connect(m_runList, &TrainingRunList::overlaysChanged, m_charts, &TrainingCharts::setOverlays);
    connect(m_runList, &TrainingRunList::inspectRequested, this, &TrainingPanel::inspectCheckpoint);
    // "Start from a run" offers the runs of this session and the stored ones alike.
    connect(m_runList, &TrainingRunList::reloaded, m_form->startBox(), &TrainingStartBox::setRuns);
    reloadRuns();
    updateButtons();
}

TrainingPanel::~TrainingPanel() = default;

QString TrainingPanel::title() const {
    return tr("Training");
}

void TrainingPanel::saveState() const {
    TrainingPanelState state;
    state.preset = m_form->presetId();
    state.configText = QString::fromStdString(m_form->config().toText());
    state.dataDirectory = m_form->dataDirectory();
    state.save();
}

void TrainingPanel::restoreState() {
    const TrainingPanelState state = TrainingPanelState::load();
    if (!state.configText.isEmpty()) {
        try {
            // No modelChosen: the Architecture panel keeps the model it had (and traces nothing at start-up).
            m_form->restore(state.preset, nn::TrainConfig::fromText(state.configText.toStdString()));
        } catch (const std::exception&) {
            // An outdated or hand-edited configuration: the form keeps its defaults.
        }
    }
    m_form->setDataDirectory(state.dataDirectory);
}

void TrainingPanel::windowClosing() {
    if (isRunning()) stop();
}

void TrainingPanel::setExplainLive(bool on) {
    m_controller->setExplainLive(on);
}

bool TrainingPanel::isRunning() const {
    return m_controller->isRunning();
}

LrFinderDialog* TrainingPanel::lrFinderDialog() {
    if (!m_lrFinder) {
        m_lrFinder = new LrFinderDialog(this);
        connect(m_lrFinder, &LrFinderDialog::applied, m_form->learningRateBox(), &QDoubleSpinBox::setValue);
    }
    return m_lrFinder;
}

QListWidget* TrainingPanel::runList() const {
    return m_runList->list();
}

const QVector<RunRecord>& TrainingPanel::runs() const {
    return m_runList->runs();
}

void TrainingPanel::start() {
    if (m_controller->isRunning()) return;
    const QString startProblem = m_form->startBox()->problem();
    if (!startProblem.isEmpty()) {
        m_status->setText(startProblem);
        return;
    }
    const nn::TrainConfig config = m_form->config();
    try {
        config.validate();
    } catch (const std::invalid_argument& e) {
        m_status->setText(QString::fromUtf8(e.what()));
        return;
    }
    // Before the data is loaded: a run folder that cannot be made fails now, not after minutes of decoding.
    if (const QString problem = folderWriteProblem(m_runsDirectory); !problem.isEmpty()) {
        m_status->setText(tr("The run cannot be saved. %1").arg(problem));
        return;
    }
    TrainingRequest request;
    request.config = config;
    request.dataDirectory = m_form->dataDirectory();
    request.runsDirectory = m_runsDirectory;
    m_charts->clearCurrent();
    m_epochs = config.epochs;
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_progress->setFormat(tr("starting…"));
    m_status->setText(tr("Starting…"));
    m_controller->start(request);
    updateButtons();
}

void TrainingPanel::togglePause() {
    if (!m_controller->isRunning()) return;
    if (m_controller->isPaused()) {
        m_controller->resume();
        m_status->setText(tr("Training…"));
    } else {
        m_controller->pause();
        m_status->setText(tr("Paused after the current batch. Resume to go on."));
    }
    updateButtons();
}

void TrainingPanel::stop() {
    if (!m_controller->isRunning()) return;
    m_controller->stop();
    m_status->setText(tr("Stopping after the current batch…"));
}

void TrainingPanel::onStarted(const RunRecord& run, const QString& device, qint64 parameters) {
    m_currentRunId = run.id;
    m_runList->setCurrentRun(run.id);
    m_charts->setCurrentRun(run.title);
    // The matrix on show is the new run's from its first epoch on, and leads to its checkpoint and its test
    // set: an image folder's run names its folder (as its settings hold it), not Fashion-MNIST's.
    m_confusion->clear();
    m_confusionCheckpoint = run.checkpointPath();
    const nn::TrainConfig trained = nn::TrainConfig::fromText(run.configText.toStdString());
    const std::string folder = trained.dataFolder;
    // The Architecture panel shows the model being trained (as the trainer resolved it, e.g. the
    // architecture of the checkpoint a fine-tuning run starts from), so that its gradient colouring fits.
    Q_EMIT modelChosen(architectureRequestFor(trained));
    m_confusionData = folder.empty() ? m_form->dataDirectory() : QString::fromStdString(folder);
    m_status->setText(
        tr("Training %1 on %2 · %3 parameters").arg(run.title, device, QLocale().toString(parameters)));
    reloadRuns();
    Q_EMIT liveChanged(true);
}

void TrainingPanel::onBatch(const BatchPoint& p) {
    m_charts->addBatch(p);
    const double done = (double(p.epoch - 1) * p.batchesPerEpoch + p.batch) /
                        double(std::max(1, m_epochs * p.batchesPerEpoch));
    m_progress->setValue(int(std::lround(1000.0 * done)));
    m_progress->setFormat(tr("epoch %1/%2 · batch %3/%4 · %5 images/s · ETA %6")
                              .arg(p.epoch)
                              .arg(m_epochs)
                              .arg(p.batch)
                              .arg(p.batchesPerEpoch)
                              .arg(qint64(std::lround(p.imagesPerSecond)))
                              .arg(duration(p.etaSeconds)));
}

void TrainingPanel::onEpoch(const EpochPoint& p) {
    m_charts->addEpoch(p);
    showConfusion(p);
    QVector<widgets::Tile> tiles;
    for (int i = 0; i < m_sampleSet.images.size(); ++i) {
        const int truth = m_sampleSet.labels.value(i), predicted = p.predictions.value(i, -1);
        const bool right = truth == predicted;
        tiles.push_back({m_sampleSet.images[i].scaled(84, 84, Qt::KeepAspectRatio, Qt::FastTransformation),
                         (right ? QString() : QStringLiteral("✗ ")) + m_sampleSet.classNames.value(truth),
                         tr("→ %1").arg(m_sampleSet.classNames.value(predicted, tr("?")))});
    }
    m_samples->setTiles(tiles);
    Q_EMIT statusMessage(
        tr("Epoch %1: test accuracy %2%").arg(p.epoch).arg(100.0 * p.testAccuracy, 0, 'f', 2), 6000);
}

void TrainingPanel::onSamples(const TestSamples& samples) {
    m_sampleSet = samples;
    QVector<widgets::Tile> tiles;
    for (int i = 0; i < samples.images.size(); ++i)
        tiles.push_back({samples.images[i].scaled(84, 84, Qt::KeepAspectRatio, Qt::FastTransformation),
                         samples.classNames.value(samples.labels[i]), tr("→ after epoch 1")});
    m_samples->setTiles(tiles);
}

void TrainingPanel::showConfusion(const EpochPoint& p) {
    const int k = int(p.perClassAccuracy.size());
    if (k == 0) return;
    // Rows normalised by the true class's count: the diagonal is each class's accuracy.
    QVector<float> shares(k * k, 0.0f);
    for (int r = 0; r < k; ++r) {
        qint64 total = 0;
        for (int c = 0; c < k; ++c) total += p.confusion.value(r * k + c);
        for (int c = 0; c < k; ++c)
            shares[r * k + c] = total ? float(double(p.confusion.value(r * k + c)) / total) : 0.0f;
    }
    m_confusion->setAxisTitles(tr("predicted class"), tr("true class"));
    m_confusion->setData(k, k, shares);
    const QStringList names = m_sampleSet.classNames;
    const QVector<qint64> counts = p.confusion;
    m_confusion->setHoverText([names, counts, k](int row, int col) {
        return QObject::tr("true %1, predicted %2: %3 images\nclick to see them in the Explain tab")
            .arg(names.value(row), names.value(col))
            .arg(counts.value(row * k + col));
    });
    int worst = 0;
    for (int c = 1; c < k; ++c)
        if (p.perClassAccuracy[c] < p.perClassAccuracy[worst]) worst = c;
    // Non-breaking spaces keep each number with its name when the label wraps.
    const QChar nbsp(0x00A0);
    QStringList legend;
    for (int c = 0; c < names.size(); ++c)
        legend << QString::number(c) + nbsp + QString(names[c]).replace(QLatin1Char(' '), nbsp);
    m_summary->setText(tr("Test accuracy %1% after epoch %2. Hardest class: %3 (%4%).\nClasses: %5")
                           .arg(100.0 * p.testAccuracy, 0, 'f', 2)
                           .arg(p.epoch)
                           .arg(names.value(worst))
                           .arg(100.0 * p.perClassAccuracy[worst], 0, 'f', 1)
                           .arg(legend.join(QStringLiteral(" · "))));
}

void TrainingPanel::onFinished(const QString& status, const QString& message, const RunRecord&) {
    m_progress->setFormat(status == QLatin1String("finished") ? tr("finished") : status);
    if (status == QLatin1String("finished")) m_progress->setValue(m_progress->maximum());
    m_status->setText(message);
    m_currentRunId.clear();
    m_runList->setCurrentRun(QString());
    Q_EMIT liveChanged(false);
    Q_EMIT statusMessage(message, 8000);
    reloadRuns();
    updateButtons();
}

void TrainingPanel::reloadRuns() {
    m_runList->reload();
}

void TrainingPanel::updateButtons() {
    const bool running = m_controller->isRunning();
    m_start->setEnabled(!running);
    m_pause->setEnabled(running);
    m_pause->setText(m_controller->isPaused() ? tr("Resume") : tr("Pause"));
    m_stop->setEnabled(running);
    m_form->setEnabled(!running);
}

ArchitectureRequest TrainingPanel::architectureRequest() const {
    return architectureRequestFor(m_form->config());
}

ArchitectureRequest TrainingPanel::architectureRequestFor(const nn::TrainConfig& c) {
    ArchitectureRequest r;
    r.model = QString::fromStdString(c.model.name);
    r.inChannels = c.model.inChannels;
    r.classes = c.model.classes;
    r.inputSize = c.model.inputSize;
    r.imagenetStem = c.model.stem == nn::Stem::Imagenet;
    r.block = QString::fromStdString(c.model.block);
    r.skip = c.model.skip;
    r.batchNorm = c.model.batchNorm;
    r.dropout = c.model.dropout;
    r.file = QString::fromStdString(c.model.file);
    return r;
}

}  // namespace convscope::gui
