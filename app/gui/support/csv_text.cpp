#include "app/gui/support/csv_text.h"

#include <QCoreApplication>
#include <QDir>
#include <QSaveFile>
#include <QStandardPaths>

namespace convscope::gui {

QString csvField(const QString& field) {
    // Spreadsheets trim unquoted padding, so a field with outer spaces is quoted to keep it intact.
    const bool quote = field.contains(QLatin1Char(',')) || field.contains(QLatin1Char('"')) ||
                       field.contains(QLatin1Char('\n')) || field.contains(QLatin1Char('\r')) ||
                       (!field.isEmpty() && (field.front().isSpace() || field.back().isSpace()));
    if (!quote) return field;
    QString quoted = field;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString csvText(const QVector<QStringList>& records) {
    QString text;
    for (const QStringList& record : records) {
        QStringList fields;
        fields.reserve(record.size());
        for (const QString& f : record) fields << csvField(f);
        text += fields.join(QLatin1Char(',')) + QStringLiteral("\r\n");
    }
    return text;
}

bool writeCsvFile(const QString& path, const QString& text, QString* error) {
    // Binary mode: the CRLF record ends are part of the format and must not be translated.
    QSaveFile file(path);
    const auto fail = [&] {
        if (error)
            *error = QCoreApplication::translate("convscope::gui::CsvText", "Cannot write “%1”: %2.")
                         .arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    };
    if (!file.open(QIODevice::WriteOnly)) return fail();
    const QByteArray bytes = text.toUtf8();
    if (file.write(bytes) != bytes.size()) {
        file.cancelWriting();
        return fail();
    }
    if (!file.commit()) return fail();
    return true;
}

QString documentsPath(const QString& fileName) {
    QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (dir.isEmpty() || !QDir(dir).exists()) dir = QDir::homePath();
    return QDir(dir).filePath(fileName);
}

}  // namespace convscope::gui
