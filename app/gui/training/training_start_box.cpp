#include "app/gui/training/training_start_box.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QToolButton>

#include <exception>

#include "app/gui/imported/import_controller.h"
#include "app/gui/imported/import_dialog.h"
#include "app/gui/imported/imported_model_store.h"
#include "app/gui/support/job_runner.h"
#include "app/gui/training/weights_file_probe.h"
#include "core/nn/imported/import_options.h"

namespace convscope::gui {

namespace {

QWidget* startRow(QWidget* field, QWidget* button = nullptr) {
    auto* w = new QWidget;
    auto* l = new QHBoxLayout(w);
    l->setContentsMargins(0, 0, 0, 0);
    l->addWidget(field, 1);
    if (button) l->addWidget(button);
    return w;
}

std::optional<nn::TrainConfig> runConfig(const QString& text) {
    try {
        return nn::TrainConfig::fromText(text.toStdString());
    } catch (const std::exception&) {
        return std::nullopt;  // an outdated or hand-edited run folder
    }
}

QString trainedOn(const nn::TrainConfig& c) {
    return c.dataFolder.empty() ? TrainingStartBox::tr("Fashion-MNIST")
                                : QFileInfo(QString::fromStdString(c.dataFolder)).fileName();
}

QString lineageSentence(const nn::TrainConfig& c) {
    const std::string lineage = c.lineage();
    return lineage.empty() ? TrainingStartBox::tr("It started from random weights.")
                           : TrainingStartBox::tr("It started from %1.").arg(QString::fromStdString(lineage));
}

QString inputText(const nn::ModelConfig& m) {
    return QStringLiteral("%1×%2×%2").arg(m.inChannels).arg(m.inputSize);
}

}  // namespace

TrainingStartBox::TrainingStartBox(QWidget* parent) : QGroupBox(tr("Start from (fine-tuning)"), parent) {
    m_jobs = new JobRunner(QStringLiteral("weights probe"), 1, this);
    m_importer = new ImportController(this);
    m_mode = new QComboBox;
    m_mode->setObjectName(QStringLiteral("trainStartMode"));
    m_mode->addItem(tr("Random weights"), QStringLiteral("random"));
    m_mode->addItem(tr("A run"), QStringLiteral("run"));
    m_mode->addItem(tr("A file…"), QStringLiteral("file"));
    m_mode->setToolTip(
        tr("Train from random (seeded) weights, or fine-tune trained ones: the model is then the weights' "
           "own, and its classifier head is replaced when the class count differs"));
    m_run = new QComboBox;
    m_run->setObjectName(QStringLiteral("trainStartRun"));
    m_run->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_run->setMinimumContentsLength(16);
    m_file = new QLineEdit;
    m_file->setObjectName(QStringLiteral("trainInit"));
    m_file->setPlaceholderText(tr("a ConvScope checkpoint or a TorchScript .pt"));
    m_browse = new QToolButton;
    m_browse->setText(tr("…"));
    m_browse->setToolTip(tr("Choose a ConvScope checkpoint or a TorchScript model (torch.jit.save)"));
    m_runRow = startRow(m_run);
    m_fileRow = startRow(m_file, m_browse);
    m_freeze = new QComboBox;
    m_freeze->setObjectName(QStringLiteral("trainFreeze"));
    m_freeze->addItem(tr("None: train every weight"), QStringLiteral("none"));
    m_freeze->addItem(tr("Backbone: train the head only"), QStringLiteral("backbone"));
    m_lineage = new QLabel;
    m_lineage->setObjectName(QStringLiteral("trainStartLineage"));
    m_lineage->setWordWrap(true);
    m_lineage->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* form = new QFormLayout(this);
    form->addRow(tr("Weights"), m_mode);
    form->addRow(tr("Run"), m_runRow);
    form->addRow(tr("File"), m_fileRow);
    form->addRow(m_lineage);
    form->addRow(tr("Freeze"), m_freeze);

    connect(m_mode, &QComboBox::currentIndexChanged, this, [this] {
        updateView();
        Q_EMIT changed();
    });
    // A user who picks "A file…" expects to be asked for one.
    connect(m_mode, &QComboBox::activated, this, [this] {
        if (mode() == Mode::File && m_file->text().trimmed().isEmpty()) browse();
    });
    connect(m_run, &QComboBox::currentIndexChanged, this, [this] {
        updateView();
        Q_EMIT changed();
    });
    connect(m_freeze, &QComboBox::currentIndexChanged, this, &TrainingStartBox::changed);
    connect(m_browse, &QToolButton::clicked, this, &TrainingStartBox::browse);
    connect(m_file, &QLineEdit::editingFinished, this, [this] {
        const QString path = m_file->text().trimmed();
        if (path.isEmpty() || QFileInfo(path).absoluteFilePath() != initPath() || m_fileProblem.isEmpty())
            return;
        chooseFile(path);  // typed anew after a problem: read it again
    });
    connect(m_importer, &ImportController::opened, this, &TrainingStartBox::onImported);
    connect(m_importer, &ImportController::failed, this, [this](const QString& path, const QString& message) {
        if (QFileInfo(path).absoluteFilePath() == initPath()) setFileState(std::nullopt, QString(), message);
    });
    updateView();
}

TrainingStartBox::~TrainingStartBox() = default;

TrainingStartBox::Mode TrainingStartBox::mode() const {
    return Mode(std::max(0, m_mode->currentIndex()));
}

ImportDialog* TrainingStartBox::importDialog() const {
    return m_dialog.data();
}

void TrainingStartBox::setMode(Mode mode) {
    m_mode->setCurrentIndex(int(mode));
}

void TrainingStartBox::setRuns(const QVector<RunRecord>& runs) {
    const QString chosen = m_run->currentData().toString();
    m_runs.clear();
    for (const RunRecord& r : runs)
        if (QFileInfo::exists(r.checkpointPath()) && runConfig(r.configText)) m_runs.push_back(r);
    {
        const QSignalBlocker block(m_run);
        m_run->clear();
        for (int i = 0; i < m_runs.size(); ++i) {
            m_run->addItem(m_runs[i].title, m_runs[i].checkpointPath());
            m_run->setItemData(i, runText(i), Qt::ToolTipRole);
        }
        if (m_runs.isEmpty()) m_run->setPlaceholderText(tr("no run with a checkpoint yet"));
        m_run->setCurrentIndex(std::max(0, m_run->findData(chosen)));
    }
    const bool lost = mode() == Mode::Run && !chosen.isEmpty() && m_run->currentData().toString() != chosen;
    updateView();
    if (lost) Q_EMIT changed();  // the chosen run was deleted
}

QString TrainingStartBox::initPath() const {
    switch (mode()) {
        case Mode::Run:
            return m_run->currentData().toString();
        case Mode::File: {
            const QString path = m_file->text().trimmed();
            return path.isEmpty() ? QString() : QFileInfo(path).absoluteFilePath();
        }
        case Mode::Random:
            break;
    }
    return QString();
}

QString TrainingStartBox::freeze() const {
    return initPath().isEmpty() ? QStringLiteral("none") : m_freeze->currentData().toString();
}

std::optional<nn::TrainConfig> TrainingStartBox::startModel() const {
    if (mode() == Mode::Run) {
        const int i = m_run->currentIndex();
        return i >= 0 && i < m_runs.size() ? runConfig(m_runs[i].configText) : std::nullopt;
    }
    return mode() == Mode::File && !initPath().isEmpty() ? m_fileModel : std::nullopt;
}

QString TrainingStartBox::problem() const {
    switch (mode()) {
        case Mode::Run:
            return m_run->currentIndex() < 0 ? tr("No run has a checkpoint yet: train one, or start from "
                                                  "random weights or a file.")
                                             : QString();
        case Mode::File:
            if (initPath().isEmpty()) return tr("Choose the file to start from.");
            return m_fileProblem;
        case Mode::Random:
            break;
    }
    return QString();
}

void TrainingStartBox::setStart(const nn::TrainConfig& c) {
    const QString init =
        c.init.empty() ? QString() : QFileInfo(QString::fromStdString(c.init)).absoluteFilePath();
    {
        const QSignalBlocker blockMode(m_mode), blockRun(m_run), blockFreeze(m_freeze);
        m_freeze->setCurrentIndex(std::max(0, m_freeze->findData(QString::fromStdString(c.freeze))));
        if (init != initPath()) {
            const int run = init.isEmpty() ? -1 : m_run->findData(init);
            if (init.isEmpty()) {
                m_mode->setCurrentIndex(int(Mode::Random));
            } else if (run >= 0) {
                m_mode->setCurrentIndex(int(Mode::Run));
                m_run->setCurrentIndex(run);
            } else {
                // A file: the configuration's model is the one the file starts (as the form last showed it).
                m_mode->setCurrentIndex(int(Mode::File));
                m_file->setText(init);
                m_fileModel = c;
                m_fileProblem.clear();
                const bool imported = c.model.name == "torchscript";
                m_fileText = imported ? tr("TorchScript model, input %1.").arg(inputText(c.model))
                                      : tr("ConvScope checkpoint (%1).")
                                            .arg(QString::fromStdString(nn::modelTitle(c.model.name)));
            }
        }
    }
    updateView();
}

void TrainingStartBox::browse() {
    QString start = m_file->text().trimmed();
    if (start.isEmpty()) start = QDir::homePath();
    const QString file =
        QFileDialog::getOpenFileName(this, tr("Start from a checkpoint or a TorchScript model"), start,
                                     tr("Models (*.ckpt *.pt *.pth *.ts);;All files (*)"));
    if (!file.isEmpty()) chooseFile(file);
}

void TrainingStartBox::chooseFile(const QString& path) {
    {
        const QSignalBlocker block(m_mode);
        m_mode->setCurrentIndex(int(Mode::File));
    }
    m_file->setText(QFileInfo(path).absoluteFilePath());
    setFileState(std::nullopt, QString(), tr("Reading %1…").arg(QFileInfo(path).fileName()));
    m_jobs->run(
        0, [path](const JobToken&) { return probeWeightsFile(path); },
        [this](const WeightsFileProbe& p) { onProbed(p); });
}

void TrainingStartBox::onProbed(const WeightsFileProbe& p) {
    if (p.path != initPath()) return;  // another file was chosen since
    switch (p.kind) {
        case WeightsFileProbe::Kind::Unusable:
            setFileState(std::nullopt, QString(), p.error);
            return;
        case WeightsFileProbe::Kind::Checkpoint:
            setFileState(p.config,
                         tr("ConvScope checkpoint: %1, %2 classes, %3 epochs on %4. %5")
                             .arg(QString::fromStdString(nn::modelTitle(p.config.model.name)))
                             .arg(p.config.model.classes)
                             .arg(p.epochsDone)
                             .arg(trainedOn(p.config), lineageSentence(p.config)),
                         QString());
            return;
        case WeightsFileProbe::Kind::TorchScript:
            break;
    }
    // A TorchScript file: ask what it cannot tell, as File ▸ Open Model… does (window-modal, no nested loop).
    if (m_dialog) m_dialog->close();
    m_dialog = new ImportDialog(p.path, ImportedModelStore::find(p.path), this);
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    const QString name = QFileInfo(p.path).fileName();
    connect(m_dialog, &QDialog::accepted, this, [this, dialog = m_dialog.data(), name] {
        if (dialog->path() != initPath()) return;
        setFileState(std::nullopt, QString(), tr("Loading %1…").arg(name));
        m_importer->open(dialog->entry());
    });
    connect(m_dialog, &QDialog::rejected, this, [this, dialog = m_dialog.data(), name] {
        if (dialog->path() != initPath()) return;
        setFileState(std::nullopt, QString(),
                     tr("%1 is a TorchScript model: choose it again to give its input.").arg(name));
    });
    setFileState(std::nullopt, QString(), tr("%1 is a TorchScript model: give its input.").arg(name));
    m_dialog->open();
}

void TrainingStartBox::onImported(const ImportedModelInfo& info) {
    ImportedModelEntry entry = info.entry;
    entry.classes = info.classes;
    ImportedModelStore::remember(entry);
    const QString path = QString::fromStdString(entry.options.file);
    if (QFileInfo(path).absoluteFilePath() != initPath()) return;
    try {
        nn::TrainConfig c = nn::importedConfig(entry.options, info.classes);
        c.init = c.model.file;
        setFileState(c,
                     tr("TorchScript model %1: input %2, %3 classes (%4), normalisation %5. Its head is "
                        "replaced when the data's class count differs.")
                         .arg(QFileInfo(path).fileName(), inputText(c.model))
                         .arg(info.classes)
                         .arg(info.classNames.mid(0, 4).join(QStringLiteral(", ")) +
                              (info.classNames.size() > 4 ? QStringLiteral(", …") : QString()))
                         .arg(QString::fromStdString(entry.options.normalisation)),
                     QString());
    } catch (const std::exception& e) {
        setFileState(std::nullopt, QString(), QString::fromUtf8(e.what()));
    }
}

void TrainingStartBox::setFileState(const std::optional<nn::TrainConfig>& model, const QString& text,
                                    const QString& problem) {
    m_fileModel = model;
    m_fileText = text;
    m_fileProblem = problem;
    updateView();
    Q_EMIT changed();
}

QString TrainingStartBox::runText(int i) const {
    const RunRecord& r = m_runs[i];
    const std::optional<nn::TrainConfig> c = runConfig(r.configText);
    if (!c) return r.title;
    QString text = tr("%1, %2 classes, trained on %3").arg(r.title).arg(c->model.classes).arg(trainedOn(*c));
    if (!r.epochs.isEmpty())
        text += tr(" (%1% test accuracy)").arg(100.0 * r.epochs.last().testAccuracy, 0, 'f', 1);
    return text + QStringLiteral(". ") + lineageSentence(*c);
}

void TrainingStartBox::updateView() {
    const Mode m = mode();
    auto* form = static_cast<QFormLayout*>(layout());
    form->setRowVisible(m_runRow, m == Mode::Run);
    form->setRowVisible(m_fileRow, m == Mode::File);
    QString text;
    if (m == Mode::Run) {
        text = m_run->currentIndex() >= 0 && m_run->currentIndex() < m_runs.size()
                   ? runText(m_run->currentIndex())
                   : problem();
    } else if (m == Mode::File) {
        text = m_fileProblem.isEmpty() ? m_fileText : m_fileProblem;
    }
    m_lineage->setText(text);
    form->setRowVisible(m_lineage, !text.isEmpty());
    m_freeze->setEnabled(m != Mode::Random);
    m_freeze->setToolTip(m == Mode::Random ? tr("Random weights: every weight is trained")
                                           : tr("Backbone: only the classifier head learns; the other "
                                                "weights and batch-norm statistics stay as they were"));
}

}  // namespace convscope::gui
