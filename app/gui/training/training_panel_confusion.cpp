// The Training panel's confusion matrix as a way into the test images behind each cell: kept apart from
// training_panel.cpp so that each file stays readable on its own.
#include <QFileInfo>

#include "app/gui/training/training_panel.h"

namespace convscope::gui {

void TrainingPanel::onConfusionClicked(int row, int col) {
    // The trainer saves the checkpoint before it reports an epoch, so a matrix on show has one — unless the
    // run's folder was deleted or the matrix was never filled.
    if (m_confusionCheckpoint.isEmpty() || !QFileInfo::exists(m_confusionCheckpoint)) {
        Q_EMIT statusMessage(
            tr("This confusion matrix has no checkpoint to open: train a run for at least one "
               "epoch to see the test images behind its cells."),
            8000);
        return;
    }
    Q_EMIT confusionCellActivated(m_confusionCheckpoint, m_confusionData, row, col);
}

}  // namespace convscope::gui
