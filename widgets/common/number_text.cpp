#include "widgets/common/number_text.h"

#include <QLocale>
#include <cmath>

namespace convscope::widgets {

namespace {
const QChar kMinus(0x2212);

// "1.5e-05" -> "1.5e-5", "2e+10" -> "2e10": exponents without padding read faster.
QString tidyExponent(QString text) {
    const int e = text.indexOf(QLatin1Char('e'));
    if (e < 0) return text;
    QString mantissa = text.left(e);
    QString exponent = text.mid(e + 1);
    bool negative = false;
    if (exponent.startsWith(QLatin1Char('+')) || exponent.startsWith(QLatin1Char('-'))) {
        negative = exponent.startsWith(QLatin1Char('-'));
        exponent.remove(0, 1);
    }
    while (exponent.size() > 1 && exponent.startsWith(QLatin1Char('0'))) exponent.remove(0, 1);
    return mantissa + QLatin1Char('e') + (negative ? QStringLiteral("-") : QString()) + exponent;
}

std::optional<double> parsePlain(QString text) {
    text = text.trimmed();
    if (text.startsWith(QLatin1Char('+'))) {
        text.remove(0, 1);
        if (text.startsWith(QLatin1Char('+')) || text.startsWith(QLatin1Char('-'))) return std::nullopt;
    }
    if (text.isEmpty()) return std::nullopt;
    // A single comma and no point is a decimal comma; anything else with a comma is ambiguous.
    if (text.contains(QLatin1Char(','))) {
        if (text.count(QLatin1Char(',')) != 1 || text.contains(QLatin1Char('.'))) return std::nullopt;
        text.replace(QLatin1Char(','), QLatin1Char('.'));
    }
    QLocale c = QLocale::c();
    c.setNumberOptions(QLocale::RejectGroupSeparator);
    bool ok = false;
    const double value = c.toDouble(text, &ok);
    if (!ok || !std::isfinite(value)) return std::nullopt;
    return value;
}
}  // namespace

QString withTypographicMinus(QString text) {
    return text.replace(QLatin1Char('-'), kMinus);
}

QString compactNumber(double value, int significant) {
    if (std::isnan(value)) return QStringLiteral("NaN");
    if (std::isinf(value)) return value > 0 ? QStringLiteral("∞") : QString(kMinus) + QStringLiteral("∞");
    if (value == 0.0) return QStringLiteral("0");  // also for -0
    const double a = std::abs(value);
    QString text;
    if (a < 1e15 && std::abs(value - std::round(value)) <= 1e-9 * std::max(1.0, a)) {
        text = QString::number(static_cast<qint64>(std::llround(value)));
    } else if (a >= std::pow(10.0, significant) && a < 1e9) {
        text = QString::number(value, 'f', 0);
    } else {
        text = tidyExponent(QString::number(value, 'g', significant));
    }
    return withTypographicMinus(text);
}

QString formatValue(double value, int digits) {
    if (value == 0.0) return QStringLiteral("0");  // no "−0"
    return withTypographicMinus(QString::number(value, 'g', digits));
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

QString groupedNumber(qint64 value) {
    QString digits = QString::number(value < 0 ? -value : value);
    for (int i = int(digits.size()) - 3; i > 0; i -= 3) digits.insert(i, QLatin1Char(','));
    return value < 0 ? kMinus + digits : digits;
}

QString exactNumber(double value) {
    if (value == 0.0) return QStringLiteral("0");
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

std::optional<double> parseNumber(const QString& input) {
    QString text = input.trimmed();
    text.replace(kMinus, QLatin1Char('-'));
    const int slash = text.indexOf(QLatin1Char('/'));
    if (slash < 0) return parsePlain(text);
    if (text.indexOf(QLatin1Char('/'), slash + 1) >= 0) return std::nullopt;
    const auto numerator = parsePlain(text.left(slash));
    const auto denominator = parsePlain(text.mid(slash + 1));
    if (!numerator || !denominator || *denominator == 0.0) return std::nullopt;
    const double value = *numerator / *denominator;
    if (!std::isfinite(value)) return std::nullopt;
    return value;
}

}  // namespace convscope::widgets
