// conv-trace --channel-shuffle: ShuffleNet's permutation and the shuffled output in the JSON and the text,
// checked against PyTorch's permutation (tests/data/conv/channel_shuffle_fixture.json) and the command's own
// unshuffled output; and the command lines it refuses.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include "tests/support/cli_runner.h"
#include "tests/support/test_main.h"

using clitest::runCli;

namespace {

// PyTorch's permutation for `channels` and `groups` from the fixture (shuffled channel i = channel p[i]).
QVector<int> torchPermutation(int channels, int groups) {
    QFile file(QStringLiteral(CONVSCOPE_TEST_DATA_DIR "/conv/channel_shuffle_fixture.json"));
    if (!file.open(QIODevice::ReadOnly)) return {};
    const QJsonArray cases =
        QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("cases")).toArray();
    for (const QJsonValue& c : cases) {
        const QJsonObject o = c.toObject();
        if (o.value(QStringLiteral("channels")).toInt() != channels ||
            o.value(QStringLiteral("groups")).toInt() != groups)
            continue;
        QVector<int> p;
        for (const QJsonValue& v : o.value(QStringLiteral("permutation")).toArray()) p << v.toInt();
        return p;
    }
    return {};
}

}  // namespace

class TestCliChannelShuffle : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_kernel;

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_kernel = m_dir.filePath(QStringLiteral("k.txt"));
        QFile f(m_kernel);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("1 2\n-1 3\n");
    }

    void jsonHasPermutationAndShuffledOutput() {
        // 6 input channels, 6 filters, groups 3: the kernel is copied into every slice, so the two outputs of
        // a group are equal and the groups differ: an unshuffled order would not pass.
        const auto r =
            runCli({QStringLiteral("conv-trace"), QStringLiteral("--seq"), QStringLiteral("3x4"),
                    QStringLiteral("--channels"), QStringLiteral("6"), QStringLiteral("--kernel-file"),
                    m_kernel, QStringLiteral("--out-channels"), QStringLiteral("6"),
                    QStringLiteral("--groups"), QStringLiteral("3"), QStringLiteral("--channel-shuffle"),
                    QStringLiteral("--max-steps"), QStringLiteral("1"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject json = QJsonDocument::fromJson(r.out.toUtf8()).object();
        const QJsonObject shuffle = json.value(QStringLiteral("channel_shuffle")).toObject();
        QCOMPARE(shuffle.value(QStringLiteral("groups")).toInt(), 3);
        QVector<int> permutation;
        for (const QJsonValue& v : shuffle.value(QStringLiteral("permutation")).toArray())
            permutation << v.toInt();
        const QVector<int> expected = torchPermutation(6, 3);
        QCOMPARE(expected.size(), 6);
        QCOMPARE(permutation, expected);
        QCOMPARE(shuffle.value(QStringLiteral("output_shape")).toArray(),
                 json.value(QStringLiteral("output_shape")).toArray());
        const QJsonArray output = json.value(QStringLiteral("output")).toArray();
        const QJsonArray shuffled = shuffle.value(QStringLiteral("output")).toArray();
        QCOMPARE(shuffled.size(), 6);
        for (int c = 0; c < 6; ++c) QCOMPARE(shuffled[c].toArray(), output[expected[c]].toArray());
        // Channels 1 and 2 of the result come from different groups, so they differ (the test can fail).
        QVERIFY(shuffled[1].toArray() != shuffled[0].toArray());
        QVERIFY(output[1].toArray() == output[0].toArray());
    }

    void textShowsOrder() {
        const auto r =
            runCli({QStringLiteral("conv-trace"), QStringLiteral("--seq"), QStringLiteral("3x3"),
                    QStringLiteral("--channels"), QStringLiteral("4"), QStringLiteral("--kernel-file"),
                    m_kernel, QStringLiteral("--out-channels"), QStringLiteral("4"),
                    QStringLiteral("--groups"), QStringLiteral("2"), QStringLiteral("--channel-shuffle"),
                    QStringLiteral("--max-steps"), QStringLiteral("1")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("channel order: 0 2 1 3")), qPrintable(r.out));
        QVERIFY(r.out.contains(QStringLiteral("channel 1 (output channel 2):")));
    }

    void withoutShuffleNoKey() {
        const auto r =
            runCli({QStringLiteral("conv-trace"), QStringLiteral("--seq"), QStringLiteral("3x3"),
                    QStringLiteral("--channels"), QStringLiteral("4"), QStringLiteral("--kernel-file"),
                    m_kernel, QStringLiteral("--out-channels"), QStringLiteral("4"),
                    QStringLiteral("--groups"), QStringLiteral("2"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(
            !QJsonDocument::fromJson(r.out.toUtf8()).object().contains(QStringLiteral("channel_shuffle")));
    }

    void refusesWithoutGroupedConv() {
        const QString message = QStringLiteral(
            "--channel-shuffle needs a grouped convolution: --op conv with --groups of 2 or more.");
        auto r = runCli({QStringLiteral("conv-trace"), QStringLiteral("--seq"), QStringLiteral("3x3"),
                         QStringLiteral("--kernel-file"), m_kernel, QStringLiteral("--channel-shuffle")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        r = runCli({QStringLiteral("conv-trace"), QStringLiteral("--op"), QStringLiteral("maxpool"),
                    QStringLiteral("--seq"), QStringLiteral("4x4"), QStringLiteral("--channels"),
                    QStringLiteral("2"), QStringLiteral("--channel-shuffle")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
    }

    void helpListsTheOption() {
        const auto r = runCli({QStringLiteral("conv-trace"), QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains(QStringLiteral("--channel-shuffle")));
        QVERIFY(r.out.contains(QStringLiteral("channel_shuffle: groups, permutation")));
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestCliChannelShuffle)
#include "test_cli_channel_shuffle.moc"
