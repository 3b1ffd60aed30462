#pragma once

#include <QObject>
#include <QString>

#include <opencv2/core/mat.hpp>

#include "app/gui/filters/filter_request.h"
#include "app/gui/filters/image_buffer_pool.h"
#include "app/gui/support/job_token.h"
#include "core/common/job_control.h"

namespace convscope::gui {

/// Filters images on the FilterController's thread. Interactive requests and the "all filters" grid are two
/// lanes of the controller's JobRunner: a job whose token is cancelled (a newer request exists) is abandoned
/// between the engine's bands, so the newest request wins. Every failure leaves as `failed`.
class FilterWorker : public QObject {
    Q_OBJECT
public:
    /// Images with more pixels than this first get a preview computed on a reduced copy.
    static constexpr int kPreviewMinPixels = 1'500'000;
    /// Longest side of the reduced copy used for previews.
    static constexpr int kPreviewLongestSide = 1024;
    /// Pause between a preview and the start of the full-resolution job (see runRequest).
    static constexpr int kFullResolutionDelayMs = 120;

    /// Emits a preview frame first when the image is large, then (unless a newer request came in meanwhile)
    /// the full-resolution frame. Runs on the worker thread.
    void apply(const convscope::gui::JobToken& token, const convscope::gui::FilterRequest& request);
    /// Emits one tileReady per preset, in order, then tilesFinished.
    void applyAll(const convscope::gui::JobToken& token, const convscope::gui::AllFiltersRequest& request);

Q_SIGNALS:
    void frameReady(const convscope::gui::FilterFrame& frame);
    void failed(quint64 generation, const QString& message);
    void tileReady(const convscope::gui::FilterTileResult& tile);
    void tilesFinished(quint64 generation);

private:
    void process(const JobToken& token, const FilterRequest& request, bool fullResolutionOnly);
    void runRequest(const JobToken& token, const FilterRequest& request);
    void runFullResolution(const JobToken& token, const FilterRequest& request);
    void runTiles(const JobToken& token, const AllFiltersRequest& request);
    /// One tile, stretched to its own range whatever the request's display mode (see AllFiltersRequest).
    FilterFrame computeTile(const cv::Mat& reduced, const common::Kernel& kernel,
                            const AllFiltersRequest& request, const common::JobControl& control);
    /// A reduced copy of one image, computed once per image rather than per request. ImageDocument never
    /// modifies a buffer in place, and holding `source` keeps its address from being reused by another image,
    /// so the data pointer identifies the image.
    struct ReductionCache {
        cv::Mat source;
        cv::Mat reduced;
        int side = 0;
        const cv::Mat& get(const cv::Mat& image, int longestSide);
    };

    ImageBufferPool m_buffers;  ///< the pictures of earlier frames, reused once the GUI has let go of them
    ReductionCache m_preview;
    ReductionCache m_tiles;
};

}  // namespace convscope::gui
