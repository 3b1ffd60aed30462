// Volume, FilterBank and the operation / padding-mode names: the value types every engine reads.
#include <stdexcept>
#include <string>

#include <QTest>

#include "core/conv/conv_spec.h"
#include "core/conv/volume.h"
#include "tests/core/conv/conv_error_text.h"
#include "tests/support/test_main.h"

using namespace convscope::conv;
using convscope::conv::testing::errorOf;

class TestVolume : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void operationAndModeNames() {
        QCOMPARE(toString(Operation::Convolution), std::string("conv"));
        QCOMPARE(toString(Operation::MaxPool), std::string("maxpool"));
        QCOMPARE(toString(Operation::AvgPool), std::string("avgpool"));
        QCOMPARE(toString(Operation::Transposed), std::string("transposed"));
        QCOMPARE(toString(Operation::Nearest), std::string("nearest"));
        QCOMPARE(toString(Operation::BedOfNails), std::string("bed-of-nails"));
        QCOMPARE(toString(Operation::MaxUnpool), std::string("max-unpool"));
        for (Operation op :
             {Operation::Convolution, Operation::MaxPool, Operation::AvgPool, Operation::Transposed,
              Operation::Nearest, Operation::BedOfNails, Operation::MaxUnpool}) {
            QVERIFY(parseOperation(toString(op)) == op);
        }
        QCOMPARE(toString(PaddingMode::Zeros), std::string("zeros"));
        QCOMPARE(toString(PaddingMode::Reflect), std::string("reflect"));
        QCOMPARE(toString(PaddingMode::Replicate), std::string("replicate"));
        QCOMPARE(toString(PaddingMode::Circular), std::string("circular"));
        for (PaddingMode m :
             {PaddingMode::Zeros, PaddingMode::Reflect, PaddingMode::Replicate, PaddingMode::Circular}) {
            QVERIFY(parsePaddingMode(toString(m)) == m);
        }
        QCOMPARE(
            errorOf([] { parseOperation("pool"); }),
            QStringLiteral("Unknown operation \"pool\"; use conv, maxpool, avgpool, transposed, nearest, "
                           "bed-of-nails or max-unpool."));
        QCOMPARE(errorOf([] { parsePaddingMode("same"); }),
                 QStringLiteral("Unknown padding mode \"same\"; use zeros, reflect, replicate or circular."));
    }

    void volumeAndFilterBank() {
        const Volume seq = Volume::sequence(1, 6, 6);
        QCOMPARE(seq.size(), std::size_t(36));
        QCOMPARE(seq.at(0, 0, 0), 1.0);
        QCOMPARE(seq.at(0, 1, 0), 7.0);
        QCOMPARE(seq.at(0, 5, 5), 36.0);
        const Volume seq2 = Volume::sequence(2, 2, 3);
        QCOMPARE(seq2.at(1, 0, 0), 7.0);
        QCOMPARE(seq2.shapeText(), std::string("2x2x3"));
        QVERIFY(Volume().empty());
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Volume(-1, 2, 2));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Volume(1, 2, 2, {1, 2, 3}));
        QCOMPARE(Volume(1, 1, 2, {4, 5}).at(0, 0, 1), 5.0);

        const FilterBank k = FilterBank::fromKernel(2, 2, {1, 2, 3, 4}, 3, 2);
        QCOMPARE(k.weights.size(), std::size_t(24));
        QCOMPARE(k.at(2, 1, 1, 0), 3.0);
        QCOMPARE(k.at(0, 0, 0, 1), 2.0);
        QVERIFY(!k.hasBias());
        QCOMPARE(k.biasAt(1), 0.0);
        QCOMPARE(k.parameterCount(), 24LL);
        FilterBank b(64, 3, 3, 3);
        b.bias.assign(64, 0.0);
        QCOMPARE(b.parameterCount(), 1792LL);  // the textbook's "27 x 64 + 64 (bias) = 1792"
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, FilterBank(0, 1, 3, 3));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, FilterBank::fromKernel(2, 2, {1, 2, 3}));
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestVolume)
#include "test_volume.moc"
