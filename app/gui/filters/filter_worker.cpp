#include "app/gui/filters/filter_worker.h"

#include <exception>

#include <QTimer>

#include "app/gui/bridge/image_bridge.h"
#include "app/gui/filters/filter_pipeline.h"
#include "core/common/job_control.h"
#include "core/imaging/filter_engine.h"
#include "core/imaging/kernel_library.h"

namespace convscope::gui {

void FilterWorker::apply(const JobToken& token, const FilterRequest& request) {
    process(token, request, false);
}

void FilterWorker::process(const JobToken& token, const FilterRequest& request, bool fullResolutionOnly) {
    if (token.isCancelled()) return;
    try {
        if (fullResolutionOnly) {
            runFullResolution(token, request);
        } else {
            runRequest(token, request);
        }
    } catch (const common::Cancelled&) {
        // A newer request (or shutdown) superseded this one; it will deliver its own result.
    } catch (const std::exception& e) {
        Q_EMIT failed(token.generation(), QString::fromStdString(e.what()));
    } catch (...) {
        Q_EMIT failed(token.generation(), tr("Filtering failed for an unknown reason."));
    }
}

void FilterWorker::runRequest(const JobToken& token, const FilterRequest& request) {
    const cv::Mat& image = request.image;
    const QSize imageSize(image.cols, image.rows);
    if (!request.allowPreview || static_cast<qint64>(image.cols) * image.rows <= kPreviewMinPixels) {
        runFullResolution(token, request);
        return;
    }
    const cv::Mat& reduced = m_preview.get(image, kPreviewLongestSide);
    FilterFrame preview = computeFilterFrame(reduced, request.kernel, request.options, request.display,
                                             token.control(), &m_buffers);
    if (request.previewAtImageSize) preview.view = toViewImage(preview.display, imageSize, &m_buffers);
    preview.generation = token.generation();
    preview.preview = true;
    preview.imageSize = imageSize;
    if (token.isCancelled()) return;
    Q_EMIT frameReady(preview);
    // The full resolution starts after a pause: the GUI thread gets the cores to show the preview, and while
    // a slider is being dragged the next request arrives first and this one is skipped without any work.
    QTimer::singleShot(kFullResolutionDelayMs, this,
                       [this, token, request] { process(token, request, true); });
}

void FilterWorker::runFullResolution(const JobToken& token, const FilterRequest& request) {
    FilterFrame full = computeFilterFrame(request.image, request.kernel, request.options, request.display,
                                          token.control(), &m_buffers);
    full.generation = token.generation();
    if (token.isCancelled()) return;
    Q_EMIT frameReady(full);
}

void FilterWorker::applyAll(const JobToken& token, const AllFiltersRequest& request) {
    const quint64 generation = token.generation();
    try {
        runTiles(token, request);
    } catch (const common::Cancelled&) {
        // Superseded by a newer grid request.
    } catch (const std::exception& e) {
        // Something outside any single preset failed (e.g. reducing the image): report it on every tile.
        const auto count = static_cast<int>(imaging::kernelPresets().size());
        for (int i = 0; i < count; ++i) {
            Q_EMIT tileReady(FilterTileResult{generation, i, {}, QString::fromStdString(e.what())});
        }
        Q_EMIT tilesFinished(generation);
    } catch (...) {
        Q_EMIT tilesFinished(generation);
    }
}

void FilterWorker::runTiles(const JobToken& token, const AllFiltersRequest& request) {
    const quint64 generation = token.generation();
    const common::JobControl control = token.control();
    const cv::Mat& reduced = m_tiles.get(request.image, request.maxSide);
    const auto& presets = imaging::kernelPresets();
    for (int i = 0; i < static_cast<int>(presets.size()); ++i) {
        if (token.isCancelled()) return;
        FilterTileResult tile;
        tile.generation = generation;
        tile.index = i;
        try {
            tile.frame = computeTile(reduced, imaging::makeKernel(presets[static_cast<size_t>(i)].name),
                                     request, control);
            tile.frame.generation = generation;
        } catch (const common::Cancelled&) {
            throw;
        } catch (const std::exception& e) {
            tile.error = QString::fromStdString(e.what());
        }
        Q_EMIT tileReady(tile);
    }
    Q_EMIT tilesFinished(generation);
}

FilterFrame FilterWorker::computeTile(const cv::Mat& reduced, const common::Kernel& kernel,
                                      const AllFiltersRequest& request, const common::JobControl& control) {
    // The presets' ranges differ by orders of magnitude (a blur stays in 0..255, Gabor reaches thousands):
    // one fixed scale would leave most tiles black or white. Every tile is stretched to its own range
    // instead: |v| to 0..max|v| for signed results (or the diverging colormap, itself scaled to max|v|),
    // min..max for non-negative ones, whose sign needs no showing.
    imaging::DisplayOptions display;
    display.mode = request.display.mode == imaging::SignedDisplay::Diverging
                       ? imaging::SignedDisplay::Diverging
                       : imaging::SignedDisplay::Absolute;
    display.stretch = true;
    FilterFrame frame = computeFilterFrame(reduced, kernel, request.options, display, control, &m_buffers);
    if (frame.range.min >= 0.0 && display.mode == imaging::SignedDisplay::Absolute) {
        display.mode = imaging::SignedDisplay::Clip;
        cv::Mat target = bridge::wrap(frame.display);
        imaging::renderDisplay(*frame.values, frame.range, display, target);
        frame.view = toViewImage(frame.display, {}, &m_buffers);
    }
    return frame;
}

const cv::Mat& FilterWorker::ReductionCache::get(const cv::Mat& image, int longestSide) {
    const bool same = source.data == image.data && source.size == image.size &&
                      source.type() == image.type() && source.step == image.step && side == longestSide &&
                      !reduced.empty();
    if (!same) {
        reduced = reducedCopy(image, longestSide);
        source = image;
        side = longestSide;
    }
    return reduced;
}

}  // namespace convscope::gui
