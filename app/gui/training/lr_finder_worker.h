#pragma once

#include <QMetaType>
#include <QObject>
#include <QString>
#include <QVector>
#include <memory>

#include "app/gui/support/job_token.h"
#include "app/gui/training/training_types.h"

namespace convscope::nn {
struct ImageDataset;
}  // namespace convscope::nn

namespace convscope::gui {

/// How a learning-rate range test ended, as Qt values.
struct LrFinderOutcome {
    QString status;  ///< finished, stopped or failed
    QString message;
    QVector<double> lr, loss, smoothedLoss;
    int suggestedIndex = -1;  ///< -1: no suggestion
    double suggestedLr = 0.0;
    bool stoppedEarly = false;
    QString rule;  ///< nn::lrSuggestionRule()
};

/// Runs nn::findLearningRate on its JobRunner's thread with the Training panel's settings (TrainingRequest:
/// the form's config and Fashion-MNIST's folder; an image folder is decoded as a run would decode it):
/// reports every point, then how it ended. The data is kept for the next test on the same folder. The
/// job's token stops it between batches.
class LrFinderWorker : public QObject {
    Q_OBJECT
public:
    LrFinderWorker();
    ~LrFinderWorker() override;

    /// Runs on the worker thread: from `startLr` to `endLr` in `steps` steps.
    void run(const convscope::gui::JobToken& token, const convscope::gui::TrainingRequest& request,
             double startLr, double endLr, int steps);

Q_SIGNALS:
    void message(QString text);
    /// Step `step` (0-based) of `steps`.
    void point(quint64 generation, double lr, double loss, double smoothedLoss, int step, int steps);
    void finished(quint64 generation, convscope::gui::LrFinderOutcome outcome);

private:
    std::unique_ptr<nn::ImageDataset> m_train, m_test;
    QString m_dataDirectory;
};

}  // namespace convscope::gui

Q_DECLARE_METATYPE(convscope::gui::LrFinderOutcome)
