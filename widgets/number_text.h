#pragma once

#include <QString>
#include <optional>

namespace convscope::widgets {

/// Number formatting and parsing shared by the views, so that a value reads the same everywhere.

/// Compact display text: integers as integers, otherwise `significant` significant digits, a typographic
/// minus sign (U+2212) and short exponents ("1.5e−5"). For labels and cells, not for round trips.
QString compactNumber(double value, int significant = 4);
/// The shortest text that reads back as exactly `value`, with an ASCII minus (for editors).
QString exactNumber(double value);
/// Replaces ASCII hyphen-minus by the typographic minus sign.
QString withTypographicMinus(QString text);
/// Parses what a learner types: optional sign ('+', '-' or '−'), a decimal point or a single decimal comma
/// ("0,5" is 0.5, for locales that write decimals with a comma), exponents ("1e-3") and simple fractions
/// ("1/9"). Returns nothing unless the result is a finite number.
std::optional<double> parseNumber(const QString& text);

}  // namespace convscope::widgets
