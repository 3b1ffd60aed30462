#include "app/gui/explain/explain_export.h"

#include <QStringList>
#include <QVector>

#include "app/gui/support/csv_text.h"

namespace convscope::gui {

QString writeMapCsv(const ExplainMap& map, const QString& path) {
    QVector<QStringList> records;
    QStringList header{QStringLiteral("row\\col")};
    for (int c = 0; c < map.cols; ++c) header << QString::number(c);
    records << header;
    for (int r = 0; r < map.rows; ++r) {
        QStringList record{QString::number(r)};
        // Nine significant digits: a float reads back exactly.
        for (int c = 0; c < map.cols; ++c) record << QString::number(double(map.value(r, c)), 'g', 9);
        records << record;
    }
    QString error;
    if (!writeCsvFile(path, csvText(records), &error)) return error;
    return {};
}

}  // namespace convscope::gui
