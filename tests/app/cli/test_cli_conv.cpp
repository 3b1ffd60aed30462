// convscope-cli conv-trace and conv-size run as separate processes: their JSON is read with QJsonDocument and
// checked against naive loops written here (naive_conv.cpp) and the textbook's literal numbers; their
// failures against the promise of one stderr line, the right exit status and no crash.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <fstream>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include "tests/support/cli_runner.h"
#include "tests/support/naive_conv.h"
#include "tests/support/test_main.h"

using namespace clitest;
using naiveconv::Layer;
using naiveconv::Vol;

Q_DECLARE_METATYPE(naiveconv::Layer)
Q_DECLARE_METATYPE(naiveconv::Vol)

namespace {

const std::vector<double> kSobelX{-1, 0, 1, -2, 0, 2, -1, 0, 1};  // the seed's Sobel X
const std::vector<double> kFile2x3{1, 2, -1, 0.5, -3, 4};

Layer sobel(int padding, int stride) {
    Layer layer;
    layer.kernel = kSobelX;
    layer.top = layer.bottom = layer.left = layer.right = padding;
    layer.sy = layer.sx = stride;
    return layer;
}

QJsonObject parseJson(const Result& result) {
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(result.out.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) return {};
    return document.object();
}

QVector<int> ints(const QJsonValue& value) {
    QVector<int> list;
    for (const QJsonValue& v : value.toArray()) list.append(v.toInt(-999));
    return list;
}

// "output" [C][H][W] as a flat list, channel by channel, row by row.
std::vector<double> flatten(const QJsonValue& nested) {
    std::vector<double> flat;
    for (const QJsonValue& channel : nested.toArray())
        for (const QJsonValue& row : channel.toArray())
            for (const QJsonValue& v : row.toArray()) flat.push_back(v.toDouble(NAN));
    return flat;
}

bool sameValues(const std::vector<double>& a, const std::vector<double>& b, double tolerance = 1e-9) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (!(std::abs(a[i] - b[i]) <= tolerance)) return false;
    return true;
}

QString describe(const std::vector<double>& values) {
    QStringList text;
    for (double v : values) text << QString::number(v);
    return text.join(' ');
}

}  // namespace

class TestCliConv : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void helpListsTheCommands();
    void convMatchesNaiveLoop_data();
    void convMatchesNaiveLoop();
    void firstStepAtThePaddedCorner();
    void textShowsArithmeticAndSteps();
    void maxStepsTruncates();
    void poolingOnTheSeedInput_data();
    void poolingOnTheSeedInput();
    void maxPoolPaddingIsNull();
    void transposedMatchesNaiveScatter();
    void inputFiles();
    void jsonEscapingAndRoundTrip();

private:
    QString file(const QString& name) const { return m_dir.filePath(name); }
    QJsonObject trace(const QStringList& args);
    QTemporaryDir m_dir;
};

void TestCliConv::initTestCase() {
    QVERIFY(m_dir.isValid());
    QVERIFY2(QFile::exists(CONVSCOPE_BINARY_DIR "/app/cli/convscope-cli"), "convscope-cli is not built");
    auto write = [&](const QString& name, const std::string& text) {
        std::ofstream(file(name).toStdString(), std::ios::binary) << text;
    };
    write("k2x3.txt", "# a 2x3 kernel\n1 2 -1\n0.5 -3 4\n");
    write("k1.txt", "1\n");
    write("two_channels.txt", "# channel 0\n1, 2, 3\n4, 5, 6\n\n\n-1.5 0 2\n7 8 9e1\n");
    cv::Mat grey(3, 4, CV_8UC1);
    for (int i = 0; i < 12; ++i) grey.data[i] = static_cast<uchar>(20 * i + 3);
    QVERIFY(cv::imwrite(file("grey.png").toStdString(), grey));
    cv::Mat colour(2, 2, CV_8UC3, cv::Scalar(10, 20, 30));  // B, G, R
    QVERIFY(cv::imwrite(file("colour.png").toStdString(), colour));
}

QJsonObject TestCliConv::trace(const QStringList& args) {
    const Result result = runCli(QStringList{"conv-trace", "--json"} + args);
    if (result.exitCode != 0 || !result.err.isEmpty()) {
        qWarning("conv-trace failed (%d): %s", result.exitCode, qPrintable(result.err));
        return {};
    }
    return parseJson(result);
}

void TestCliConv::helpListsTheCommands() {
    const Result help = runCli({"--help"});
    QCOMPARE(help.exitCode, 0);
    QVERIFY(help.out.contains("convolution traces"));
    // Names and summaries stay apart even for the longest name.
    for (const char* name : {"conv-trace", "conv-size", "kernels"}) {
        const QRegularExpression line(QString("\\n  %1  +\\S").arg(name));
        QVERIFY2(line.match(help.out).hasMatch(), qPrintable(help.out));
    }
    const Result traceHelp = runCli({"conv-trace", "--help"});
    QCOMPARE(traceHelp.exitCode, 0);
    for (const char* option :
         {"--seq", "--pool-size", "--max-steps", "--count-include-pad", "steps_truncated"})
        QVERIFY2(traceHelp.out.contains(option), option);
    const Result sizeHelp = runCli({"conv-size", "-h"});
    QCOMPARE(sizeHelp.exitCode, 0);
    QVERIFY(sizeHelp.out.contains("--transposed"));
}

void TestCliConv::convMatchesNaiveLoop_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<Vol>("input");
    QTest::addColumn<Layer>("layer");
    const QStringList sobelArgs{"--kernel", "sobel-x"};
    const Vol seq = naiveconv::sequence(1, 6, 6);
    QTest::newRow("sobel pad 1") << sobelArgs + QStringList{"--padding", "1"} << seq << sobel(1, 1);
    QTest::newRow("sobel pad 0") << sobelArgs << seq << sobel(0, 1);
    QTest::newRow("sobel pad 1 stride 2")
        << sobelArgs + QStringList{"--padding", "1", "--stride", "2"} << seq << sobel(1, 2);
    QTest::newRow("sobel pad 0 stride 2") << sobelArgs + QStringList{"--stride=2"} << seq << sobel(0, 2);

    Layer general;
    general.kh = 2, general.kw = 3, general.kernel = kFile2x3;
    general.outChannels = 3, general.bias = 0.5;
    general.top = general.bottom = 1, general.left = general.right = 2;
    general.sy = 2, general.sx = 1, general.dy = 1, general.dx = 2;
    QTest::newRow("file, 2 in, 3 out, bias, per-axis") << QStringList{"--kernel-file",  "{dir}/k2x3.txt",
                                                                      "--seq",          "5x7",
                                                                      "--channels",     "2",
                                                                      "--out-channels", "3",
                                                                      "--bias",         "0.5",
                                                                      "--padding",      "1,2",
                                                                      "--stride",       "2,1",
                                                                      "--dilation",     "1,2"}
                                                       << naiveconv::sequence(2, 5, 7) << general;

    Layer grouped = sobel(0, 1);
    grouped.outChannels = 4, grouped.groups = 2;
    grouped.top = 2, grouped.bottom = 0, grouped.left = 1, grouped.right = 0;
    QTest::newRow("groups 2, asymmetric padding")
        << sobelArgs + QStringList{"--seq", "4x5",      "--channels", "2",         "--out-channels",
                                   "4",     "--groups", "2",          "--padding", "2,0,1,0"}
        << naiveconv::sequence(2, 4, 5) << grouped;

    const std::pair<const char*, naiveconv::Pad> modes[] = {{"reflect", naiveconv::Pad::Reflect},
                                                            {"replicate", naiveconv::Pad::Replicate},
                                                            {"circular", naiveconv::Pad::Circular}};
    for (const auto& [name, mode] : modes) {
        Layer padded = sobel(1, 1);
        padded.mode = mode;
        padded.left = padded.right = 2;
        QTest::addRow("padding mode %s", name)
            << sobelArgs + QStringList{"--seq", "5x4", "--padding", "1,2", "--padding-mode", name}
            << naiveconv::sequence(1, 5, 4) << padded;
    }
}

void TestCliConv::convMatchesNaiveLoop() {
    QFETCH(QStringList, args);
    QFETCH(Vol, input);
    QFETCH(Layer, layer);
    args.replaceInStrings("{dir}", m_dir.path());
    const QJsonObject json = trace(args);
    QVERIFY(!json.isEmpty());
    const Vol expected = naiveconv::conv2d(input, layer);
    QCOMPARE(json["op"].toString(), QString("conv"));
    QCOMPARE(ints(json["input_shape"]), (QVector<int>{input.c, input.h, input.w}));
    QCOMPARE(ints(json["weight_shape"]),
             (QVector<int>{layer.outChannels, input.c / layer.groups, layer.kh, layer.kw}));
    QCOMPARE(ints(json["output_shape"]), (QVector<int>{expected.c, expected.h, expected.w}));
    const std::vector<double> output = flatten(json["output"]);
    QVERIFY2(sameValues(output, expected.v), qPrintable(describe(output) + " | " + describe(expected.v)));
    const QJsonObject padding = json["padding"].toObject();
    QCOMPARE(padding["top"].toInt(), layer.top);
    QCOMPARE(padding["right"].toInt(), layer.right);
    QCOMPARE(ints(json["stride"]), (QVector<int>{layer.sy, layer.sx}));
    QCOMPARE(ints(json["dilation"]), (QVector<int>{layer.dy, layer.dx}));
    QCOMPARE(json["groups"].toInt(), layer.groups);

    // One step per output value, channel by channel, row by row; each with the naive loop's multiplications.
    const QJsonArray steps = json["steps"].toArray();
    QCOMPARE(json["step_count"].toInt(), int(expected.v.size()));
    QCOMPARE(json["steps_truncated"].toBool(true), false);
    QCOMPARE(steps.size(), int(expected.v.size()));
    for (int i = 0; i < steps.size(); ++i) {
        const QJsonObject step = steps[i].toObject();
        const int oc = i / (expected.h * expected.w), oy = i / expected.w % expected.h, ox = i % expected.w;
        QCOMPARE(step["index"].toInt(), i + 1);
        QCOMPARE(ints(step["output_index"]), (QVector<int>{oc, oy, ox}));
        const std::vector<naiveconv::Tap> taps = naiveconv::convTaps(input, layer, oc, oy, ox);
        const QJsonArray positions = step["positions"].toArray();
        const QJsonArray products = step["products"].toArray();
        QCOMPARE(positions.size(), int(taps.size()));
        QCOMPARE(products.size(), int(taps.size()));
        double sum = 0;
        for (size_t t = 0; t < taps.size(); ++t) {
            const QJsonObject p = positions[int(t)].toObject();
            const naiveconv::Tap& tap = taps[t];
            const QString where = QString("step %1 tap %2").arg(i + 1).arg(t);
            QVERIFY2(
                p["channel"].toInt() == tap.channel && p["y"].toInt() == tap.y && p["x"].toInt() == tap.x,
                qPrintable(where));
            QVERIFY2(p["padded"].toBool() == tap.padded, qPrintable(where));
            QVERIFY2(p["value"].toDouble() == tap.value && p["weight"].toDouble() == tap.weight,
                     qPrintable(where));
            QVERIFY2(p["product"].toDouble() == tap.value * tap.weight, qPrintable(where));
            QVERIFY2(products[int(t)].toDouble() == tap.value * tap.weight, qPrintable(where));
            sum += tap.value * tap.weight;
        }
        QVERIFY(std::abs(step["sum"].toDouble() - sum) <= 1e-9);
        QCOMPARE(step["bias"].toDouble(), layer.bias);
        QVERIFY(std::abs(step["result"].toDouble() - expected.v[size_t(i)]) <= 1e-9);
        QVERIFY(!step["arithmetic"].toString().isEmpty());
    }
}

void TestCliConv::firstStepAtThePaddedCorner() {
    const QJsonObject json = trace({"--kernel", "sobel-x", "--padding", "1"});
    const QJsonObject step = json["steps"].toArray().first().toObject();
    const QJsonArray positions = step["positions"].toArray();
    QCOMPARE(positions.size(), 9);
    // The window over the top-left corner: the first row and column lie in the zero padding.
    const bool padded[9] = {true, true, true, true, false, false, true, false, false};
    const int ys[9] = {-1, -1, -1, 0, 0, 0, 1, 1, 1}, xs[9] = {-1, 0, 1, -1, 0, 1, -1, 0, 1};
    const double values[9] = {0, 0, 0, 0, 1, 2, 0, 7, 8};
    for (int t = 0; t < 9; ++t) {
        const QJsonObject p = positions[t].toObject();
        QCOMPARE(p["padded"].toBool(), padded[t]);
        QCOMPARE(p["y"].toInt(), ys[t]);
        QCOMPARE(p["x"].toInt(), xs[t]);
        QCOMPARE(p["value"].toDouble(), values[t]);
        QCOMPARE(p["weight"].toDouble(), kSobelX[size_t(t)]);
    }
    // 1·0 + 2·2 + 7·0 + 8·1 = 12 (with zero products from the padding and the middle column).
    const QVector<double> expected{0, 0, 0, 0, 0, 4, 0, 0, 8};
    QVector<double> products;
    for (const QJsonValue& v : step["products"].toArray()) products.append(v.toDouble());
    QCOMPARE(products, expected);
    QCOMPARE(step["sum"].toDouble(), 12.0);
    QCOMPARE(step["result"].toDouble(), 12.0);
}

void TestCliConv::textShowsArithmeticAndSteps() {
    const Result result = runCli({"conv-trace", "--kernel", "sobel-x", "--padding", "1"});
    QCOMPARE(result.exitCode, 0);
    QVERIFY(result.err.isEmpty());
    QVERIFY2(result.out.contains("step 1: out[0,0,0] = "), qPrintable(result.out));
    QVERIFY(result.out.contains("step 36: out[0,5,5] = "));
    QVERIFY(!result.out.contains("step 37:"));
    // The step line ends with its result, 12 for the corner (see firstStepAtThePaddedCorner).
    QVERIFY(QRegularExpression("step 1: out\\[0,0,0\\] = [^\\n]*= 12\\n").match(result.out).hasMatch());
    // Output-size arithmetic for both axes: floor((6 + 2 - 2 - 1) / 1) + 1 = 6.
    QVERIFY2(QRegularExpression("H: [^\\n]*= 6\\n").match(result.out).hasMatch(), qPrintable(result.out));
    QVERIFY(QRegularExpression("W: [^\\n]*= 6\\n").match(result.out).hasMatch());
}

void TestCliConv::maxStepsTruncates() {
    const QJsonObject json = trace({"--kernel", "sobel-x", "--max-steps", "3"});
    QCOMPARE(json["step_count"].toInt(), 16);
    QCOMPARE(json["steps_truncated"].toBool(), true);
    QCOMPARE(json["steps"].toArray().size(), 3);
    QCOMPARE(flatten(json["output"]).size(), size_t(16));  // the output stays complete
    const Result text = runCli({"conv-trace", "--kernel", "sobel-x", "--max-steps", "3"});
    QVERIFY(text.out.contains("step 3:"));
    QVERIFY(!text.out.contains("step 4:"));
    QVERIFY(text.out.contains("13 more steps"));
}

void TestCliConv::poolingOnTheSeedInput_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<std::vector<double>>("expected");
    // SimpleMaxPool2d(kernel_size=2) on the seed's 6x6 input 1..36, and the 2x2 means by hand.
    QTest::newRow("max") << QStringList{"--op", "maxpool", "--pool-size", "2"}
                         << std::vector<double>{8, 10, 12, 20, 22, 24, 32, 34, 36};
    QTest::newRow("max default window")
        << QStringList{"--op", "maxpool"} << std::vector<double>{8, 10, 12, 20, 22, 24, 32, 34, 36};
    QTest::newRow("avg") << QStringList{"--op", "avgpool"}
                         << std::vector<double>{4.5, 6.5, 8.5, 16.5, 18.5, 20.5, 28.5, 30.5, 32.5};
}

void TestCliConv::poolingOnTheSeedInput() {
    QFETCH(QStringList, args);
    QFETCH(std::vector<double>, expected);
    const QJsonObject json = trace(args);
    QCOMPARE(ints(json["output_shape"]), (QVector<int>{1, 3, 3}));
    QCOMPARE(ints(json["stride"]), (QVector<int>{2, 2}));  // pooling steps by its window, as in PyTorch
    QCOMPARE(ints(json["pool_size"]), (QVector<int>{2, 2}));
    QVERIFY(json["weight_shape"].isNull());
    QVERIFY2(sameValues(flatten(json["output"]), expected, 0), qPrintable(describe(flatten(json["output"]))));
    QCOMPARE(json["step_count"].toInt(), 9);
    const QJsonObject last = json["steps"].toArray().last().toObject();
    QCOMPARE(ints(last["output_index"]), (QVector<int>{0, 2, 2}));
    QVector<double> values;
    for (const QJsonValue& p : last["positions"].toArray()) values.append(p.toObject()["value"].toDouble());
    QCOMPARE(values, (QVector<double>{29, 30, 35, 36}));
    if (args[1] == "maxpool") QCOMPARE(last["winner"].toInt(), 3);
    if (args[1] == "avgpool") QCOMPARE(last["divisor"].toInt(), 4);
}

void TestCliConv::maxPoolPaddingIsNull() {
    // Padding 1: floor((6 + 2 - 1 - 1) / 2) + 1 = 4; the corner window holds three −inf cells and the 1.
    const QJsonObject json = trace({"--op", "maxpool", "--padding", "1"});
    QCOMPARE(ints(json["output_shape"]), (QVector<int>{1, 4, 4}));
    const std::vector<double> output = flatten(json["output"]);
    QCOMPARE(output.front(), 1.0);
    QCOMPARE(output.back(), 36.0);
    const QJsonArray positions = json["steps"].toArray().first().toObject()["positions"].toArray();
    QCOMPARE(positions.size(), 4);
    QVERIFY(positions[0].toObject()["padded"].toBool());
    QVERIFY(positions[0].toObject()["value"].isNull());  // −inf is not a JSON number
    QCOMPARE(positions[3].toObject()["value"].toDouble(), 1.0);
}

void TestCliConv::transposedMatchesNaiveScatter() {
    // n = 3, k = 3, s = 2, p = 1, output padding 1: (3 - 1)·2 - 2 + 2 + 1 + 1 = 6.
    Layer layer = sobel(1, 2);
    layer.opy = layer.opx = 1;
    layer.outChannels = 2;
    layer.bias = -1;
    const Vol input = naiveconv::sequence(1, 3, 3);
    const QJsonObject json =
        trace({"--op", "transposed", "--seq", "3x3", "--kernel", "sobel-x", "--stride", "2", "--padding", "1",
               "--output-padding", "1", "--out-channels", "2", "--bias", "-1"});
    QVERIFY(!json.isEmpty());
    const Vol expected = naiveconv::convTranspose2d(input, layer);
    QCOMPARE(expected.h, 6);
    QCOMPARE(ints(json["output_shape"]), (QVector<int>{2, 6, 6}));
    QCOMPARE(ints(json["weight_shape"]), (QVector<int>{1, 2, 3, 3}));
    QVERIFY2(sameValues(flatten(json["output"]), expected.v),
             qPrintable(describe(flatten(json["output"])) + " | " + describe(expected.v)));
    QCOMPARE(json["step_count"].toInt(), 9);  // one step per input value
    const QJsonObject step = json["steps"].toArray()[4].toObject();
    QCOMPARE(ints(step["input_index"]), (QVector<int>{0, 1, 1}));
    // Input 5 at (1, 1) scatters 5·W to rows and columns 2..4 of the uncropped output, for both channels.
    const QJsonArray positions = step["positions"].toArray();
    QCOMPARE(positions.size(), 18);
    const QJsonObject first = positions[0].toObject();
    QCOMPARE(first["y"].toInt(), 2);
    QCOMPARE(first["x"].toInt(), 2);
    QCOMPARE(first["product"].toDouble(), -5.0);
    QVERIFY(json["arithmetic"].toObject()["height"].toString().endsWith("= 6"));
}

void TestCliConv::inputFiles() {
    // Two channels separated by blank lines, commas or blanks between numbers; a 1x1 kernel of 1 in two
    // groups copies them.
    const QJsonObject text = trace({"--input", file("two_channels.txt"), "--kernel-file", file("k1.txt"),
                                    "--out-channels", "2", "--groups", "2"});
    QCOMPARE(ints(text["input_shape"]), (QVector<int>{2, 2, 3}));
    QCOMPARE(flatten(text["output"]), (std::vector<double>{1, 2, 3, 4, 5, 6, -1.5, 0, 2, 7, 8, 90}));

    const QJsonObject grey = trace({"--input", file("grey.png"), "--kernel-file", file("k1.txt")});
    QCOMPARE(ints(grey["input_shape"]), (QVector<int>{1, 3, 4}));
    std::vector<double> pixels;
    for (int i = 0; i < 12; ++i) pixels.push_back(20 * i + 3);
    QCOMPARE(flatten(grey["input"]), pixels);

    // --channels 3: RGB order as in PyTorch (the file holds B=10, G=20, R=30).
    const QJsonObject colour =
        trace({"--input", file("colour.png"), "--channels", "3", "--kernel-file", file("k1.txt")});
    QCOMPARE(ints(colour["input_shape"]), (QVector<int>{3, 2, 2}));
    QCOMPARE(flatten(colour["input"]), (std::vector<double>{30, 30, 30, 30, 20, 20, 20, 20, 10, 10, 10, 10}));
}

void TestCliConv::jsonEscapingAndRoundTrip() {
    // A file name with a quote, a backslash, a tab, a control character and non-ASCII letters.
    const QString name = file(QString::fromUtf8("we\"ird\\na\tme\x01-\xC3\xA9\xE2\x88\x92.txt"));
    {
        QFile out(name);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write("0.1 0.2\n0.3 1e-300\n");
    }
    const QJsonObject json = trace({"--input", name, "--kernel-file", file("k1.txt"), "--bias", "0.1"});
    QVERIFY(!json.isEmpty());
    QVERIFY2(json["input_source"].toString().startsWith(name), qPrintable(json["input_source"].toString()));
    // Every double reads back exactly: v·1 + 0.1 computed here the same way.
    const std::vector<double> output = flatten(json["output"]);
    const std::vector<double> input{0.1, 0.2, 0.3, 1e-300};
    QCOMPARE(output.size(), input.size());
    // Exact comparisons: QCOMPARE on doubles would forgive the last digits this is about.
    for (size_t i = 0; i < input.size(); ++i) {
        QVERIFY2(output[i] == input[i] * 1.0 + 0.1, qPrintable(QString::number(output[i], 'g', 17)));
    }
    QCOMPARE(flatten(json["input"]), input);
    QVERIFY(json["bias"].toArray().first().toDouble() == 0.1);
}

CONVSCOPE_TEST_GUILESS_MAIN(TestCliConv)
#include "test_cli_conv.moc"
