#include "app/gui/convolution/animation_export_worker.h"

#include <QImage>
#include <QPainter>
#include <exception>
#include <opencv2/imgproc.hpp>

#include "app/gui/bridge/image_bridge.h"
#include "app/gui/convolution/conv_frame_builder.h"
#include "core/conv/conv_trace.h"
#include "core/imaging/animation_writer.h"
#include "widgets/board/grid_board_painter.h"

namespace convscope::gui {

namespace {

constexpr int kMinFrameSide = 16;
constexpr int kMaxFrameSide = 8000;

struct ExportCancelled {};

// A request the writer would reject late (after rendering frames) or that would index past the trace.
QString validationError(const AnimationExportRequest& r) {
    if (!r.trace) return AnimationExportWorker::tr("There is no convolution to export.");
    const int count = r.trace->stepCount();
    if (r.firstStep < -1 || r.lastStep > count - 1 || r.firstStep > r.lastStep) {
        return AnimationExportWorker::tr("The step range %1 … %2 is outside the animation (−1 … %3).")
            .arg(r.firstStep)
            .arg(r.lastStep)
            .arg(count - 1);
    }
    if (r.frameSize.width() < kMinFrameSide || r.frameSize.height() < kMinFrameSide ||
        r.frameSize.width() > kMaxFrameSide || r.frameSize.height() > kMaxFrameSide) {
        return AnimationExportWorker::tr("The frame size %1×%2 is outside %3 … %4 pixels per side.")
            .arg(r.frameSize.width())
            .arg(r.frameSize.height())
            .arg(kMinFrameSide)
            .arg(kMaxFrameSide);
    }
    if (r.path.trimmed().isEmpty())
        return AnimationExportWorker::tr("No file name was given for the export.");
    return {};
}

cv::Mat renderFrame(const conv::ConvTrace& trace, int step, const AnimationExportRequest& request) {
    const widgets::GridBoardFrame frame = buildConvFrame(trace, step, request.options);
    QImage image(request.frameSize, QImage::Format_RGB32);
    image.fill(Qt::white);
    {
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setRenderHint(QPainter::TextAntialiasing);
        widgets::GridBoardPainter::paint(painter, image.rect(), frame);
    }
    cv::Mat mat = bridge::toMat(image);
    // toMat returns one channel for an image that happens to be all grey; the writer wants one type
    // throughout.
    if (mat.channels() == 1) cv::cvtColor(mat, mat, cv::COLOR_GRAY2BGR);
    return mat;
}

}  // namespace

void AnimationExportWorker::exportAnimation(const JobToken& token, const AnimationExportRequest& request) {
    const quint64 generation = token.generation();
    try {
        const QStringList files = run(token, request);
        Q_EMIT finished(generation, files);
    } catch (const ExportCancelled&) {
        Q_EMIT cancelled(generation);
    } catch (const std::exception& e) {
        Q_EMIT failed(generation, QString::fromStdString(e.what()));
    } catch (...) {
        Q_EMIT failed(generation, tr("Unexpected error while exporting the animation."));
    }
}

QStringList AnimationExportWorker::run(const JobToken& token, const AnimationExportRequest& request) {
    const QString invalid = validationError(request);
    if (!invalid.isEmpty()) throw std::invalid_argument(invalid.toStdString());
    const int total = request.frameCount();
    // Destroying an unfinished writer removes its partial files, so leaving this scope early by cancel or by
    // an exception cleans up by itself.
    imaging::AnimationWriter writer(request.format, request.path.toStdString(), request.framesPerSecond);
    for (int i = 0; i < total; ++i) {
        if (token.isCancelled()) throw ExportCancelled{};
        writer.addFrame(renderFrame(*request.trace, request.firstStep + i, request));
        Q_EMIT progress(token.generation(), i + 1, total);
    }
    if (token.isCancelled()) throw ExportCancelled{};
    writer.finish();
    QStringList files;
    for (const std::string& f : writer.files()) files << QString::fromStdString(f);
    return files;
}

}  // namespace convscope::gui
