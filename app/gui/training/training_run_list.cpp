#include "app/gui/training/training_run_list.h"

#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

#include <exception>

#include "app/gui/training/run_store.h"

namespace convscope::gui {

namespace {

nn::TrainConfig listedConfig(const RunRecord& r) {
    try {
        return nn::TrainConfig::fromText(r.configText.toStdString());
    } catch (const std::exception&) {
        return {};  // an outdated or hand-edited run folder: shown without its lineage
    }
}

}  // namespace

TrainingRunList::TrainingRunList(const QString& runsDirectory, QWidget* parent)
    : QWidget(parent), m_directory(runsDirectory) {
    m_list = new QListWidget;
    m_list->setObjectName(QStringLiteral("trainRuns"));
    m_list->setToolTip(tr("Every run is kept on disk. Tick runs to overlay them on the charts."));
    m_inspect = new QPushButton(tr("Feature maps"));
    m_inspect->setToolTip(tr("Look inside the selected run's model in the Feature maps tab"));
    m_delete = new QPushButton(tr("Delete"));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_inspect);
    buttons->addWidget(m_delete);
    buttons->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* title = new QLabel(tr("Runs (tick to compare)"));
    title->setWordWrap(true);
    layout->addWidget(title);
    m_notice = new QLabel;
    m_notice->setObjectName(QStringLiteral("trainRunsNotice"));
    m_notice->setWordWrap(true);
    m_notice->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_notice->hide();
    layout->addWidget(m_notice);
    layout->addWidget(m_list, 1);
    layout->addLayout(buttons);

    connect(m_list, &QListWidget::itemChanged, this, &TrainingRunList::updateOverlays);
    connect(m_list, &QListWidget::currentRowChanged, this, &TrainingRunList::updateButtons);
    connect(m_inspect, &QPushButton::clicked, this, [this] {
        const int row = m_list->currentRow();
        if (row >= 0 && row < m_records.size()) Q_EMIT inspectRequested(m_records[row].checkpointPath());
    });
    connect(m_delete, &QPushButton::clicked, this, &TrainingRunList::deleteSelected);
    updateButtons();
}

void TrainingRunList::setCurrentRun(const QString& id) {
    m_currentRunId = id;
    updateButtons();
}

void TrainingRunList::reload() {
    QStringList ticked;
    for (int i = 0; i < m_list->count(); ++i)
        if (m_list->item(i)->checkState() == Qt::Checked)
            ticked << m_list->item(i)->data(Qt::UserRole).toString();
    QStringList setAside;
    m_records = RunStore::list(m_directory, &setAside);
    if (!setAside.isEmpty()) {
        m_notice->setText(setAside.join(QLatin1Char('\n')));
        m_notice->show();
    }
    const QSignalBlocker block(m_list);
    m_list->clear();
    for (const RunRecord& r : m_records) {
        const QString status = r.id == m_currentRunId ? tr("running") : r.status;
        const QString accuracy = r.epochs.isEmpty()
                                     ? QString()
                                     : tr(" · %1%").arg(100.0 * r.epochs.last().testAccuracy, 0, 'f', 1);
        QString text = tr("%1 · %2%3").arg(r.title, status, accuracy);
        const nn::TrainConfig c = listedConfig(r);
        if (!c.init.empty()) {
            // The parent by its title when it is a run of this list, else by its file's name.
            const QString init = QFileInfo(QString::fromStdString(c.init)).absoluteFilePath();
            QString parent = QFileInfo(init).fileName();
            for (const RunRecord& p : m_records)
                if (QFileInfo(p.checkpointPath()).absoluteFilePath() == init) parent = p.title;
            text += QLatin1Char('\n') +
                    tr("   ⤷ fine-tuned from %1%2")
                        .arg(parent, c.freeze == "none" ? QString() : tr(", backbone frozen"));
        }
        auto* item = new QListWidgetItem(text);
        item->setData(Qt::UserRole, r.id);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(ticked.contains(r.id) ? Qt::Checked : Qt::Unchecked);
        // The list is narrow: the tooltip repeats the whole line.
        QStringList tip{text};
        if (!r.message.isEmpty()) tip << r.message;
        const std::string lineage = c.lineage();
        if (!lineage.empty()) tip << tr("Started from: %1").arg(QString::fromStdString(lineage));
        tip << r.directory;
        item->setToolTip(tip.join(QLatin1Char('\n')));
        m_list->addItem(item);
    }
    updateOverlays();
    updateButtons();
    Q_EMIT reloaded(m_records);
}

void TrainingRunList::updateOverlays() {
    QVector<RunRecord> overlays;
    for (int i = 0; i < m_list->count() && i < m_records.size(); ++i)
        if (m_list->item(i)->checkState() == Qt::Checked && m_records[i].id != m_currentRunId)
            overlays.push_back(m_records[i]);
    Q_EMIT overlaysChanged(overlays);
}

void TrainingRunList::updateButtons() {
    const int row = m_list->currentRow();
    const bool selected = row >= 0 && row < m_records.size();
    m_inspect->setEnabled(selected && !m_records[row].epochs.isEmpty());
    m_delete->setEnabled(selected && m_records[row].id != m_currentRunId);
}

void TrainingRunList::deleteSelected() {
    const int row = m_list->currentRow();
    if (row < 0 || row >= m_records.size() || m_records[row].id == m_currentRunId) return;
    if (QMessageBox::question(this, tr("Delete run"),
                              tr("Delete the run “%1” and its checkpoint?").arg(m_records[row].title)) ==
        QMessageBox::Yes) {
        RunStore::remove(m_records[row]);
        reload();
    }
}

}  // namespace convscope::gui
