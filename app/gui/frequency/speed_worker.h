#pragma once

#include <QMetaType>
#include <QObject>
#include <QSize>
#include <QVector>

#include <opencv2/core/mat.hpp>

#include "app/gui/support/job_token.h"
#include "core/imaging/filter_options.h"

namespace convscope::gui {

/// Direct against FFT filtering of one image for a range of kernel sizes.
struct SpeedRequest {
    cv::Mat image;  ///< CV_8UC1 or CV_8UC3, filtered as the Filters panel would (options.grayscale applies)
    imaging::FilterOptions options;
    QVector<int> sizes{3, 5, 7, 9, 11, 13, 15, 19, 23, 27, 31, 39, 47, 55, 63};
    /// Sizes whose direct summation the cost model predicts to take longer are not run (the prediction is
    /// still plotted), so that a large photograph does not keep the panel busy for minutes.
    double maxDirectMs = 6000.0;
};

struct SpeedView {
    QSize imageSize;
    int channels = 0;
    QVector<double> sizes;
    QVector<double> directMs;  ///< median of the runs; NaN when not measured (see SpeedRequest::maxDirectMs)
    QVector<double> fftMs;
    QVector<double> predictedDirectMs;  ///< the cost model's predictions for the same image
    QVector<double> predictedFftMs;
    QVector<bool> autoChoosesFft;  ///< what FilterMethod::Automatic picks for each size
    double crossover = 0.0;        ///< the first measured size from which the FFT stays faster; 0 if none
    bool calibrated = false;       ///< whether the model was calibrated on this machine
};

/// Runs the measurement on the controller's thread: a warm-up run of each method and size (FFT plans,
/// buffers), then the median of up to three timed runs. Cancellation is checked between runs.
class SpeedWorker : public QObject {
    Q_OBJECT
public:
    /// Runs on the worker thread; every report carries the token's generation.
    void measure(const convscope::gui::JobToken& token, const convscope::gui::SpeedRequest& request);

Q_SIGNALS:
    void progress(quint64 generation, int done, int total);
    void finished(quint64 generation, convscope::gui::SpeedView view);
    void cancelled(quint64 generation);
    void failed(quint64 generation, QString message);
};

}  // namespace convscope::gui

Q_DECLARE_METATYPE(convscope::gui::SpeedRequest)
Q_DECLARE_METATYPE(convscope::gui::SpeedView)
