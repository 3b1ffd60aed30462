#include "app/gui/training/degradation_experiment_dialog.h"

#include <QCloseEvent>
#include <QComboBox>
#include <QDir>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "app/gui/training/degradation_chart.h"
#include "app/gui/training/degradation_worker.h"
#include "core/nn/data/dataset_location.h"

namespace convscope::gui {

namespace {
constexpr int kDegradationProgressSteps = 1000;

QString degradationElapsed(double seconds) {
    const int s = int(seconds + 0.5);
    return s < 60 ? QObject::tr("%1 s").arg(s) : QObject::tr("%1 min %2 s").arg(s / 60).arg(s % 60);
}
}  // namespace

DegradationExperimentDialog::DegradationExperimentDialog(QWidget* parent)
    : QDialog(parent), m_jobs(QStringLiteral("degradation"), 1, this) {
    qRegisterMetaType<DegradationRequest>();
    qRegisterMetaType<DegradationRunInfo>();
    qRegisterMetaType<DegradationOutcome>();
    qRegisterMetaType<InstrumentFrame>();
    setObjectName(QStringLiteral("degradationExperimentDialog"));
    setWindowTitle(tr("Degradation Experiment (He et al. 2016, figure 6)"));
    setModal(false);

    m_chart = new DegradationChart;
    auto* layout = new QHBoxLayout(this);
    layout->addWidget(buildForm());
    layout->addWidget(m_chart, 1);
    resize(1360, 860);

    // One experiment at a time (start() refuses while one runs), so the reports before `finished` can only
    // be the current experiment's.
    m_worker = m_jobs.adopt(new DegradationWorker);
    connect(m_worker, &DegradationWorker::progress, this, [this](const QString& stage, double fraction) {
        m_progress->setValue(int(fraction * kDegradationProgressSteps + 0.5));
        m_progress->setFormat(stage + QStringLiteral(" — %p %"));
    });
    connect(m_worker, &DegradationWorker::runStarted, m_chart, &DegradationChart::addRun);
    connect(m_worker, &DegradationWorker::batch, this,
            [this](int run, qint64 step, double loss, const InstrumentFrame& frame) {
                m_chart->addLoss(run, step, loss);
                if (!frame.isEmpty()) m_chart->addFrame(run, frame);
            });
    connect(m_worker, &DegradationWorker::epoch, this,
            [this](int run, int epoch, qint64, double, double testError) {
                m_chart->addEpoch(run, epoch, testError);
            });
    connect(m_worker, &DegradationWorker::message, m_status, &QLabel::setText);
    connect(m_worker, &DegradationWorker::finished, this, &DegradationExperimentDialog::onFinished);
    connect(&m_jobs, &JobRunner::jobFailed, this, [this](int, quint64 generation, const QString& message) {
        DegradationOutcome failed;
        failed.status = QStringLiteral("failed");
        failed.message = message;
        onFinished(generation, failed);
    });
    setRunning(false);
}

DegradationExperimentDialog::~DegradationExperimentDialog() = default;

QWidget* DegradationExperimentDialog::buildForm() {
    const DegradationRequest defaults;
    m_epochs = new QSpinBox;
    m_epochs->setObjectName(QStringLiteral("degradationEpochs"));
    m_epochs->setRange(1, 200);
    m_epochs->setValue(defaults.epochs);
    m_epochs->setToolTip(tr("Epochs of every run; the learning rate is divided by 10 after half of them"));
    m_images = new QSpinBox;
    m_images->setObjectName(QStringLiteral("degradationImages"));
    m_images->setRange(128, 60000);
    m_images->setSingleStep(1000);
    m_images->setGroupSeparatorShown(true);
    m_images->setValue(int(defaults.limitTrain));
    m_images->setToolTip(tr("The first N of Fashion-MNIST's 60,000 training images, the same for every run"));
    m_seed = new QSpinBox;
    m_seed->setObjectName(QStringLiteral("degradationSeed"));
    m_seed->setRange(0, 1000000);
    m_seed->setValue(int(defaults.seed));
    m_seed->setToolTip(tr("Weights and order of the batches: one seed for all four runs"));
    m_device = new QComboBox;
    m_device->setObjectName(QStringLiteral("degradationDevice"));
    m_device->addItem(tr("CPU"), QStringLiteral("cpu"));
    m_device->addItem(tr("CUDA GPU (falls back to the CPU)"), QStringLiteral("cuda"));
    m_dataLabel = new QLabel;
    m_dataLabel->setWordWrap(true);
    m_dataLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    setDataDirectory(QString());

    auto* recipe = new QLabel(
        tr("The paper's recipe for every run: SGD with momentum 0.9, weight decay 10⁻⁴, batches of 128, "
           "learning rate divided by 10 from the first epoch past half of them (with 3 epochs: the last); "
           "but a rate of 0.02 instead of 0.1, at which ResNet-56 is unstable in its first steps of a run "
           "this short."));
    recipe->setObjectName(QStringLiteral("degradationRecipe"));
    recipe->setWordWrap(true);

    auto* form = new QFormLayout;
    form->addRow(tr("Training images"), m_images);
    form->addRow(tr("Epochs"), m_epochs);
    form->addRow(tr("Seed"), m_seed);
    form->addRow(tr("Device"), m_device);
    form->addRow(tr("Data"), m_dataLabel);

    m_start = new QPushButton(tr("Start"));
    m_start->setObjectName(QStringLiteral("degradationStart"));
    m_start->setDefault(true);
    m_stop = new QPushButton(tr("Stop"));
    m_stop->setObjectName(QStringLiteral("degradationStop"));
    connect(m_start, &QPushButton::clicked, this, [this] { start(); });
    connect(m_stop, &QPushButton::clicked, this, &DegradationExperimentDialog::stop);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_start);
    buttons->addWidget(m_stop);
    m_progress = new QProgressBar;
    m_progress->setObjectName(QStringLiteral("degradationProgress"));
    m_progress->setRange(0, kDegradationProgressSteps);
    m_progress->setValue(0);
    m_progress->setFormat(tr("Ready"));
    m_progress->setTextVisible(true);
    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("degradationStatus"));
    m_status->setWordWrap(true);
    // Measured with the defaults (docs/benchmarks.md, "Degradation experiment"): what to expect, honestly.
    m_timing = new QLabel(
        tr("<b>How long, what it shows</b> (measured, docs/benchmarks.md). With these defaults the four runs "
           "took about 5 minutes on this machine's two CPU cores while other programs were busy (plain-20 "
           "47 s, plain-56 109 s, ResNet-20 28 s, ResNet-56 111 s). Plain-56 ends above Plain-20 (last-epoch "
           "training loss 1.96 against 1.70, test error 73 % against 65 %): the degradation. With shortcuts "
           "depth pays: ResNet-56 ends below ResNet-20 (0.69 against 0.86, test error 26 % against 31 %). In "
           "the heatmaps Plain-56's first layer starts with the largest gradient (norm 68 against Plain-20's "
           "1.4) and ends with the smallest (0.008 against 0.39), while ResNet-56's stays near ResNet-20's "
           "(0.49 against 0.59)."));
    m_timing->setObjectName(QStringLiteral("degradationTiming"));
    m_timing->setWordWrap(true);
    m_timing->setTextFormat(Qt::RichText);

    auto* box = new QGroupBox(tr("Plain-20, Plain-56, ResNet-20, ResNet-56"));
    auto* column = new QVBoxLayout(box);
    column->addWidget(recipe);
    column->addLayout(form);
    column->addLayout(buttons);
    column->addWidget(m_progress);
    column->addWidget(m_status);
    column->addWidget(m_timing);
    column->addStretch(1);
    box->setMinimumWidth(300);
    box->setMaximumWidth(340);
    return box;
}

void DegradationExperimentDialog::setDataDirectory(const QString& directory) {
    m_dataDirectory = directory;
    const QString shown =
        directory.isEmpty() ? QString::fromStdString(nn::defaultFashionMnistDirectory()) : directory;
    m_dataLabel->setText(tr("Fashion-MNIST in %1").arg(QDir::toNativeSeparators(shown)));
}

DegradationRequest DegradationExperimentDialog::request() const {
    DegradationRequest r;
    r.models = m_models;
    r.epochs = m_epochs->value();
    r.limitTrain = m_images->value();
    r.limitTest = m_limitTest;
    r.seed = quint64(m_seed->value());
    r.device = m_device->currentData().toString();
    r.threads = m_threads;
    r.batchSize = m_batchSize;
    r.dataDirectory = m_dataDirectory;
    return r;
}

bool DegradationExperimentDialog::isRunning() const {
    return m_jobs.isBusy();
}

bool DegradationExperimentDialog::start() {
    if (isRunning()) return false;
    const DegradationRequest r = request();
    m_outcome = DegradationOutcome{};
    m_chart->reset(r.models);
    m_status->clear();
    m_progress->setValue(0);
    m_progress->setFormat(tr("Starting…"));
    m_jobs.post([worker = m_worker, r](const JobToken& token) { worker->run(token, r); });
    setRunning(true);
    return true;
}

void DegradationExperimentDialog::stop() {
    if (!isRunning()) return;
    m_jobs.cancel();
    m_progress->setFormat(tr("Stopping after this batch…"));
}

void DegradationExperimentDialog::onFinished(quint64 generation, const DegradationOutcome& outcome) {
    if (!m_jobs.finish(0, generation)) return;
    m_outcome = outcome;
    m_chart->setOutcome(outcome);
    if (outcome.status == QLatin1String("finished")) {
        m_progress->setValue(kDegradationProgressSteps);
        m_progress->setFormat(tr("Finished in %1").arg(degradationElapsed(outcome.seconds)));
    } else if (outcome.status == QLatin1String("stopped")) {
        m_progress->setFormat(tr("Stopped — %p % done"));
    } else {
        m_progress->setFormat(tr("Failed"));
        m_status->setText(outcome.message);
    }
    setRunning(false);
    Q_EMIT finished(outcome);
}

void DegradationExperimentDialog::setRunning(bool running) {
    m_start->setEnabled(!running);
    m_stop->setEnabled(running);
    for (QWidget* w : {static_cast<QWidget*>(m_epochs), static_cast<QWidget*>(m_images),
                       static_cast<QWidget*>(m_seed), static_cast<QWidget*>(m_device)})
        w->setEnabled(!running);
    Q_EMIT runningChanged(running);
}

void DegradationExperimentDialog::closeEvent(QCloseEvent* event) {
    // A closed window trains nothing: the experiment stops after its current batch.
    stop();
    QDialog::closeEvent(event);
}

void DegradationExperimentDialog::reject() {
    stop();
    QDialog::reject();
}

}  // namespace convscope::gui
