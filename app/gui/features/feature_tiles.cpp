#include "app/gui/features/feature_tiles.h"

#include <algorithm>
#include <cmath>

#include "core/common/colormap.h"
#include "widgets/common/number_text.h"

namespace convscope::gui {

namespace {

QRgb tableColor(common::Colormap map, double t) {
    const auto& table = common::colormapTable(map);
    const int i = std::clamp(int(std::lround(t * 255.0)), 0, 255);
    const common::Rgb c = table[std::size_t(i)];
    return qRgb(c.r, c.g, c.b);
}

// Three digits: a tile is about 100 px wide.
QString rangeText(double low, double high) {
    return widgets::formatValue(low, 3) + QStringLiteral(" … ") + widgets::formatValue(high, 3);
}

}  // namespace

QImage enlargedPixels(const QImage& image, int side) {
    if (image.isNull()) return image;
    const int longer = std::max(image.width(), image.height());
    const int factor = std::max(1, (side + longer - 1) / longer);
    if (factor == 1) return image;
    return image.scaled(image.size() * factor, Qt::IgnoreAspectRatio, Qt::FastTransformation);
}

QVector<widgets::Tile> channelTiles(const TapFrame& tap, const QStringList& classNames) {
    QVector<widgets::Tile> tiles;
    const bool vector = isVectorTap(tap);
    const bool classes = vector && tap.name == QLatin1String("fc") && tap.channels == classNames.size();
    const double span = tap.max - tap.min;
    for (int c = 0; c < tap.shownChannels(); ++c) {
        widgets::Tile tile;
        tile.title = QObject::tr("ch %1").arg(c);
        if (vector) {
            const double v = tap.channelValues[c].value(0);
            QImage one(1, 1, QImage::Format_RGB32);
            one.setPixel(0, 0, tableColor(common::Colormap::Viridis, span > 0 ? (v - tap.min) / span : 0.5));
            tile.image = enlargedPixels(one);
            tile.subtitle = widgets::formatValue(v, 3);
            if (classes) tile.subtitle = classNames[c] + QLatin1Char('\n') + tile.subtitle;
        } else {
            tile.image = enlargedPixels(tap.channelImages[c]);
            tile.subtitle = rangeText(tap.channelMin[c], tap.channelMax[c]);
        }
        tiles.push_back(tile);
    }
    return tiles;
}

QVector<widgets::Tile> kernelTiles(const QVector<common::Kernel>& kernels, int side) {
    QVector<widgets::Tile> tiles;
    for (int i = 0; i < kernels.size(); ++i) {
        const common::Kernel& k = kernels[i];
        const double peak = std::max(std::abs(k.minValue()), std::abs(k.maxValue()));
        QImage image(k.cols(), k.rows(), QImage::Format_RGB32);
        for (int r = 0; r < k.rows(); ++r)
            for (int c = 0; c < k.cols(); ++c)
                image.setPixel(
                    c, r,
                    tableColor(common::Colormap::CoolWarm, peak > 0 ? 0.5 + 0.5 * k.at(r, c) / peak : 0.5));
        widgets::Tile tile;
        tile.image = enlargedPixels(image, side);
        tile.title = QString::number(i);
        tiles.push_back(tile);
    }
    return tiles;
}

}  // namespace convscope::gui
