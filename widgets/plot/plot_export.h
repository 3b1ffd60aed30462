#pragma once

#include <QSize>
#include <QString>
#include <QStringList>
#include <QVector>
#include <functional>

class QPainter;
class QRect;

namespace convscope::widgets {

/// Saving plots and their numbers. Every function writes atomically (a temporary file renamed on success,
/// so a failed save leaves an existing file untouched and creates nothing), returns false on failure and
/// then puts a sentence for the user into `error` (when given), naming the file and the reason.

/// Paints `render` into `size` (logical pixels) on white and saves it as PNG at device pixel ratio 2: the
/// file has 2·size pixels (crisp text when shown at size on a high-density screen or printed), and its
/// resolution is recorded as 192 dpi so that documents place it at `size`.
bool savePlotPng(const QString& path, const QSize& size,
                 const std::function<void(QPainter&, const QRect&)>& render, QString* error = nullptr);
/// Paints `render` into an SVG document of `size` (96 dpi, so text keeps the size it has on screen) with a
/// white background and `title` as the document title.
bool savePlotSvg(const QString& path, const QSize& size, const QString& title,
                 const std::function<void(QPainter&, const QRect&)>& render, QString* error = nullptr);
/// Writes comma-separated columns under a header row (fields quoted when they need it). Columns may differ
/// in length: a shorter column leaves its cells empty. Numbers are written in the shortest form that reads
/// back as exactly the same double, with '.' as decimal separator whatever the locale ("nan", "inf" and
/// "-inf" for non-finite values); lines end with "\n".
bool saveCsv(const QString& path, const QStringList& header, const QVector<QVector<double>>& columns,
             QString* error = nullptr);

}  // namespace convscope::widgets
