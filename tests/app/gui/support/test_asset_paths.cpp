// assetsDirectory and assetPath: $CONVSCOPE_ASSETS_DIR first, else an installation's share/convscope/assets
// next to the executable, else the source tree's assets/ (this test runs from a build that was not
// installed); the files the application relies on are there.
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "app/gui/support/asset_paths.h"
#include "tests/support/test_main.h"

using convscope::gui::assetPath;
using convscope::gui::assetsDirectory;

class TestAssetPaths : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sourceTreeServesABuildThatWasNotInstalled() {
        qunsetenv("CONVSCOPE_ASSETS_DIR");
        const QString dir = assetsDirectory();
        QVERIFY2(!dir.isEmpty(), "no assets folder found");
        QCOMPARE(QDir(dir).canonicalPath(),
                 QDir(QStringLiteral(CONVSCOPE_TEST_DATA_DIR "/../../assets")).canonicalPath());
        // What the panels open: the pretrained model, the kernel files, the sample images.
        QVERIFY(!assetPath(QStringLiteral("models/lenet5_fashion_mnist.ckpt")).isEmpty());
        QVERIFY(!assetPath(QStringLiteral("kernels/sobel_x.kernel")).isEmpty());
        QVERIFY(!assetPath(QStringLiteral("images/fashion_mnist/test_0_ankle_boot.png")).isEmpty());
        QVERIFY(assetPath(QStringLiteral("models/no_such_model.ckpt")).isEmpty());
    }

    void environmentComesFirst() {
        QTemporaryDir other;
        QVERIFY(QDir(other.path()).mkpath(QStringLiteral("kernels")));
        QFile file(other.filePath(QStringLiteral("kernels/mine.kernel")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("1\n");
        file.close();
        qputenv("CONVSCOPE_ASSETS_DIR", QFile::encodeName(other.path()));
        QCOMPARE(assetsDirectory(), QDir(other.path()).canonicalPath());
        QVERIFY(!assetPath(QStringLiteral("kernels/mine.kernel")).isEmpty());
        QVERIFY(assetPath(QStringLiteral("kernels/sobel_x.kernel")).isEmpty());
        // A folder that does not exist is passed over.
        qputenv("CONVSCOPE_ASSETS_DIR", "/nonexistent/convscope-assets");
        QCOMPARE(QDir(assetsDirectory()).canonicalPath(),
                 QDir(QStringLiteral(CONVSCOPE_TEST_DATA_DIR "/../../assets")).canonicalPath());
        qunsetenv("CONVSCOPE_ASSETS_DIR");
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestAssetPaths)
#include "test_asset_paths.moc"
