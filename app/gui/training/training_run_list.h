#pragma once

#include <QString>
#include <QVector>
#include <QWidget>

#include "app/gui/training/training_types.h"

class QLabel;
class QListWidget;
class QPushButton;

namespace convscope::gui {

/// The Training panel's list of every run kept on disk (RunStore), newest first: status, last test accuracy
/// and, for a fine-tuned run, what it started from (the whole lineage in the tooltip). Ticked runs are
/// overlaid on the charts; the selected run opens in the Feature maps tab or is deleted.
class TrainingRunList : public QWidget {
    Q_OBJECT
public:
    explicit TrainingRunList(const QString& runsDirectory, QWidget* parent = nullptr);

    /// Reads the runs folder again, keeping the ticks.
    void reload();
    /// The run being trained ("" for none): shown as running, never overlaid or deleted.
    void setCurrentRun(const QString& id);
    const QVector<RunRecord>& runs() const { return m_records; }
    QListWidget* list() const { return m_list; }

Q_SIGNALS:
    /// The ticked runs, but the one being trained.
    void overlaysChanged(const QVector<convscope::gui::RunRecord>& runs);
    /// The list was read again.
    void reloaded(const QVector<convscope::gui::RunRecord>& runs);
    void inspectRequested(const QString& checkpointPath);

private:
    void updateButtons();
    void updateOverlays();
    void deleteSelected();

    QString m_directory;
    QString m_currentRunId;
    QListWidget* m_list = nullptr;
    QLabel* m_notice = nullptr;  ///< damaged runs set aside by the last reload
    QPushButton* m_inspect = nullptr;
    QPushButton* m_delete = nullptr;
    QVector<RunRecord> m_records;
};

}  // namespace convscope::gui
