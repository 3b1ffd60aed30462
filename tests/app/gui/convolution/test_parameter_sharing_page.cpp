// The Parameter sharing page against the textbook's printed output (seed 000, compare_parameter_counts and
// show_example(32)) and against counts worked by hand for other kernels and channel counts.
#include <QCheckBox>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include "app/gui/convolution/parameter_sharing_page.h"
#include "tests/support/test_main.h"

using namespace convscope;

class TestParameterSharingPage : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void seedRows_data() {
        QTest::addColumn<int>("row");
        QTest::addColumn<QString>("size");
        QTest::addColumn<QString>("convParams");
        QTest::addColumn<QString>("fcParams");
        QTest::addColumn<QString>("ratio");
        // The seed's table: 8x8 10 4160 416.0 ... 128x128 10 268451840 26845184.0.
        QTest::newRow("8") << 0 << "8x8"
                           << "10"
                           << "4,160"
                           << "416.0";
        QTest::newRow("16") << 1 << "16x16"
                            << "10"
                            << "65,792"
                            << "6,579.2";
        QTest::newRow("32") << 2 << "32x32"
                            << "10"
                            << "1,049,600"
                            << "104,960.0";
        QTest::newRow("64") << 3 << "64x64"
                            << "10"
                            << "16,781,312"
                            << "1,678,131.2";
        QTest::newRow("128") << 4 << "128x128"
                             << "10"
                             << "268,451,840"
                             << "26,845,184.0";
    }
    void seedRows() {
        QFETCH(int, row);
        QFETCH(QString, size);
        QFETCH(QString, convParams);
        QFETCH(QString, fcParams);
        QFETCH(QString, ratio);
        gui::ParameterSharingPage page;
        QCOMPARE(page.kernelSpin()->value(), 3);
        QCOMPARE(page.inChannelsSpin()->value(), 1);
        QCOMPARE(page.outChannelsSpin()->value(), 1);
        const QTableWidget* table = page.table();
        QCOMPARE(table->rowCount(), 5);
        QCOMPARE(table->horizontalHeaderItem(3)->text(), QStringLiteral("Ratio (FC/Conv)"));
        QCOMPARE(table->item(row, 0)->text(), size);
        QCOMPARE(table->item(row, 1)->text(), convParams);
        QCOMPARE(table->item(row, 2)->text(), fcParams);
        QCOMPARE(table->item(row, 3)->text(), ratio);
    }

    void seedExampleText() {
        gui::ParameterSharingPage page;
        const QString text = page.exampleLabel()->text();
        QVERIFY2(text.contains(QStringLiteral("CNN parameters: 10 (fixed)")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("FC parameters: 1,049,600")));
        QVERIFY(text.contains(QStringLiteral("Parameter reduction: 99.9990%")));
    }

    void sharingExample() {
        // 64 filters of 3x3x3: 27·64 + 64 = 1,792 shared; (32·32)·27·64 = 1,769,472 without sharing.
        gui::ParameterSharingPage page;
        const QString text = page.sharingExampleLabel()->text();
        QVERIFY2(text.contains(QStringLiteral("3·3·3 = 27")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("27·64 + 64 (bias) = 1,792")));
        QVERIFY(text.contains(QStringLiteral("(32·32)·27·64 = 1,769,472")));
    }

    void withAndWithoutBias() {
        // ResNet's 3×3 convolution 64 → 64: 36,928 with the bias the seeds count, 36,864 without
        // (torchvision).
        gui::ParameterSharingPage page;
        page.setParameters(3, 64, 64);
        QString text = page.exampleLabel()->text();
        QVERIFY2(text.contains(QStringLiteral("with bias 36,928, without bias 36,864 (3·3·64·64)")),
                 qPrintable(text));
        QVERIFY(!text.contains(QStringLiteral("Batch norm follows")));
        page.batchNormBox()->setChecked(true);
        text = page.exampleLabel()->text();
        QVERIFY2(text.contains(
                     QStringLiteral("Batch norm follows, so the layer has 36,864: batch norm subtracts")),
                 qPrintable(text));
        QVERIFY(
            text.contains(QStringLiteral("CNN parameters: 36,928 (fixed)")));  // the table's count as before
    }

    void controlsRecompute() {
        gui::ParameterSharingPage page;
        // 5x5, 3 → 16 channels: conv 5·5·3·16 + 16 = 1,216. FC on 8x8: (64·3)·(64·16) + 64·16 = 197,632.
        page.kernelSpin()->setValue(5);
        page.inChannelsSpin()->setValue(3);
        page.outChannelsSpin()->setValue(16);
        QCOMPARE(page.table()->item(0, 1)->text(), QStringLiteral("1,216"));
        QCOMPARE(page.table()->item(0, 2)->text(), QStringLiteral("197,632"));
        QCOMPARE(page.table()->item(0, 3)->text(), QStringLiteral("162.5"));  // 197632 / 1216
        // 32x32: FC (1024·3)·(1024·16) + 1024·16 = 50,348,032; 1 − 1216/50348032 = 99.99758…%.
        const QString text = page.exampleLabel()->text();
        QVERIFY2(text.contains(QStringLiteral("CNN parameters: 1,216 (fixed)")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("FC parameters: 50,348,032")));
        QVERIFY(text.contains(QStringLiteral("Parameter reduction: 99.9976%")));
        // The seed's fixed example does not follow the controls.
        QVERIFY(page.sharingExampleLabel()->text().contains(QStringLiteral("= 1,792")));
    }

    void csvExport() {
        gui::ParameterSharingPage page;
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("table.csv"));
        QString error;
        QVERIFY2(page.exportCsv(path, &error), qPrintable(error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly | QIODevice::Text));
        const QString expected = QStringLiteral(
            "Input size,Conv params,FC params,Ratio (FC/Conv)\n"
            "8x8,10,4160,416\n"
            "16x16,10,65792,6579.2\n"
            "32x32,10,1049600,104960\n"
            "64x64,10,16781312,1678131.2\n"
            "128x128,10,268451840,26845184\n");
        QCOMPARE(QString::fromUtf8(file.readAll()), expected);
    }

    void csvExportToMissingFolderFails() {
        gui::ParameterSharingPage page;
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("missing/table.csv"));
        QString error;
        QVERIFY(!page.exportCsv(path, &error));
        QVERIFY2(error.contains(QStringLiteral("table.csv")), qPrintable(error));
        QVERIFY(!QFile::exists(path));
    }

    void chartPng() {
        gui::ParameterSharingPage page;
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("chart.png"));
        QString error;
        QVERIFY2(page.exportChartPng(path, &error), qPrintable(error));
        const QImage image(path);
        QCOMPARE(image.size(), QSize(1200, 700));
        // Not blank: the bars are drawn in the series colours.
        int coloured = 0;
        for (int y = 0; y < image.height(); y += 4)
            for (int x = 0; x < image.width(); x += 4) {
                const QColor c = image.pixelColor(x, y);
                if (c.saturation() > 100) ++coloured;
            }
        QVERIFY(coloured > 500);
        QVERIFY(!page.exportChartPng(dir.filePath(QStringLiteral("missing/chart.png")), &error));
        QVERIFY(error.contains(QStringLiteral("chart.png")));
    }
};

CONVSCOPE_TEST_MAIN(TestParameterSharingPage)
#include "test_parameter_sharing_page.moc"
