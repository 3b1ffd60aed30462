// ShuffleNet's channel shuffle: the permutation and the shuffled volume against PyTorch's
// x.view(N, g, C/g, H, W).transpose(1, 2).reshape(N, C, H, W), stored by
// tests/data/conv/make_channel_shuffle_fixture.py in channel_shuffle_fixture.json.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <set>
#include <vector>

#include "core/conv/channel_shuffle.h"
#include "core/conv/conv_spec.h"
#include "tests/core/conv/conv_error_text.h"
#include "tests/support/test_main.h"

using namespace convscope::conv;
using convscope::conv::testing::errorOf;

namespace {

QJsonArray fixtureCases() {
    QFile file(QStringLiteral(CONVSCOPE_TEST_DATA_DIR "/conv/channel_shuffle_fixture.json"));
    if (!file.open(QIODevice::ReadOnly)) return {};
    return QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("cases")).toArray();
}

std::vector<double> doubles(const QJsonValue& array) {
    std::vector<double> out;
    for (const QJsonValue& v : array.toArray()) out.push_back(v.toDouble());
    return out;
}

}  // namespace

class TestChannelShuffle : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void matchesTorch() {
        const QJsonArray cases = fixtureCases();
        QCOMPARE(cases.size(), 9);
        for (const QJsonValue& entry : cases) {
            const QJsonObject c = entry.toObject();
            const int channels = c.value(QStringLiteral("channels")).toInt();
            const int groups = c.value(QStringLiteral("groups")).toInt();
            const int h = c.value(QStringLiteral("height")).toInt();
            const int w = c.value(QStringLiteral("width")).toInt();
            const QByteArray label =
                QByteArray::number(channels) + " channels, groups " + QByteArray::number(groups);

            std::vector<int> expected;
            for (const QJsonValue& v : c.value(QStringLiteral("permutation")).toArray())
                expected.push_back(v.toInt());
            QVERIFY2(channelShufflePermutation(channels, groups) == expected, label.constData());

            const Volume input(channels, h, w, doubles(c.value(QStringLiteral("input"))));
            const Volume shuffled = channelShuffle(input, groups);
            QCOMPARE(shuffled.channels, channels);
            QCOMPARE(shuffled.height, h);
            QCOMPARE(shuffled.width, w);
            QVERIFY2(shuffled.values == doubles(c.value(QStringLiteral("output"))), label.constData());
        }
    }

    // What the shuffle is for: after it, every run of g consecutive channels (what one group of the next
    // grouped convolution with the same g reads when C/g = g) holds one channel from each original group.
    void nextGroupSeesEveryGroup() {
        const int channels = 12, groups = 3, perGroup = channels / groups;
        const std::vector<int> p = channelShufflePermutation(channels, groups);
        for (int start = 0; start < channels; start += groups) {
            std::set<int> sourceGroups;
            for (int i = start; i < start + groups; ++i) sourceGroups.insert(p[i] / perGroup);
            QCOMPARE(int(sourceGroups.size()), groups);
        }
        // A permutation: every channel exactly once.
        QCOMPARE(int(std::set<int>(p.begin(), p.end()).size()), channels);
    }

    void groupsOfOneOrAllChannelsChangeNothingVisible() {
        const std::vector<int> identity{0, 1, 2, 3};
        QVERIFY(channelShufflePermutation(4, 1) == identity);
        QVERIFY(channelShufflePermutation(4, 4) == identity);
    }

    void rejectsImpossibleGroups() {
        QCOMPARE(errorOf([] { channelShufflePermutation(6, 4); }),
                 QStringLiteral("Groups (4) must divide the channels (6) to shuffle them."));
        QCOMPARE(errorOf([] { channelShufflePermutation(6, 0); }),
                 QStringLiteral("Groups must be at least 1 (got 0)."));
        QCOMPARE(errorOf([] { channelShufflePermutation(0, 1); }),
                 QStringLiteral("A channel shuffle needs at least one channel (got 0)."));
        Volume broken(4, 2, 2);
        broken.values.resize(3);
        QVERIFY(errorOf([&] {
                    channelShuffle(broken, 2);
                }).startsWith(QStringLiteral("The input holds 3 values")));
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestChannelShuffle)
#include "test_channel_shuffle.moc"
