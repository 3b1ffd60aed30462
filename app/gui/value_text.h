#pragma once

#include <QSize>
#include <QString>

namespace convscope::gui {

/// A result value for people: up to `digits` significant digits, a true minus sign ("−1020", "3.25").
QString formatValue(double value, int digits = 6);

/// "−1020 … 1020".
QString formatRange(double low, double high);

/// "4000×3000".
QString formatSize(const QSize& size);

/// "85 ms", "1.3 s", "0.4 ms".
QString formatMilliseconds(double milliseconds);

}  // namespace convscope::gui
