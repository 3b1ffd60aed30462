#pragma once

#include <QString>

namespace convscope::gui {

/// The folder holding the files ConvScope ships (assets/ in the repository: sample images, kernel files, a
/// small pretrained model): $CONVSCOPE_ASSETS_DIR when set, else <prefix>/share/convscope/assets next to an
/// installed executable, else the source tree's assets/ for a build that was not installed. Empty when none
/// of them exists.
QString assetsDirectory();

/// `relative` ("models/lenet5_fashion_mnist.ckpt") inside assetsDirectory(), or empty when it is not there.
QString assetPath(const QString& relative);

}  // namespace convscope::gui
