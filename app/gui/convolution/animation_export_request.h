#pragma once

#include <QMetaType>
#include <QSize>
#include <QString>
#include <memory>

#include "app/gui/convolution/conv_frame_builder.h"
#include "core/imaging/animation_writer.h"

namespace convscope::conv {
class ConvTrace;
}

namespace convscope::gui {

/// Everything the export worker needs to render and write one animation. Frames are the board after steps
/// firstStep … lastStep (step indices as the step page numbers them: −1 is the initial state with nothing
/// computed, 0 … stepCount − 1 the steps), one frame per step.
struct AnimationExportRequest {
    std::shared_ptr<const conv::ConvTrace>
        trace;  ///< immutable, so the worker may read it while the panel does
    int firstStep = -1;
    int lastStep = -1;
    QSize frameSize{960, 600};     ///< pixels of every frame
    double framesPerSecond = 4.0;  ///< 0.1 … 60
    imaging::AnimationFormat format = imaging::AnimationFormat::Gif;
    QString path;  ///< the GIF/AVI file, or for PNG frames the name the numbered files derive from
    ConvFrameOptions options;

    int frameCount() const { return lastStep >= firstStep ? lastStep - firstStep + 1 : 0; }
};

}  // namespace convscope::gui

Q_DECLARE_METATYPE(convscope::gui::AnimationExportRequest)
