#pragma once

#include <QVector>

#include "app/gui/convolution/conv_frame_builder.h"
#include "widgets/board/channel_summary.h"

namespace convscope::conv {
class ConvTrace;
}

namespace convscope::gui {

/// Whether frames of `trace` show every input channel as a tile (ChannelSummaryStrip) as well as a few
/// channel rows of cells: more input channels than options.maxChannelRows (a 56×56×64 input), gather
/// operations only (a transposed trace scatters one input channel per step).
bool usesChannelSummaries(const conv::ConvTrace& trace, const ConvFrameOptions& options);

/// Where the rows of cells start among the step's channels (`channels`, in tap order) when `shown` of them
/// fit: at the focus channel the learner clicked when the step reads it (kept in view with the rows after
/// it), else at the first.
int firstChannelRow(const QVector<int>& channels, int shown, int focusChannel);

/// The strip for step `stepIndex` (−1: nothing computed yet, no partial sums): every input channel's
/// thumbnail and mean / min / max, the channels the step reads marked, their sums of products (convolution)
/// and `drawnChannels` (the rows of cells) active.
widgets::ChannelSummaryStrip buildChannelSummaries(const conv::ConvTrace& trace, int stepIndex,
                                                   const QVector<int>& drawnChannels);

/// A step that reads input channel `channel`: `current` when it already does, else the step at the same
/// output position whose group holds the channel (pooling: the same channel). −1 for a transposed trace or a
/// channel out of range.
int stepReadingChannel(const conv::ConvTrace& trace, int current, int channel);

}  // namespace convscope::gui
