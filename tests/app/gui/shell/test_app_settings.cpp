#include <QSettings>
#include <QStandardPaths>
#include <QTest>

#include "app/gui/shell/app_settings.h"
#include "tests/support/test_main.h"

using convscope::gui::AppSettings;

class TestAppSettings : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init() { QSettings(QSettings::IniFormat, QSettings::UserScope, "ConvScope", "ConvScope").clear(); }

    void storesUnderTestLocation() {
        AppSettings().setCurrentPanel(1);
        const QString file =
            QSettings(QSettings::IniFormat, QSettings::UserScope, "ConvScope", "ConvScope").fileName();
        const QString testConfig = QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation);
        QVERIFY2(file.startsWith(testConfig), qPrintable(file + " is not under " + testConfig));
        QVERIFY(testConfig.contains(".qttest"));
    }

    void emptySettingsGiveDocumentedDefaults() {
        const AppSettings s;
        QVERIFY(s.windowGeometry().isEmpty());
        QVERIFY(s.windowState().isEmpty());
        QCOMPARE(s.currentPanel(), 0);
        QVERIFY(s.recentFiles().isEmpty());
        QVERIFY(s.lastDirectory().isEmpty());
        QVERIFY(s.lastImage().isEmpty());
        QVERIFY(s.customKernelValues().isEmpty());
        QVERIFY(s.filterParams().isEmpty());
        const convscope::imaging::PatternParams defaults;
        const convscope::imaging::PatternParams p = s.patternParams();
        QCOMPARE(p.width, defaults.width);
        QCOMPARE(p.height, defaults.height);
        QCOMPARE(p.frequency, defaults.frequency);
        QCOMPARE(p.seed, defaults.seed);
    }

    // Each value is written through one AppSettings and read back through a fresh one.
    void windowValuesRoundTrip() {
        const QByteArray geometry("\x01\x02geometry\x00\xff", 12);
        const QByteArray state("state-bytes");
        {
            AppSettings s;
            s.setWindowGeometry(geometry);
            s.setWindowState(state);
            s.setCurrentPanel(3);
        }
        const AppSettings s;
        QCOMPARE(s.windowGeometry(), geometry);
        QCOMPARE(s.windowState(), state);
        QCOMPARE(s.currentPanel(), 3);
    }

    void fileValuesRoundTrip() {
        {
            AppSettings s;
            s.setLastDirectory("/tmp/some dir/ü");
            s.setLastImage("/tmp/some dir/ü/image 1.png");
            s.setRecentFiles({"/a.png", "/b.jpg"});
        }
        const AppSettings s;
        QCOMPARE(s.lastDirectory(), QString("/tmp/some dir/ü"));
        QCOMPARE(s.lastImage(), QString("/tmp/some dir/ü/image 1.png"));
        QCOMPARE(s.recentFiles(), QStringList({"/a.png", "/b.jpg"}));
    }

    void patternParamsRoundTrip() {
        convscope::imaging::PatternParams p;
        p.width = 640;
        p.height = 480;
        p.frequency = 0.125;
        p.angleDegrees = -30.5;
        p.maxFrequency = 0.25;
        p.cellSize = 7;
        p.steps = 9;
        p.seed = 1234567890123ull;
        AppSettings().setPatternParams(p);
        const convscope::imaging::PatternParams r = AppSettings().patternParams();
        QCOMPARE(r.width, 640);
        QCOMPARE(r.height, 480);
        QCOMPARE(r.frequency, 0.125);
        QCOMPARE(r.angleDegrees, -30.5);
        QCOMPARE(r.maxFrequency, 0.25);
        QCOMPARE(r.cellSize, 7);
        QCOMPARE(r.steps, 9);
        QCOMPARE(r.seed, std::uint64_t{1234567890123ull});
    }

    void filterValuesRoundTrip() {
        const QVariantMap params{{"sigma", 1.5}, {"size", 5}, {"name", "x"}};
        const QVector<double> kernel{-1, 0, 1, -2.5, 0, 2.5};
        {
            AppSettings s;
            s.setFilterPreset("gaussian");
            s.setFilterParams(params);
            s.setCustomKernel(2, 3, kernel);
            s.setCorrelationMode("convolve");
            s.setBorderMode("wrap");
            s.setSignedDisplay("diverging");
            s.setGrayscale(true);
            s.setStretch(true);
            s.setFilterViewMode(2);
            s.setSplitPosition(0.25);
            s.setFiltersSplitterState(QByteArray("splitter"));
        }
        const AppSettings s;
        QCOMPARE(s.filterPreset(), QString("gaussian"));
        QCOMPARE(s.filterParams(), params);
        QCOMPARE(s.customKernelRows(), 2);
        QCOMPARE(s.customKernelCols(), 3);
        QCOMPARE(s.customKernelValues(), kernel);
        QCOMPARE(s.correlationMode(), QString("convolve"));
        QCOMPARE(s.borderMode(), QString("wrap"));
        QCOMPARE(s.signedDisplay(), QString("diverging"));
        QCOMPARE(s.grayscale(), true);
        QCOMPARE(s.stretch(), true);
        QCOMPARE(s.filterViewMode(), 2);
        QCOMPARE(s.splitPosition(), 0.25);
        QCOMPARE(s.filtersSplitterState(), QByteArray("splitter"));
    }

    void booleansRoundTripFalseToo() {
        AppSettings s;
        s.setGrayscale(true);
        s.setGrayscale(false);
        s.setStretch(false);
        QCOMPARE(AppSettings().grayscale(), false);
        QCOMPARE(AppSettings().stretch(), false);
    }

    void recentFilesNewestFirst() {
        AppSettings s;
        s.addRecentFile("/a.png");
        s.addRecentFile("/b.png");
        s.addRecentFile("/c.png");
        QCOMPARE(AppSettings().recentFiles(), QStringList({"/c.png", "/b.png", "/a.png"}));
    }

    void recentFilesMoveDuplicateToFront() {
        AppSettings s;
        s.addRecentFile("/a.png");
        s.addRecentFile("/b.png");
        s.addRecentFile("/c.png");
        s.addRecentFile("/a.png");
        QCOMPARE(s.recentFiles(), QStringList({"/a.png", "/c.png", "/b.png"}));
        s.addRecentFile("/a.png");
        QCOMPARE(s.recentFiles(), QStringList({"/a.png", "/c.png", "/b.png"}));
    }

    void recentFilesKeepTenNewest() {
        QCOMPARE(AppSettings::kMaxRecentFiles, 10);
        AppSettings s;
        for (int i = 1; i <= 13; ++i) s.addRecentFile(QString("/img%1.png").arg(i));
        QStringList expected;
        for (int i = 13; i >= 4; --i) expected.append(QString("/img%1.png").arg(i));
        QCOMPARE(AppSettings().recentFiles(), expected);
    }

    void setRecentFilesTruncatesToTen() {
        QStringList twelve;
        for (int i = 0; i < 12; ++i) twelve.append(QString("/f%1.png").arg(i));
        AppSettings().setRecentFiles(twelve);
        QCOMPARE(AppSettings().recentFiles(), twelve.mid(0, 10));
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestAppSettings)
#include "test_app_settings.moc"
