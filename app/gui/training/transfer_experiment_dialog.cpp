#include "app/gui/training/transfer_experiment_dialog.h"

#include <QCloseEvent>
#include <QComboBox>
#include <QDir>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableWidget>
#include <QVBoxLayout>

#include "app/gui/support/writable_folder.h"
#include "app/gui/training/transfer_chart.h"
#include "app/gui/training/transfer_worker.h"
#include "core/nn/data/dataset_location.h"

namespace convscope::gui {

namespace {
constexpr int kTransferPretrainColumn = 1;
constexpr int kTransferTargetColumn = 2;
constexpr int kTransferProgressSteps = 1000;

QString transferElapsed(double seconds) {
    const int s = int(seconds + 0.5);
    return s < 60 ? QObject::tr("%1 s").arg(s) : QObject::tr("%1 min %2 s").arg(s / 60).arg(s % 60);
}
}  // namespace

TransferExperimentDialog::TransferExperimentDialog(QWidget* parent)
    : QDialog(parent),
      m_jobs(QStringLiteral("transfer"), 1, this),
      m_outputDirectory(defaultOutputDirectory()) {
    qRegisterMetaType<TransferRequest>();
    qRegisterMetaType<TransferCurve>();
    qRegisterMetaType<TransferOutcome>();
    setObjectName(QStringLiteral("transferExperimentDialog"));
    setWindowTitle(tr("Transfer-Learning Experiment"));
    setModal(false);

    m_chart = new TransferChart;
    auto* layout = new QHBoxLayout(this);
    layout->addWidget(buildForm());
    layout->addWidget(m_chart, 1);
    resize(1180, 760);

    // One experiment at a time (start() refuses while one runs), so the reports before `finished` can only
    // be the current experiment's.
    m_worker = m_jobs.adopt(new TransferWorker);
    connect(m_worker, &TransferWorker::progress, this, [this](const QString& stage, double fraction) {
        m_progress->setValue(int(fraction * kTransferProgressSteps + 0.5));
        m_progress->setFormat(stage + QStringLiteral(" — %p %"));
    });
    connect(m_worker, &TransferWorker::curve, m_chart, &TransferChart::addCurve);
    connect(m_worker, &TransferWorker::message, m_status, &QLabel::setText);
    connect(m_worker, &TransferWorker::finished, this, &TransferExperimentDialog::onFinished);
    connect(&m_jobs, &JobRunner::jobFailed, this, [this](int, quint64 generation, const QString& message) {
        TransferOutcome failed;
        failed.status = QStringLiteral("failed");
        failed.message = message;
        onFinished(generation, failed);
    });
    setRunning(false);
}

TransferExperimentDialog::~TransferExperimentDialog() = default;

QString TransferExperimentDialog::defaultOutputDirectory() {
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) +
           QStringLiteral("/transfer");
}

QWidget* TransferExperimentDialog::buildForm() {
    m_classes = new QTableWidget(0, 3);
    m_classes->setObjectName(QStringLiteral("transferClasses"));
    m_classes->setHorizontalHeaderLabels({tr("Class"), tr("Pretrain"), tr("Learn after")});
    m_classes->verticalHeader()->hide();
    m_classes->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_classes->horizontalHeader()->setSectionResizeMode(kTransferPretrainColumn,
                                                        QHeaderView::ResizeToContents);
    m_classes->horizontalHeader()->setSectionResizeMode(kTransferTargetColumn, QHeaderView::ResizeToContents);
    m_classes->setSelectionMode(QAbstractItemView::NoSelection);
    m_classes->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_classes->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_classes->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_classes->setToolTip(tr("A class is pretrained on or learnt afterwards from a few images, never both"));
    fillClasses();
    // A class belongs to one side at most: ticking it on one side clears the other.
    connect(m_classes, &QTableWidget::itemChanged, this, [this](QTableWidgetItem* item) {
        if (item->column() == 0 || item->checkState() != Qt::Checked) return;
        const int other =
            item->column() == kTransferPretrainColumn ? kTransferTargetColumn : kTransferPretrainColumn;
        if (QTableWidgetItem* o = m_classes->item(item->row(), other); o && o->checkState() == Qt::Checked)
            o->setCheckState(Qt::Unchecked);
    });

    m_counts = new QLineEdit(QStringLiteral("10, 50, 200"));
    m_counts->setObjectName(QStringLiteral("transferCounts"));
    m_counts->setToolTip(
        tr("Training images per new class; each count is learnt twice: fine-tuned and from "
           "scratch"));
    m_epochs = new QSpinBox;
    m_epochs->setObjectName(QStringLiteral("transferEpochs"));
    m_epochs->setRange(1, 200);
    m_epochs->setValue(15);
    m_epochs->setToolTip(tr("Epochs of every fine-tuned and every from-scratch run"));
    m_pretrainEpochs = new QSpinBox;
    m_pretrainEpochs->setObjectName(QStringLiteral("transferPretrainEpochs"));
    m_pretrainEpochs->setRange(1, 50);
    m_pretrainEpochs->setValue(1);
    m_freeze = new QComboBox;
    m_freeze->setObjectName(QStringLiteral("transferFreeze"));
    m_freeze->addItem(tr("None: every layer trains"), QStringLiteral("none"));
    m_freeze->addItem(tr("Backbone: only the new head trains"), QStringLiteral("backbone"));
    m_freeze->setToolTip(tr("What the fine-tuned runs keep fixed of the pretrained weights"));
    m_seed = new QSpinBox;
    m_seed->setObjectName(QStringLiteral("transferSeed"));
    m_seed->setRange(0, 1000000);
    m_seed->setValue(1);
    m_device = new QComboBox;
    m_device->setObjectName(QStringLiteral("transferDevice"));
    m_device->addItem(tr("CPU"), QStringLiteral("cpu"));
    m_device->addItem(tr("CUDA GPU (falls back to the CPU)"), QStringLiteral("cuda"));
    m_dataLabel = new QLabel;
    m_dataLabel->setWordWrap(true);
    m_dataLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_outputLabel = new QLabel;
    m_outputLabel->setObjectName(QStringLiteral("transferOutput"));
    m_outputLabel->setWordWrap(true);
    m_outputLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    setDataDirectory(QString());
    setOutputDirectory(m_outputDirectory);

    auto* form = new QFormLayout;
    form->addRow(tr("Images per class"), m_counts);
    form->addRow(tr("Epochs per run"), m_epochs);
    form->addRow(tr("Pretraining epochs"), m_pretrainEpochs);
    form->addRow(tr("Freeze"), m_freeze);
    form->addRow(tr("Seed"), m_seed);
    form->addRow(tr("Device"), m_device);
    form->addRow(tr("Data"), m_dataLabel);
    form->addRow(tr("Checkpoints"), m_outputLabel);

    m_start = new QPushButton(tr("Start"));
    m_start->setObjectName(QStringLiteral("transferStart"));
    m_start->setDefault(true);
    m_stop = new QPushButton(tr("Stop"));
    m_stop->setObjectName(QStringLiteral("transferStop"));
    connect(m_start, &QPushButton::clicked, this, [this] { start(); });
    connect(m_stop, &QPushButton::clicked, this, &TransferExperimentDialog::stop);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_start);
    buttons->addWidget(m_stop);
    m_progress = new QProgressBar;
    m_progress->setObjectName(QStringLiteral("transferProgress"));
    m_progress->setRange(0, kTransferProgressSteps);
    m_progress->setValue(0);
    m_progress->setFormat(tr("Ready"));
    m_progress->setTextVisible(true);
    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("transferStatus"));
    m_status->setWordWrap(true);

    auto* box = new QGroupBox(tr("Experiment"));
    auto* column = new QVBoxLayout(box);
    column->addWidget(m_classes);
    column->addLayout(form);
    column->addLayout(buttons);
    column->addWidget(m_progress);
    column->addWidget(m_status);
    column->addStretch(1);
    box->setMinimumWidth(340);
    box->setMaximumWidth(420);
    return box;
}

void TransferExperimentDialog::fillClasses() {
    const std::vector<std::string>& names = nn::fashionMnistClasses();
    const TransferRequest defaults;
    m_classes->setRowCount(int(names.size()));
    for (int c = 0; c < int(names.size()); ++c) {
        auto* name =
            new QTableWidgetItem(QStringLiteral("%1  %2").arg(c).arg(QString::fromStdString(names[c])));
        name->setFlags(Qt::ItemIsEnabled);
        m_classes->setItem(c, 0, name);
        for (const int column : {kTransferPretrainColumn, kTransferTargetColumn}) {
            const QVector<int>& side =
                column == kTransferPretrainColumn ? defaults.pretrainClasses : defaults.targetClasses;
            auto* box = new QTableWidgetItem;
            box->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
            box->setCheckState(side.contains(c) ? Qt::Checked : Qt::Unchecked);
            m_classes->setItem(c, column, box);
        }
    }
    m_classes->resizeRowsToContents();
    int height = m_classes->horizontalHeader()->sizeHint().height() + 2 * m_classes->frameWidth();
    for (int row = 0; row < m_classes->rowCount(); ++row) height += m_classes->rowHeight(row);
    m_classes->setFixedHeight(height);
}

void TransferExperimentDialog::setDataDirectory(const QString& directory) {
    m_dataDirectory = directory;
    const QString shown =
        directory.isEmpty() ? QString::fromStdString(nn::defaultFashionMnistDirectory()) : directory;
    m_dataLabel->setText(tr("Fashion-MNIST in %1").arg(QDir::toNativeSeparators(shown)));
}

void TransferExperimentDialog::setOutputDirectory(const QString& directory) {
    m_outputDirectory = directory;
    m_outputLabel->setText(QDir::toNativeSeparators(directory));
    m_outputLabel->setToolTip(
        tr("pretrain.ckpt is kept here and reused while the pretraining's settings stay "
           "the same; each run's checkpoint is written next to it"));
}

std::optional<QVector<qint64>> TransferExperimentDialog::parseCounts(const QString& text) {
    QVector<qint64> counts;
    const QStringList parts = text.split(QRegularExpression(QStringLiteral("[,;\\s]+")), Qt::SkipEmptyParts);
    for (const QString& part : parts) {
        bool ok = false;
        const qint64 n = part.toLongLong(&ok);
        if (!ok || n < 1) return std::nullopt;
        if (!counts.contains(n)) counts.push_back(n);
    }
    if (counts.isEmpty()) return std::nullopt;
    return counts;
}

std::optional<TransferRequest> TransferExperimentDialog::request(QString* error) const {
    auto fail = [error](const QString& why) {
        if (error) *error = why;
        return std::nullopt;
    };
    TransferRequest r;
    r.pretrainClasses.clear();
    r.targetClasses.clear();
    for (int c = 0; c < m_classes->rowCount(); ++c) {
        if (m_classes->item(c, kTransferPretrainColumn)->checkState() == Qt::Checked) r.pretrainClasses << c;
        if (m_classes->item(c, kTransferTargetColumn)->checkState() == Qt::Checked) r.targetClasses << c;
    }
    if (r.pretrainClasses.size() < 2 || r.targetClasses.size() < 2)
        return fail(tr("Tick two classes or more to pretrain on and two or more to learn afterwards."));
    const std::optional<QVector<qint64>> counts = parseCounts(m_counts->text());
    if (!counts)
        return fail(
            tr("Images per class must be whole numbers of 1 or more, separated by commas (10, 50, "
               "200)."));
    r.perClass = *counts;
    r.epochs = m_epochs->value();
    r.pretrainEpochs = m_pretrainEpochs->value();
    r.freeze = m_freeze->currentData().toString();
    r.seed = quint64(m_seed->value());
    r.device = m_device->currentData().toString();
    r.threads = m_threads;
    r.limitTest = m_limitTest;
    r.model = m_model;
    r.dataDirectory = m_dataDirectory;
    r.outputDirectory = m_outputDirectory;
    return r;
}

bool TransferExperimentDialog::isRunning() const {
    return m_jobs.isBusy();
}

bool TransferExperimentDialog::start() {
    if (isRunning()) return false;
    QString error;
    const std::optional<TransferRequest> r = request(&error);
    if (!r) {
        m_status->setText(error);
        return false;
    }
    // Before Fashion-MNIST is read and anything trained: the checkpoints' folder must take files.
    if (const QString problem = folderWriteProblem(r->outputDirectory); !problem.isEmpty()) {
        m_status->setText(tr("The checkpoints cannot be saved. %1").arg(problem));
        return false;
    }
    m_outcome = TransferOutcome{};
    m_chart->reset(r->perClass);
    m_status->clear();
    m_progress->setValue(0);
    m_progress->setFormat(tr("Starting…"));
    m_jobs.post([worker = m_worker, request = *r](const JobToken& token) { worker->run(token, request); });
    setRunning(true);
    return true;
}

void TransferExperimentDialog::stop() {
    if (!isRunning()) return;
    m_jobs.cancel();
    m_progress->setFormat(tr("Stopping after this batch…"));
}

void TransferExperimentDialog::onFinished(quint64 generation, const TransferOutcome& outcome) {
    if (!m_jobs.finish(0, generation)) return;
    m_outcome = outcome;
    m_chart->setOutcome(outcome);
    if (outcome.status == QLatin1String("finished")) {
        m_progress->setValue(kTransferProgressSteps);
        m_progress->setFormat(tr("Finished in %1").arg(transferElapsed(outcome.seconds)));
    } else if (outcome.status == QLatin1String("stopped")) {
        m_progress->setFormat(tr("Stopped — %p % done"));
    } else {
        m_progress->setFormat(tr("Failed"));
        m_status->setText(outcome.message);
    }
    setRunning(false);
    Q_EMIT finished(outcome);
}

void TransferExperimentDialog::setRunning(bool running) {
    m_start->setEnabled(!running);
    m_stop->setEnabled(running);
    for (QWidget* w :
         {static_cast<QWidget*>(m_classes), static_cast<QWidget*>(m_counts), static_cast<QWidget*>(m_epochs),
          static_cast<QWidget*>(m_pretrainEpochs), static_cast<QWidget*>(m_freeze),
          static_cast<QWidget*>(m_seed), static_cast<QWidget*>(m_device)})
        w->setEnabled(!running);
    Q_EMIT runningChanged(running);
}

void TransferExperimentDialog::closeEvent(QCloseEvent* event) {
    // A closed window trains nothing: the experiment stops after its current batch.
    stop();
    QDialog::closeEvent(event);
}

void TransferExperimentDialog::reject() {
    stop();
    QDialog::reject();
}

}  // namespace convscope::gui
