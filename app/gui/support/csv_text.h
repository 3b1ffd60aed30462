#pragma once

#include <QString>
#include <QStringList>
#include <QVector>

namespace convscope::gui {

/// RFC 4180 text for the tables that export mixed text and numbers (the architecture and zoo tables):
/// a field is quoted when it holds a comma, a double quote, a line break or leading/trailing spaces, with
/// its quotes doubled; records end with CRLF. widgets::saveCsv covers columns of doubles only.
QString csvField(const QString& field);
/// The records joined as CSV, the first one usually the header.
QString csvText(const QVector<QStringList>& records);
/// Writes `text` as UTF-8 (no byte-order mark) atomically; false with a sentence in `error` on failure.
bool writeCsvFile(const QString& path, const QString& text, QString* error);
/// `fileName` in the user's Documents folder (the home folder when there is none): where exports are offered.
QString documentsPath(const QString& fileName);

}  // namespace convscope::gui
