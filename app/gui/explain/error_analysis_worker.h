#pragma once

#include <QDateTime>
#include <QObject>
#include <QString>
#include <memory>

#include "app/gui/bridge/checkpoint_cache.h"
#include "app/gui/bridge/test_set_cache.h"
#include "app/gui/explain/error_analysis_frame.h"
#include "app/gui/explain/error_analysis_request.h"
#include "app/gui/support/job_token.h"

namespace convscope::nn {
class ClassifierImpl;
struct ImageDataset;
struct TestSetOutcomes;
struct TrainConfig;
}  // namespace convscope::nn

namespace convscope::gui {

/// Runs a saved model over the Fashion-MNIST test set (nn::testSetOutcomes) on the controller's thread and
/// draws Grad-CAM, for the predicted class at the last spatial tap, over the gallery's images. The model is
/// cached per checkpoint (reloaded when the file changes), the test set per folder and the outcomes per
/// both, so that another cell or the top losses cost only the gallery's Grad-CAM passes. The header needs
/// no LibTorch.
class ErrorAnalysisWorker : public QObject {
    Q_OBJECT
public:
    ErrorAnalysisWorker();
    ~ErrorAnalysisWorker() override;

    /// Runs on the worker thread. Emits progress, then ready or failed, with the token's generation.
    void compute(const convscope::gui::JobToken& token, const convscope::gui::ErrorAnalysisRequest& request);

Q_SIGNALS:
    void progress(quint64 generation, int done, int total, QString step);
    void ready(quint64 generation, convscope::gui::ErrorAnalysisFrame frame);
    /// `message` is a sentence for the page.
    void failed(quint64 generation, QString message);

private:
    ErrorAnalysisFrame run(const JobToken& token, const ErrorAnalysisRequest& request);
    const nn::TestSetOutcomes& outcomes(const JobToken& token, const nn::ImageDataset& test);

    bridge::CheckpointCache m_checkpoint;
    bridge::TestSetCache m_testSet;
    std::unique_ptr<nn::TestSetOutcomes> m_outcomes;
    QString m_outcomesKey;  ///< the model file (path, time, size) and the test folder they belong to
};

}  // namespace convscope::gui
