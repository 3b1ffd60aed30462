#pragma once
// What the GUI's import tests share: a main window as a learner has it (a generated picture open, errors
// collected instead of shown in message boxes) and settings cleared between test functions.
#include <QSettings>
#include <QString>
#include <QStringList>
#include <QTest>

#include <memory>

#include <opencv2/core.hpp>

#include "app/gui/shell/main_window.h"

namespace convscope::testing {

/// A picture with structure everywhere (no flat background for the photograph conversion to guess at).
inline cv::Mat gradientPicture() {
    cv::Mat picture(40, 48, CV_8UC3);
    for (int y = 0; y < picture.rows; ++y)
        for (int x = 0; x < picture.cols; ++x)
            picture.at<cv::Vec3b>(y, x) = cv::Vec3b(uchar(5 * x), uchar(6 * y), uchar(3 * (x + y)));
    return picture;
}

/// Forgets every remembered file and panel state (the hermetic main's settings file).
inline void clearSettings() {
    QSettings(QSettings::IniFormat, QSettings::UserScope, QStringLiteral("ConvScope"),
              QStringLiteral("ConvScope"))
        .clear();
}

/// A shown main window whose open image is gradientPicture() ("gradient"), with no sample images
/// (`samplesDir` need not exist); each error box's title and message is appended to `errors` instead.
inline std::unique_ptr<gui::MainWindow> makeImportWindow(const QString& samplesDir, QStringList* errors) {
    auto w = std::make_unique<gui::MainWindow>(samplesDir);
    w->setErrorReporter([errors](const QString& title, const QString& message) {
        errors->append(title + QStringLiteral(": ") + message);
    });
    // The panels' "open image" needs no file.
    w->showGeneratedImage(gradientPicture(), QStringLiteral("gradient"));
    w->show();
    if (!QTest::qWaitForWindowExposed(w.get())) qWarning("the window was not exposed");
    return w;
}

}  // namespace convscope::testing
