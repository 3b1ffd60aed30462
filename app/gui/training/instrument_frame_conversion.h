#pragma once

#include "app/gui/training/instrument_frame.h"

namespace convscope::nn {
struct BatchMetrics;
}  // namespace convscope::nn

namespace convscope::gui {

/// A logged step's instruments of training (nn::BatchMetrics::instruments) as the Qt values the views take;
/// shared by the Training panel's worker and the degradation experiment's.
InstrumentFrame toInstrumentFrame(const nn::BatchMetrics& metrics);

}  // namespace convscope::gui
