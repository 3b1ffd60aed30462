#pragma once

#include "app/gui/convolution/conv_frame_builder.h"
#include "widgets/board/grid_board_frame.h"

namespace convscope::conv {
class ConvTrace;
}

namespace convscope::gui {

/// buildConvFrame() for the upsampling operations. Nearest and bed of nails: "Input → Output" in one row,
/// the step's input cell and its S×S output cell marked (bed of nails: the nail in bold). Max unpooling:
/// "Input → max → Pooled" above the output; the step's window, its maximum, the pooled value and the
/// output cell are marked, and an arrow runs from every maximum found so far to where the output puts it
/// (the current step's strong). Big planes show a viewport around the step. `stepIndex` as in
/// buildConvFrame (−1: nothing computed yet). Pure function: callable from any thread.
widgets::GridBoardFrame buildUpsampleFrame(const conv::ConvTrace& trace, int stepIndex,
                                           const ConvFrameOptions& options);

}  // namespace convscope::gui
