#pragma once

#include "widgets/board/grid_board_frame.h"

namespace convscope::conv {
class ConvTrace;
}

namespace convscope::gui {

/// How much of a big problem a frame shows.
struct ConvFrameOptions {
    int maxPlaneCells = 40;  ///< planes larger than this per side show a window that follows the kernel
    int maxChannelRows =
        4;  ///< input channels drawn for multi-channel steps (the rest summarised in the caption)
    int maxCaptionTerms = 12;  ///< terms of the arithmetic before "…"
    /// Many channels (see usesChannelSummaries): the input channel whose cells are drawn first, when the
    /// step reads it; −1 for the step's first channel. Set by clicking a channel tile.
    int focusChannel = -1;
};

/// The animation frame after `stepIndex` steps of `trace` have run and step `stepIndex` is the one being
/// shown (0-based; −1 shows the initial state with nothing computed). Layout: for each input channel of the
/// current step's group one row "Input c (padded) ⊙ Kernel W[o, c] = Products", then the output row; pooling
/// shows "Input → Window → Output"; transposed shows "Input × Kernel = Scaled kernel" and the uncropped
/// output with the cropped border faded. Big planes show a viewport around the kernel window, with real
/// indices. Pure function of its arguments: callable from any thread (the export worker uses it).
widgets::GridBoardFrame buildConvFrame(const conv::ConvTrace& trace, int stepIndex,
                                       const ConvFrameOptions& options = {});

}  // namespace convscope::gui
