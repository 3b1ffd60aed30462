#pragma once

// What the main window's tests share: image files and a sample folder written at run time (so that the tests
// depend neither on opencv-doc nor on the user's files), and windows whose errors are recorded, not shown.

#include <QAction>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QMenu>
#include <QSettings>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

#include "app/gui/shell/main_window.h"

namespace convscope::tests {

inline QString writeImage(const QString& path, int width, int height, bool gray, const char* format = "PNG") {
    QImage image(width, height, gray ? QImage::Format_Grayscale8 : QImage::Format_RGB32);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            image.setPixel(x, y, gray ? (x * 7 + y) % 256 : qRgb(x % 256, y % 256, (x + y) % 256));
    return image.save(path, format) ? path : QString();
}

inline QAction* findAction(QMenu* menu, const QString& textPart) {
    for (QAction* action : menu->actions())
        if (action->text().contains(textPart)) return action;
    return nullptr;
}

/// Test classes derive from it (after QObject): the files are written once by writeFiles() in initTestCase,
/// reset() in init() clears the settings and the recorded errors.
class MainWindowFixture {
protected:
    /// Returns what went wrong, or an empty string.
    QString writeFiles() {
        if (!m_dir.isValid()) return QStringLiteral("no temporary folder");
        m_rgb = writeImage(m_dir.filePath(QStringLiteral("photo.png")), 40, 30, false);
        m_gray = writeImage(m_dir.filePath(QStringLiteral("gray.png")), 24, 16, true);
        m_corrupt = m_dir.filePath(QStringLiteral("broken.png"));
        QFile corrupt(m_corrupt);
        if (m_rgb.isEmpty() || m_gray.isEmpty() || !corrupt.open(QIODevice::WriteOnly))
            return QStringLiteral("cannot write the test images");
        corrupt.write("\x89PNG\r\n\x1a\n but then garbage");
        corrupt.close();
        // A sample folder of our own, so the tests do not depend on opencv-doc being installed.
        m_samples = m_dir.filePath(QStringLiteral("samples"));
        if (!QDir().mkpath(m_samples)) return QStringLiteral("cannot make the sample folder");
        QFile notes(m_samples + QStringLiteral("/notes.txt"));
        if (writeImage(m_samples + QStringLiteral("/zebra.png"), 8, 8, true).isEmpty() ||
            writeImage(m_samples + QStringLiteral("/apple.jpg"), 8, 8, false, "JPG").isEmpty() ||
            writeImage(m_samples + QStringLiteral("/building.jpg"), 20, 10, false, "JPG").isEmpty() ||
            !notes.open(QIODevice::WriteOnly))
            return QStringLiteral("cannot write the samples");
        m_emptySamples = m_dir.filePath(QStringLiteral("no-samples-here"));
        return {};
    }

    void reset() {
        QSettings(QSettings::IniFormat, QSettings::UserScope, QStringLiteral("ConvScope"),
                  QStringLiteral("ConvScope"))
            .clear();
        m_errors.clear();
    }

    std::unique_ptr<gui::MainWindow> makeWindow(const QString& samples = QString()) {
        auto w = std::make_unique<gui::MainWindow>(samples.isEmpty() ? m_emptySamples : samples);
        w->setErrorReporter([this](const QString& title, const QString& message) {
            m_errors.append(title + QStringLiteral(": ") + message);
        });
        return w;
    }

    QTemporaryDir m_dir;
    QString m_rgb;
    QString m_gray;
    QString m_corrupt;
    QString m_samples;
    QString m_emptySamples;
    QStringList m_errors;
};

}  // namespace convscope::tests
