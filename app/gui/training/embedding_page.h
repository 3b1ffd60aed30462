#pragma once

#include <QString>
#include <QWidget>

#include "app/gui/training/embedding_types.h"
#include "app/gui/training/training_types.h"

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;

namespace convscope::widgets {
class ScatterPlotView;
}  // namespace convscope::widgets

namespace convscope::gui {

class EmbeddingController;
class TrainingController;
class TrainingForm;
class TrainingRunList;

/// The Training panel's Embedding tab: a scatter of 1,000 test images (a seeded subset spread over the
/// classes) at a layer of the model, projected by PCA or t-SNE, coloured by class, with the image under the
/// mouse and the kNN accuracy in the layer's own space. Which model: the run being trained, refreshed from
/// the checkpoint written after each of its epochs; otherwise the run selected in the run list, or the
/// newest run with a checkpoint. It computes only while shown (a hidden tab catches up when shown), and a
/// newer request cancels an older one (a new epoch stops a stale t-SNE).
class EmbeddingPage : public QWidget {
    Q_OBJECT
public:
    /// Follows `training`'s runs and `runs`' selection; `form` gives Fashion-MNIST's folder.
    EmbeddingPage(TrainingController* training, TrainingRunList* runs, TrainingForm* form,
                  QWidget* parent = nullptr);
    ~EmbeddingPage() override;

    widgets::ScatterPlotView* view() const { return m_view; }
    QComboBox* methodCombo() const { return m_method; }
    QComboBox* tapCombo() const { return m_tap; }
    QPushButton* refreshButton() const { return m_refresh; }
    QProgressBar* progressBar() const { return m_progress; }
    QLabel* statusLabel() const { return m_status; }
    /// The frame on show (empty before the first).
    const EmbeddingFrame& frame() const { return m_frame; }
    /// The checkpoint the tab shows or will show.
    QString checkpointPath() const { return m_checkpoint; }
    /// Computes for the current model now (when there is one), whether shown or not.
    void refresh();

protected:
    void showEvent(QShowEvent* event) override;

private:
    void followRun(const RunRecord& run);
    void onEpoch(const EpochPoint& point);
    void onRunFinished();
    void onRunSelected(int row);
    void chooseNewestRun();
    void setSource(const QString& checkpoint, const QString& title);
    void requestIfShown();
    void onReady(const EmbeddingFrame& frame);
    void onFailed(const QString& message);
    void updateAxisTitles();

    TrainingRunList* m_runs = nullptr;
    TrainingForm* m_form = nullptr;
    EmbeddingController* m_controller = nullptr;
    widgets::ScatterPlotView* m_view = nullptr;
    QComboBox* m_method = nullptr;
    QComboBox* m_tap = nullptr;
    QPushButton* m_refresh = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_note = nullptr;
    EmbeddingFrame m_frame;
    QString m_checkpoint;  ///< the model shown: the live run's or a chosen run's checkpoint
    QString m_title;       ///< its run's title
    int m_epoch = 0;       ///< the live run's last epoch (0: not a live run)
    bool m_live = false;   ///< following the run being trained
    bool m_dirty = false;  ///< the model changed since the last request
};

}  // namespace convscope::gui
