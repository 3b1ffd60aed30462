#pragma once

#include <QMetaType>
#include <QObject>
#include <QString>

#include <opencv2/core/mat.hpp>

#include "app/gui/support/job_token.h"

namespace convscope::gui {

/// What a successful load hands back to the GUI thread.
struct ImageLoadResult {
    QString path;
    cv::Mat pixels;  ///< CV_8UC1 or CV_8UC3 (BGR), as imaging::loadImage returns it
    QString format;  ///< "PNG", "JPEG", ...
    int sourceChannels = 0;
    int sourceBitDepth = 0;
    qint64 elapsedMs = 0;
};

/// Decodes image files on the ImageLoadController's thread. Every failure, whatever its type, leaves as a
/// `failed` signal carrying a message for the user.
class ImageLoadWorker : public QObject {
    Q_OBJECT
public:
    /// Runs on the loader thread; reports with the token's generation.
    void load(const convscope::gui::JobToken& token, const QString& path);

Q_SIGNALS:
    void loaded(quint64 generation, const convscope::gui::ImageLoadResult& result);
    void failed(quint64 generation, const QString& path, const QString& message);
};

}  // namespace convscope::gui

Q_DECLARE_METATYPE(convscope::gui::ImageLoadResult)
