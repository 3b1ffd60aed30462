// conv-trace on bad input: every mistake gives one stderr line that names the problem, exit status 2 for the
// command line (including impossible geometry) and 1 for unreadable or malformed files; never a crash or a
// hang.
#include <QTest>

#include <fstream>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include "tests/support/cli_runner.h"
#include "tests/support/test_main.h"

using namespace clitest;

class TestCliConvErrors : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void errors_data();
    void errors();

private:
    QString file(const QString& name) const { return m_dir.filePath(name); }
    QTemporaryDir m_dir;
};

void TestCliConvErrors::initTestCase() {
    QVERIFY(m_dir.isValid());
    QVERIFY2(QFile::exists(CONVSCOPE_BINARY_DIR "/app/cli/convscope-cli"), "convscope-cli is not built");
    auto write = [&](const QString& name, const std::string& text) {
        std::ofstream(file(name).toStdString(), std::ios::binary) << text;
    };
    write("k5.txt", "1 1 1 1 1\n1 1 1 1 1\n1 1 1 1 1\n1 1 1 1 1\n1 1 1 1 1\n");
    std::string nine;
    for (int r = 0; r < 9; ++r) nine += "1 1 1 1 1 1 1 1 1\n";
    write("k9.txt", nine);
    write("empty.txt", "");
    write("bad_kernel.txt", "1 2 3\n4 five 6\n");
    write("two_channels.txt", "1 2 3\n4 5 6\n\n7 8 9\n1 2 3\n");
    write("ragged.txt", "1 2 3\n4 5\n");
    write("words.txt", "1 2\nabc 4\n");
    write("blank.txt", "\n# nothing\n\n");
    write("commas.txt", "1,,2\n");
    write("mixed_channels.txt", "1 2\n3 4\n\n1 2 3\n4 5 6\n");
    std::string row;
    for (int i = 0; i < 65; ++i) row += "1 ";
    write("wide.txt", row + "\n");
    QVERIFY(cv::imwrite(file("grey.png").toStdString(), cv::Mat(3, 4, CV_8UC1, cv::Scalar(7))));
    QVERIFY(cv::imwrite(file("big.png").toStdString(), cv::Mat(65, 65, CV_8UC1, cv::Scalar(1))));
    write("corrupt.png", "\x89PNG\r\n\x1a\nnot really a png");
}

void TestCliConvErrors::errors_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    const QStringList t{"conv-trace", "--kernel", "sobel-x"};
    QTest::newRow("unknown option") << t + QStringList{"--bogus"} << 2 << "unknown option --bogus";
    QTest::newRow("stride 0") << t + QStringList{"--stride", "0"} << 2 << "--stride must be from 1";
    QTest::newRow("stride negative") << t + QStringList{"--stride", "-2"} << 2 << "--stride";
    QTest::newRow("stride text") << t + QStringList{"--stride", "two"} << 2
                                 << "--stride expects a whole number";
    QTest::newRow("dilation 0") << t + QStringList{"--dilation", "0,1"} << 2 << "--dilation (rows)";
    QTest::newRow("dilation negative")
        << t + QStringList{"--dilation", "-1"} << 2 << "--dilation must be from 1";
    QTest::newRow("seq 0x5") << t + QStringList{"--seq", "0x5"} << 2 << "--seq height";
    QTest::newRow("seq abc") << t + QStringList{"--seq", "abc"} << 2 << "--seq expects HEIGHTxWIDTH";
    QTest::newRow("seq huge") << t + QStringList{"--seq", "100000x100000"} << 2
                              << "--seq height must be from 1 to 64";
    QTest::newRow("no kernel") << QStringList{"conv-trace"} << 2 << "--kernel NAME or --kernel-file";
    QTest::newRow("bad kernel name") << QStringList{"conv-trace", "--kernel", "nope"} << 2 << "sobel-x";
    QTest::newRow("empty kernel file")
        << QStringList{"conv-trace", "--kernel-file", "{dir}/empty.txt"} << 1 << "no kernel values";
    QTest::newRow("non-numeric kernel file")
        << QStringList{"conv-trace", "--kernel-file", "{dir}/bad_kernel.txt"} << 1 << "line 2";
    QTest::newRow("missing kernel file")
        << QStringList{"conv-trace", "--kernel-file", "{dir}/none.txt"} << 1 << "no such file";
    QTest::newRow("kernel larger than padded input")
        << QStringList{"conv-trace", "--kernel-file", "{dir}/k5.txt", "--seq", "3x3", "--padding", "0,1"} << 2
        << "more than the padded input height of 3";
    QTest::newRow("groups do not divide")
        << t + QStringList{"--channels", "3", "--groups", "2"} << 2 << "--groups 2 must divide";
    QTest::newRow("ragged rows") << t + QStringList{"--input", "{dir}/ragged.txt"} << 1 << "line 2";
    QTest::newRow("words in input") << t + QStringList{"--input", "{dir}/words.txt"} << 1
                                    << "'abc' is not a finite number";
    QTest::newRow("no numbers in input")
        << t + QStringList{"--input", "{dir}/blank.txt"} << 1 << "no numbers";
    QTest::newRow("empty value between commas")
        << t + QStringList{"--input", "{dir}/commas.txt"} << 1 << "between commas";
    QTest::newRow("too wide text") << t + QStringList{"--input", "{dir}/wide.txt"} << 1 << "crop";
    QTest::newRow("too large image") << t + QStringList{"--input", "{dir}/big.png"} << 1 << "crop";
    QTest::newRow("corrupt image") << t + QStringList{"--input", "{dir}/corrupt.png"} << 1 << "corrupt.png";
    QTest::newRow("missing input") << t + QStringList{"--input", "{dir}/nothing.txt"} << 1 << "no such file";
    QTest::newRow("channels vs text")
        << t + QStringList{"--input", "{dir}/two_channels.txt", "--channels", "3"} << 1 << "--channels is 3";
    QTest::newRow("channels for image")
        << t + QStringList{"--input", "{dir}/grey.png", "--channels", "2"} << 2 << "--channels must be 1";
    QTest::newRow("channels of different sizes") << t + QStringList{"--input", "{dir}/mixed_channels.txt"}
                                                 << 1 << "channel 2 is 2x3 but channel 1 is 2x2";
    QTest::newRow("too many channels") << t + QStringList{"--channels", "65"} << 2 << "--channels";
    QTest::newRow("negative max steps") << t + QStringList{"--max-steps", "-1"} << 2 << "--max-steps";
    QTest::newRow("bias not a number") << t + QStringList{"--bias", "nan"} << 2 << "--bias";
    QTest::newRow("seq and input") << t + QStringList{"--seq", "3x3", "--input", "{dir}/grey.png"} << 2
                                   << "either --seq or --input";
    QTest::newRow("kernel with pooling")
        << t + QStringList{"--op", "maxpool"} << 2 << "--kernel does not apply to --op maxpool";
    QTest::newRow("padding mode with transposed")
        << t + QStringList{"--op", "transposed", "--padding-mode", "reflect"} << 2
        << "--padding-mode does not apply to --op transposed";
    QTest::newRow("pool size with conv") << t + QStringList{"--pool-size", "2"} << 2 << "--pool-size";
    QTest::newRow("dilation with avgpool") << QStringList{"conv-trace", "--op", "avgpool", "--dilation", "2"}
                                           << 2 << "--dilation does not apply";
    QTest::newRow("bad yes/no") << QStringList{"conv-trace", "--op", "avgpool", "--count-include-pad",
                                               "maybe"}
                                << 2 << "yes or no";
    QTest::newRow("bad op") << t + QStringList{"--op", "deconv"} << 2 << "--op";
    QTest::newRow("bad padding mode") << t + QStringList{"--padding-mode", "mirror"} << 2 << "--padding-mode";
    QTest::newRow("three paddings") << t + QStringList{"--padding", "1,2,3"} << 2 << "TOP,BOTTOM,LEFT,RIGHT";
    QTest::newRow("reflect too wide")
        << t + QStringList{"--seq", "3x3", "--padding", "3", "--padding-mode", "reflect"} << 2
        << "Reflect padding (3 at the top)";
    QTest::newRow("positional") << t + QStringList{"input.txt"} << 2 << "--input FILE";
    QTest::newRow("too much work") << QStringList{"conv-trace", "--kernel-file",  "{dir}/k9.txt",
                                                  "--seq",      "64x64",          "--channels",
                                                  "64",         "--out-channels", "64"}
                                   << 2 << "multiplications";
}

void TestCliConvErrors::errors() {
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    args.replaceInStrings("{dir}", m_dir.path());
    const Result result = runCli(args);
    QVERIFY2(result.exitCode == exitCode,
             qPrintable(QString("exit %1, stderr: %2").arg(result.exitCode).arg(result.err)));
    QVERIFY2(result.out.isEmpty(), qPrintable(result.out));
    QVERIFY2(result.err.count('\n') == 1 && result.err.endsWith('\n'), qPrintable(result.err));
    QVERIFY2(result.err.startsWith("convscope-cli: error: "), qPrintable(result.err));
    QVERIFY2(result.err.contains(message), qPrintable(result.err));
}

CONVSCOPE_TEST_GUILESS_MAIN(TestCliConvErrors)
#include "test_cli_conv_errors.moc"
