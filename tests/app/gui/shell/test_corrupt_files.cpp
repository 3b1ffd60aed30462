// The application always starts: a settings file Qt cannot parse, FFTW wisdom that is not wisdom and a cost
// model that is not a model (garbage written into the test's own home) are set aside as
// <name>.corrupt-<time>, said once in the status bar (a permanent notice, no dialog), and fresh valid files
// are written afterwards. Settings of the wrong types are read as defaults, without a crash.
#include <QDir>
#include <QLabel>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTest>

#include <fstream>
#include <memory>

#include "app/gui/shell/main_window.h"
#include "core/imaging/filter_cost_model.h"
#include "core/spectral/fft_planner.h"
#include "tests/support/test_main.h"

using namespace convscope;

namespace {

QString settingsPath() {
    return QSettings(QSettings::IniFormat, QSettings::UserScope, QStringLiteral("ConvScope"),
                     QStringLiteral("ConvScope"))
        .fileName();
}

// Where SpectralCache keeps the wisdom and the cost model (its default directory).
QString cacheDirectory() {
    return QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
}

void writeBytes(const QString& path, const std::string& bytes) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    std::ofstream(path.toStdString(), std::ios::binary | std::ios::trunc) << bytes;
}

QStringList aside(const QString& path) {
    const QFileInfo info(path);
    return info.dir().entryList({info.fileName() + ".corrupt-*"}, QDir::Files);
}

}  // namespace

class TestCorruptFiles : public QObject {
    Q_OBJECT
    QTemporaryDir m_samples;  // an empty sample folder: the window falls back to a generated pattern

    std::unique_ptr<gui::MainWindow> start() {
        auto w = std::make_unique<gui::MainWindow>(m_samples.path());
        w->setErrorReporter([](const QString& title, const QString& message) {
            QFAIL(qPrintable("unexpected dialog: " + title + ": " + message));
        });
        w->show();
        w->startWith(QString());
        return w;
    }

private Q_SLOTS:
    void damagedFilesAreSetAsideAndRebuilt() {
        const QString ini = settingsPath();
        const QString wisdom = cacheDirectory() + "/fftw-wisdom-double.txt";
        const QString model = cacheDirectory() + "/filter-cost-model.txt";
        writeBytes(ini, std::string("\0\x01\x02\xff garbage\n[[[\n=\n", 20));
        writeBytes(wisdom, "(fftw-3.3 wisdom\n\x01\x02 not really");
        writeBytes(model, std::string("\0\xff\xfe not a model\n", 17));

        auto w = start();
        auto* notice = w->statusBar()->findChild<QLabel*>(QStringLiteral("startupNotice"));
        QVERIFY(notice);
        // The settings at once; the caches once the spectral cache has loaded them (calibration: seconds).
        QTRY_VERIFY_WITH_TIMEOUT(
            notice->toolTip().contains("wisdom") && notice->toolTip().contains("cost model"), 120000);
        QVERIFY(notice->isVisible());
        QVERIFY2(notice->toolTip().contains("The settings file") && notice->toolTip().contains("set aside"),
                 qPrintable(notice->toolTip()));
        QCOMPARE(aside(ini).size(), 1);
        QCOMPARE(aside(wisdom).size(), 1);
        QCOMPARE(aside(model).size(), 1);
        // The user's file is kept as it was.
        QFile kept(QFileInfo(ini).dir().filePath(aside(ini).first()));
        QVERIFY(kept.open(QIODevice::ReadOnly));
        QCOMPARE(kept.readAll(), QByteArray("\0\x01\x02\xff garbage\n[[[\n=\n", 20));

        // Fresh files: the cost model recalibrated now, the settings and the wisdom when the window closes.
        imaging::FilterCostModel fresh;
        std::string error;
        QVERIFY2(fresh.load(model.toStdString(), &error), error.c_str());
        w->close();
        w.reset();
        QSettings settings(ini, QSettings::IniFormat);
        QVERIFY(!settings.allKeys().isEmpty());
        QCOMPARE(settings.status(), QSettings::NoError);
        QVERIFY2(spectral::FftPlanner::instance().loadWisdom(cacheDirectory().toStdString(), &error),
                 error.c_str());

        // Started again: nothing to say.
        auto again = start();
        QTest::qWait(50);
        QVERIFY(again->statusBar()->findChild<QLabel*>(QStringLiteral("startupNotice"))->toolTip().isEmpty());
        again->close();
        QCOMPARE(aside(ini).size(), 1);
    }

    // Every value the application wrote, replaced by one of the wrong type: read as defaults, no crash, and
    // the file is not set aside (it parses).
    void wrongTypesAreDefaults() {
        const QString ini = settingsPath();
        {
            auto w = start();
            w->close();
        }
        const QStringList keys = QSettings(ini, QSettings::IniFormat).allKeys();
        QVERIFY(keys.size() > 5);
        const int before = int(aside(ini).size());
        const QVariant garbage[] = {QStringLiteral("not a number"), QVariant(-1e308), QStringList{"a", "b"},
                                    QByteArray("\0\1\2", 3), QVariant(QVariantMap{{"x", 1}})};
        {
            QSettings s(ini, QSettings::IniFormat);
            int i = 0;
            for (const QString& key : keys) s.setValue(key, garbage[i++ % 5]);
        }
        auto w = start();
        QTest::qWait(100);
        w->close();
        QCOMPARE(int(aside(ini).size()), before);
        QCOMPARE(QSettings(ini, QSettings::IniFormat).status(), QSettings::NoError);
    }
};

CONVSCOPE_TEST_MAIN(TestCorruptFiles)
#include "test_corrupt_files.moc"
