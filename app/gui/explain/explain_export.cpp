#include "app/gui/explain/explain_export.h"

#include <QStringList>
#include <QVector>
#include <algorithm>

#include "app/gui/support/csv_text.h"
#include "core/common/attribution_display.h"

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

QImage mapAlonePicture(const ExplainMap& map, int minimumSide) {
    if (map.rows <= 0 || map.cols <= 0) return {};
    const int block =
        std::max(1, (minimumSide + std::max(map.rows, map.cols) - 1) / std::max(map.rows, map.cols));
    QImage image(map.cols * block, map.rows * block, QImage::Format_RGB888);
    for (int r = 0; r < map.rows; ++r)
        for (int c = 0; c < map.cols; ++c) {
            float v = map.value(r, c);
            if (map.relu) v = std::max(v, 0.0f);
            const float shown = map.scale > 0.0 ? float(v / map.scale) : 0.0f;
            const common::Rgb colour = common::displayColour(shown, map.diverging);
            for (int y = 0; y < block; ++y) {
                uchar* line = image.scanLine(r * block + y);
                for (int x = 0; x < block; ++x) {
                    uchar* p = line + 3 * (c * block + x);
                    p[0] = colour.r;
                    p[1] = colour.g;
                    p[2] = colour.b;
                }
            }
        }
    return image;
}

ExplainPng explainPngKind(const QString& path) {
    if (path.endsWith(QLatin1String(".map.png"), Qt::CaseInsensitive)) return ExplainPng::MapAlone;
    if (path.endsWith(QLatin1String(".overlay.png"), Qt::CaseInsensitive)) return ExplainPng::Overlay;
    return ExplainPng::View;
}

}  // namespace convscope::gui
