#include "app/gui/frequency/speed_worker.h"

#include <QElapsedTimer>
#include <algorithm>
#include <cmath>
#include <exception>
#include <limits>
#include <opencv2/imgproc.hpp>

#include "core/imaging/filter_cost_model.h"
#include "core/imaging/filter_engine.h"

namespace convscope::gui {

namespace {
struct Stop {};
}  // namespace

void SpeedWorker::measure(const JobToken& token, const SpeedRequest& request) {
    const quint64 generation = token.generation();
    try {
        cv::Mat image = request.image;
        if (request.options.grayscale && image.channels() == 3)
            cv::cvtColor(request.image, image, cv::COLOR_BGR2GRAY);
        imaging::FilterOptions options = request.options;
        options.grayscale = false;
        const imaging::FilterCostModel model = imaging::activeCostModel();
        SpeedView v;
        v.imageSize = QSize(image.cols, image.rows);
        v.channels = image.channels();
        v.calibrated = model.calibrated;
        const int total = int(request.sizes.size()) * 2;
        int done = 0;
        auto timeRuns = [&](const common::Kernel& kernel, imaging::FilterMethod method) {
            options.method = method;
            QElapsedTimer clock;
            clock.start();
            (void)imaging::filterImage(image, kernel, options);  // warm-up: plans, buffers, page faults
            const double first = double(clock.nsecsElapsed()) / 1e6;
            std::vector<double> ms;
            const int runs = first > 1500.0 ? 1 : 3;
            for (int i = 0; i < runs; ++i) {
                if (token.isCancelled()) throw Stop{};
                clock.restart();
                (void)imaging::filterImage(image, kernel, options);
                ms.push_back(double(clock.nsecsElapsed()) / 1e6);
            }
            std::sort(ms.begin(), ms.end());
            return ms[ms.size() / 2];
        };
        for (int k : request.sizes) {
            if (token.isCancelled()) throw Stop{};
            const common::Kernel kernel(k, k, std::vector<double>(std::size_t(k) * k, 1.0 / (double(k) * k)));
            const double predictedDirect = model.predictDirectMs(image.rows, image.cols, v.channels, k, k);
            v.sizes.push_back(k);
            v.predictedDirectMs.push_back(predictedDirect);
            v.predictedFftMs.push_back(model.predictFftMs(image.rows, image.cols, v.channels, k, k));
            v.autoChoosesFft.push_back(model.choose(image.rows, image.cols, v.channels, k, k) ==
                                       imaging::FilterMethod::Fft);
            v.directMs.push_back(predictedDirect > request.maxDirectMs
                                     ? std::numeric_limits<double>::quiet_NaN()
                                     : timeRuns(kernel, imaging::FilterMethod::Direct));
            Q_EMIT progress(generation, ++done, total);
            v.fftMs.push_back(timeRuns(kernel, imaging::FilterMethod::Fft));
            Q_EMIT progress(generation, ++done, total);
        }
        // The crossover: the first size from which every measured FFT time is below the direct one (sizes
        // whose direct run was skipped count as FFT-faster: the model predicted many seconds).
        for (int i = 0; i < v.sizes.size() && v.crossover == 0.0; ++i) {
            bool after = true;
            for (int j = i; j < v.sizes.size(); ++j)
                if (!std::isnan(v.directMs[j]) && v.fftMs[j] >= v.directMs[j]) after = false;
            if (after) v.crossover = v.sizes[i];
        }
        Q_EMIT finished(generation, v);
    } catch (const Stop&) {
        Q_EMIT cancelled(generation);
    } catch (const std::exception& e) {
        Q_EMIT failed(generation, QString::fromUtf8(e.what()));
    }
}

}  // namespace convscope::gui
