#include "app/gui/conv_trace_worker.h"

#include <exception>

#include "core/common/job_control.h"
#include "core/conv/conv_trace.h"
#include "core/conv/output_size.h"

namespace convscope::gui {

ConvTraceWorker::ConvTraceWorker(std::shared_ptr<std::atomic<quint64>> latest)
    : m_latest(std::move(latest)) {}

void ConvTraceWorker::compute(quint64 generation, const ConvLabSetup& setup) {
    if (m_latest->load() != generation) return;
    try {
        ConvProblem problem = buildConvProblem(setup);
        const QString arithmetic =
            QString::fromStdString(conv::outputShapeArithmetic(problem.input, problem.weights, problem.spec));
        common::JobControl control;
        control.isCancelled = [this, generation] { return m_latest->load() != generation; };
        auto trace = std::make_shared<const conv::ConvTrace>(
            std::move(problem.input), std::move(problem.weights), problem.spec, control);
        Q_EMIT computed(generation, trace, arithmetic);
    } catch (const common::Cancelled&) {
        // A newer request superseded this one; its result will follow.
    } catch (const std::exception& e) {
        Q_EMIT failed(generation, QString::fromStdString(e.what()));
    } catch (...) {
        Q_EMIT failed(generation, tr("Unexpected error while tracing the convolution."));
    }
}

}  // namespace convscope::gui
