// conv-size against the seeds' worked examples (AlexNet, CS231n, the 7x7 and 6x6 cases) and its bad input:
// one stderr line naming the problem, exit status 2.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include "tests/support/cli_runner.h"
#include "tests/support/test_main.h"

using namespace clitest;

class TestCliConvSize : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void convSize_data();
    void convSize();
    void errors_data();
    void errors();
};

void TestCliConvSize::convSize_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("expected");
    // The seeds' examples: AlexNet CONV1 and POOL1, CS231n's 32x32 with 5x5 pad 2, 7x7 with 3x3.
    QTest::newRow("227 k11 s4") << QStringList{"--input", "227", "--kernel", "11", "--stride", "4"} << 55;
    QTest::newRow("55 k3 s2") << QStringList{"--input", "55", "--kernel", "3", "--stride", "2"} << 27;
    QTest::newRow("32 k5 s1 p2") << QStringList{"--input", "32", "--kernel", "5", "--padding", "2"} << 32;
    QTest::newRow("7 k3 s1") << QStringList{"--input", "7", "--kernel", "3"} << 5;
    QTest::newRow("7 k3 s2") << QStringList{"--input", "7", "--kernel", "3", "--stride", "2"} << 3;
    QTest::newRow("6 k3 p1") << QStringList{"--input", "6", "--kernel", "3", "--padding", "1"} << 6;
    QTest::newRow("7 k3 d2") << QStringList{"--input", "7", "--kernel", "3", "--dilation", "2"} << 3;
    QTest::newRow("6 k3 p0,1 s2") << QStringList{"--input",   "6",   "--kernel", "3",
                                                 "--padding", "0,1", "--stride", "2"}
                                  << 3;
    QTest::newRow("transposed 3 k3 s2 p1 op1") << QStringList{"--input",
                                                              "3",
                                                              "--kernel",
                                                              "3",
                                                              "--stride",
                                                              "2",
                                                              "--padding",
                                                              "1",
                                                              "--transposed",
                                                              "--output-padding",
                                                              "1"}
                                               << 6;
    QTest::newRow("transposed 2 k2 s2")
        << QStringList{"--input", "2", "--kernel", "2", "--stride", "2", "--transposed"} << 4;
}

void TestCliConvSize::convSize() {
    QFETCH(QStringList, args);
    QFETCH(int, expected);
    const Result text = runCli(QStringList{"conv-size"} + args);
    QCOMPARE(text.exitCode, 0);
    QVERIFY(text.err.isEmpty());
    QVERIFY2(text.out.contains(QString("output size: %1\n").arg(expected)), qPrintable(text.out));
    const Result result = runCli(QStringList{"conv-size", "--json"} + args);
    QCOMPARE(result.exitCode, 0);
    QJsonParseError error;
    const QJsonObject json = QJsonDocument::fromJson(result.out.toUtf8(), &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(json["output"].toInt(), expected);
    QCOMPARE(json["input"].toInt(), args[1].toInt());
    QCOMPARE(json["kernel"].toInt(), args[3].toInt());
    const QString arithmetic = json["arithmetic"].toString();
    QVERIFY2(arithmetic.endsWith(QString("= %1").arg(expected)), qPrintable(arithmetic));
    const bool transposed = args.contains("--transposed");
    QCOMPARE(json["operation"].toString(), QString(transposed ? "transposed" : "conv"));
    if (!transposed) QVERIFY2(arithmetic.startsWith("floor("), qPrintable(arithmetic));
    QVERIFY(text.out.contains(arithmetic));
}

void TestCliConvSize::errors_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    const QStringList s{"conv-size", "--input", "7", "--kernel", "3"};
    QTest::newRow("no input") << QStringList{"conv-size", "--kernel", "3"} << 2 << "--input";
    QTest::newRow("stride 0") << s + QStringList{"--stride", "0"} << 2 << "--stride must be from 1";
    QTest::newRow("kernel 0") << QStringList{"conv-size", "--input", "7", "--kernel", "0"} << 2 << "--kernel";
    QTest::newRow("text") << QStringList{"conv-size", "--input", "abc", "--kernel", "3"} << 2 << "'abc'";
    QTest::newRow("kernel too large") << QStringList{"conv-size", "--input", "3", "--kernel", "7"} << 2
                                      << "more than the padded input size of 3";
    QTest::newRow("output padding without transposed")
        << s + QStringList{"--output-padding", "1"} << 2 << "--transposed";
    QTest::newRow("output padding too large")
        << s + QStringList{"--transposed", "--stride", "2", "--output-padding", "2"} << 2
        << "Output padding (2) must be smaller than the stride";
    QTest::newRow("huge") << QStringList{"conv-size", "--input", "99999999999", "--kernel", "3"} << 2
                          << "--input";
}

void TestCliConvSize::errors() {
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    const Result result = runCli(args);
    QVERIFY2(result.exitCode == exitCode,
             qPrintable(QString("exit %1, stderr: %2").arg(result.exitCode).arg(result.err)));
    QVERIFY2(result.out.isEmpty(), qPrintable(result.out));
    QVERIFY2(result.err.count('\n') == 1 && result.err.endsWith('\n'), qPrintable(result.err));
    QVERIFY2(result.err.startsWith("convscope-cli: error: "), qPrintable(result.err));
    QVERIFY2(result.err.contains(message), qPrintable(result.err));
}

CONVSCOPE_TEST_GUILESS_MAIN(TestCliConvSize)
#include "test_cli_conv_size.moc"
