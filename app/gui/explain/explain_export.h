#pragma once

#include <QString>

#include "app/gui/explain/explain_frame.h"

namespace convscope::gui {

/// Writes `map`'s raw values (before the display's ReLU and scaling) to `path` as CSV: a header record of
/// column indices, then one record per row led by its index. Returns an empty string on success, else the
/// reason it failed.
QString writeMapCsv(const ExplainMap& map, const QString& path);

}  // namespace convscope::gui
