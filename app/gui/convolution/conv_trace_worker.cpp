#include "app/gui/convolution/conv_trace_worker.h"

#include <exception>

#include "core/conv/conv_trace.h"
#include "core/conv/output_size.h"

namespace convscope::gui {

void ConvTraceWorker::compute(const JobToken& token, const ConvLabSetup& setup) {
    const quint64 generation = token.generation();
    try {
        ConvProblem problem = buildConvProblem(setup);
        const QString arithmetic =
            QString::fromStdString(conv::outputShapeArithmetic(problem.input, problem.weights, problem.spec));
        auto trace = std::make_shared<const conv::ConvTrace>(
            std::move(problem.input), std::move(problem.weights), problem.spec, token.control());
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
