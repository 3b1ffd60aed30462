#pragma once

#include <QImage>
#include <QStringList>
#include <QVector>

#include "app/gui/features/feature_frame.h"
#include "core/common/kernel.h"
#include "widgets/image/tile_grid_view.h"

namespace convscope::gui {

/// The smallest side a channel or kernel picture is enlarged to before it becomes a tile.
inline constexpr int kFeatureTileSide = 96;

/// `image` enlarged by the smallest whole factor that makes its longer side at least `side`, each pixel
/// a sharp square (Qt::FastTransformation): a 1×1, 4×4 or 7×7 map stays legible, never a blur.
QImage enlargedPixels(const QImage& image, int side = kFeatureTileSide);

/// One tile per shown channel of `tap`: "ch 12" over its min … max. Maps of a single value (fc, fc1, a
/// ResNet's last block at a small input) are coloured against the whole tap's range instead of their own,
/// which would paint every one of them the same colour; fc's tiles also name their class.
QVector<widgets::Tile> channelTiles(const TapFrame& tap, const QStringList& classNames);

/// One tile per learned filter, in diverging colours scaled to the filter's own largest magnitude, so that
/// zero is always the neutral middle and the sign of each weight can be read.
QVector<widgets::Tile> kernelTiles(const QVector<common::Kernel>& kernels, int side);

/// True for taps whose maps are single values (C×1×1), whose channels are best compared side by side.
inline bool isVectorTap(const TapFrame& tap) {
    return tap.height == 1 && tap.width == 1;
}

}  // namespace convscope::gui
