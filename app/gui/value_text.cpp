#include "app/gui/value_text.h"

#include <cmath>

namespace convscope::gui {

QString formatValue(double value, int digits) {
    if (value == 0.0) return QStringLiteral("0");  // no "−0"
    QString text = QString::number(value, 'g', digits);
    text.replace(QLatin1Char('-'), QChar(0x2212));
    return text;
}

QString formatRange(double low, double high) {
    return formatValue(low) + QStringLiteral(" … ") + formatValue(high);
}

QString formatSize(const QSize& size) {
    return QStringLiteral("%1×%2").arg(size.width()).arg(size.height());
}

QString formatMilliseconds(double milliseconds) {
    if (milliseconds >= 1000.0) return QStringLiteral("%1 s").arg(milliseconds / 1000.0, 0, 'f', 1);
    if (milliseconds >= 10.0) return QStringLiteral("%1 ms").arg(std::lround(milliseconds));
    return QStringLiteral("%1 ms").arg(milliseconds, 0, 'f', 1);
}

}  // namespace convscope::gui
