#pragma once

#include <QSize>
#include <QString>
#include <QtGlobal>
#include <optional>

namespace convscope::widgets {

/// Number formatting and parsing shared by the views and the panels, so that a value reads the same
/// everywhere: this is the one place that writes the typographic minus sign (U+2212).

/// Compact display text: integers as integers, otherwise `significant` significant digits, a typographic
/// minus sign (U+2212) and short exponents ("1.5e−5"). For labels and cells, not for round trips.
QString compactNumber(double value, int significant = 4);
/// A result value for people: up to `digits` significant digits ('g' format), a true minus sign ("−1020",
/// "3.25", "1.5e−05"); 0 for both zeros.
QString formatValue(double value, int digits = 6);
/// "−1020 … 1020".
QString formatRange(double low, double high);
/// "4000×3000".
QString formatSize(const QSize& size);
/// "85 ms", "1.3 s", "0.4 ms".
QString formatMilliseconds(double milliseconds);
/// "36,928", "−1,024": digits grouped by thousands with commas whatever the locale.
QString groupedNumber(qint64 value);
/// The shortest text that reads back as exactly `value`, with an ASCII minus (for editors).
QString exactNumber(double value);
/// Replaces ASCII hyphen-minus by the typographic minus sign.
QString withTypographicMinus(QString text);
/// Parses what a learner types: optional sign ('+', '-' or '−'), a decimal point or a single decimal comma
/// ("0,5" is 0.5, for locales that write decimals with a comma), exponents ("1e-3") and simple fractions
/// ("1/9"). Returns nothing unless the result is a finite number.
std::optional<double> parseNumber(const QString& text);

}  // namespace convscope::widgets
