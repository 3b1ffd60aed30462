// Nearest-neighbour, bed-of-nails and max-unpooling traces against PyTorch (upsample_reference.json, written
// by make_upsample_reference.py next to it: F.interpolate(mode='nearest'), a strided assignment, and
// F.max_pool2d(return_indices=True) + F.max_unpool2d): every output element, every pooled value and index;
// then the steps replayed against the output, partial outputs, stepIndexOf, the arithmetic text and the
// validation sentences.
#include <cmath>
#include <string>
#include <vector>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include "core/conv/conv_trace.h"
#include "core/conv/output_size.h"
#include "tests/core/conv/conv_error_text.h"
#include "tests/support/test_main.h"

using namespace convscope::conv;
using convscope::conv::testing::errorOf;

namespace {

std::vector<double> numbers(const QJsonValue& value) {
    std::vector<double> out;
    for (const QJsonValue& v : value.toArray()) out.push_back(v.toDouble());
    return out;
}

std::vector<int> integers(const QJsonValue& value) {
    std::vector<int> out;
    for (const QJsonValue& v : value.toArray()) out.push_back(v.toInt());
    return out;
}

QJsonArray fixtureCases() {
    QFile file(QStringLiteral(UPSAMPLE_FIXTURE));
    if (!file.open(QIODevice::ReadOnly)) qFatal("cannot read %s", UPSAMPLE_FIXTURE);
    return QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("cases")).toArray();
}

ConvSpec upsample(Operation op, int sy, int sx) {
    ConvSpec spec;
    spec.op = op;
    spec.scale = {sy, sx};
    return spec;
}

ConvTrace traceOf(const QJsonObject& c) {
    const std::vector<int> shape = integers(c["shape"]);
    const std::vector<int> scale = integers(c["scale"]);
    return ConvTrace(Volume(shape.at(0), shape.at(1), shape.at(2), numbers(c["input"])), FilterBank{},
                     upsample(parseOperation(c["op"].toString().toStdString()), scale.at(0), scale.at(1)));
}

bool covered(const ConvTrace& t, int y, int x) {
    const Pair2 k = t.spec().scale;
    return t.spec().op != Operation::MaxUnpool || (y / k.y < t.pooled().height && x / k.x < t.pooled().width);
}

QString text(const std::string& s) {
    return QString::fromStdString(s);
}

}  // namespace

class TestUpsampleTrace : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void fixtureHasEveryOperation() {
        QStringList ops;
        for (const QJsonValue& v : fixtureCases()) ops << v.toObject()["op"].toString();
        QVERIFY(ops.contains("nearest"));
        QVERIFY(ops.contains("bed-of-nails"));
        QVERIFY(ops.contains("max-unpool"));
    }

    void matchesPyTorch_data() {
        QTest::addColumn<QJsonObject>("fixture");
        const QJsonArray cases = fixtureCases();
        for (int i = 0; i < cases.size(); ++i) {
            const QJsonObject c = cases[i].toObject();
            QTest::newRow(qPrintable(QStringLiteral("%1 %2").arg(i).arg(c["op"].toString()))) << c;
        }
    }

    void matchesPyTorch() {
        QFETCH(QJsonObject, fixture);
        const ConvTrace t = traceOf(fixture);
        const std::vector<int> shape = integers(fixture["output_shape"]);
        QCOMPARE(t.output().channels, shape.at(0));
        QCOMPARE(t.output().height, shape.at(1));
        QCOMPARE(t.output().width, shape.at(2));
        const std::vector<double> expected = numbers(fixture["output"]);
        QCOMPARE(t.output().values.size(), expected.size());
        for (std::size_t i = 0; i < expected.size(); ++i) QCOMPARE(t.output().values[i], expected[i]);
        if (t.spec().op == Operation::MaxUnpool) {
            const std::vector<int> pooledShape = integers(fixture["pooled_shape"]);
            QCOMPARE(t.pooled().height, pooledShape.at(1));
            QCOMPARE(t.pooled().width, pooledShape.at(2));
            const std::vector<double> pooled = numbers(fixture["pooled"]);
            const std::vector<int> indices = integers(fixture["indices"]);
            QCOMPARE(t.pooled().values.size(), pooled.size());
            QCOMPARE(t.poolIndices().size(), indices.size());
            for (std::size_t i = 0; i < pooled.size(); ++i) {
                QCOMPARE(t.pooled().values[i], pooled[i]);
                QCOMPARE(t.poolIndices()[i], indices[i]);
            }
            QCOMPARE(t.stepCount(), static_cast<int>(pooled.size()));
        } else {
            QVERIFY(t.pooled().values.empty());
            QVERIFY(t.poolIndices().empty());
            QCOMPARE(t.stepCount(), static_cast<int>(t.input().size()));
        }
    }

    // Writing every step's products into an empty volume gives the output, each element exactly once, and
    // partialOutput agrees with the replay after every step.
    void stepsReplayTheOutput_data() { matchesPyTorch_data(); }
    void stepsReplayTheOutput() {
        QFETCH(QJsonObject, fixture);
        const ConvTrace t = traceOf(fixture);
        const Volume& out = t.output();
        Volume replay(out.channels, out.height, out.width);
        std::vector<int> writes(out.values.size(), 0);
        // Max unpooling's rows/columns past the last pooling window are zeros that no step writes.
        for (int c = 0; c < out.channels; ++c)
            for (int y = 0; y < out.height; ++y)
                for (int x = 0; x < out.width; ++x)
                    replay.at(c, y, x) = covered(t, y, x) ? std::nan("") : 0.0;
        QVERIFY(std::isnan(t.partialOutput(0).values.front()));
        QVERIFY(t.partialOutput(t.stepCount()).values == out.values);
        for (int i = 0; i < t.stepCount(); ++i) {
            const TraceStep s = t.step(i);
            const Pair2 k = t.spec().scale;
            QCOMPARE(static_cast<int>(s.taps.size()), k.y * k.x);
            int landed = 0;
            for (const Tap& tap : s.taps) {
                QCOMPARE(tap.y, s.y * k.y + tap.kernelY);
                QCOMPARE(tap.x, s.x * k.x + tap.kernelX);
                QCOMPARE(tap.value, t.input().at(s.channel, tap.sourceY, tap.sourceX));
                replay.at(tap.channel, tap.y, tap.x) = tap.product;
                ++writes[replay.index(tap.channel, tap.y, tap.x)];
                if (tap.weight == 1.0) ++landed;
            }
            if (t.spec().op == Operation::Nearest) {
                QCOMPARE(landed, k.y * k.x);
                QCOMPARE(s.winner, -1);
            } else {
                QCOMPARE(landed, 1);
                QCOMPARE(s.taps.at(static_cast<std::size_t>(s.winner)).product, s.result);
            }
            if (t.spec().op == Operation::MaxUnpool) {
                // The arrow of step i: from the pooled maximum's input cell to the same cell of the output.
                const int index = t.poolIndices()[static_cast<std::size_t>(i)];
                const Tap& w = s.taps.at(static_cast<std::size_t>(s.winner));
                QCOMPARE(w.sourceY * t.input().width + w.sourceX, index);
                QCOMPARE(t.stepIndexOf(s.channel, w.sourceY, w.sourceX), i);
            } else {
                QCOMPARE(t.stepIndexOf(s.channel, s.y, s.x), i);
            }
            const Volume partial = t.partialOutput(i + 1);
            for (std::size_t j = 0; j < replay.values.size(); ++j) {
                if (std::isnan(replay.values[j]))
                    QVERIFY(std::isnan(partial.values[j]));
                else
                    QCOMPARE(partial.values[j], replay.values[j]);
            }
        }
        for (int c = 0; c < out.channels; ++c) {
            for (int y = 0; y < out.height; ++y) {
                for (int x = 0; x < out.width; ++x) {
                    const std::size_t j = out.index(c, y, x);
                    QCOMPARE(writes[j], covered(t, y, x) ? 1 : 0);
                    QCOMPARE(replay.values[j], out.values[j]);
                }
            }
        }
        QCOMPARE(t.stepIndexOf(0, -1, 0), -1);
        QCOMPARE(t.stepIndexOf(t.input().channels, 0, 0), -1);
    }

    void arithmeticText() {
        const ConvTrace nearest(Volume::sequence(1, 3, 4), FilterBank{}, upsample(Operation::Nearest, 2, 2));
        // Step 7 reads in[1][3] = 8 and fills rows 2–3, cols 6–7.
        QCOMPARE(text(nearest.arithmetic(nearest.step(7))), QStringLiteral("8 → rows 2–3, cols 6–7"));
        const ConvTrace nails(Volume::sequence(1, 3, 4), FilterBank{}, upsample(Operation::BedOfNails, 2, 2));
        QCOMPARE(text(nails.arithmetic(nails.step(7))),
                 QStringLiteral("8 → (2, 6), zeros elsewhere in rows 2–3, cols 6–7"));
        Volume in(1, 2, 4, {1, 9, 4, 3, 7, 2, 4, 8});
        const ConvTrace unpool(in, FilterBank{}, upsample(Operation::MaxUnpool, 2, 2));
        QCOMPARE(
            text(unpool.arithmetic(unpool.step(0))),
            QStringLiteral("max(1, 9, 7, 2) = 9 at (0, 1) → (0, 1), zeros elsewhere in rows 0–1, cols 0–1"));
        QCOMPARE(
            text(unpool.arithmetic(unpool.step(1))),
            QStringLiteral("max(4, 3, 4, 8) = 8 at (1, 3) → (1, 3), zeros elsewhere in rows 0–1, cols 2–3"));
        QCOMPARE(
            text(unpool.arithmetic(unpool.step(1), 2)),
            QStringLiteral("max(4, 3, …) = 8 at (1, 3) → (1, 3), zeros elsewhere in rows 0–1, cols 2–3"));
        QCOMPARE(
            text(outputShapeArithmetic(Volume(1, 5, 3), FilterBank{}, upsample(Operation::MaxUnpool, 2, 3))),
            QStringLiteral("H: floor(5 / 2) = 2 pooled, unpooled back to 5; W: floor(3 / 3) = 1 pooled, "
                           "unpooled back to 3"));
        QCOMPARE(
            text(outputShapeArithmetic(Volume(1, 5, 3), FilterBank{}, upsample(Operation::Nearest, 2, 3))),
            QStringLiteral("H: 5·2 = 10; W: 3·3 = 9"));
    }

    void validation() {
        QCOMPARE(
            errorOf([] { ConvTrace(Volume(1, 1, 3), FilterBank{}, upsample(Operation::MaxUnpool, 2, 2)); }),
            QStringLiteral("Max unpooling first max-pools with a window of 2, so the input height (1) must "
                           "be at least 2."));
        QCOMPARE(
            errorOf([] { ConvTrace(Volume(1, 2, 2), FilterBank{}, upsample(Operation::Nearest, 0, 2)); }),
            QStringLiteral("The scale factor along the height must be at least 1 (got 0)."));
        QCOMPARE(errorOf([] {
                     ConvSpec s = upsample(Operation::BedOfNails, 2, 2);
                     s.padding = Padding::uniform(1);
                     ConvTrace(Volume(1, 2, 2), FilterBank{}, s);
                 }),
                 QStringLiteral("Bed-of-nails upsampling has no padding; set it to 0."));
        QCOMPARE(
            errorOf([] {
                ConvSpec s = upsample(Operation::Nearest, 2, 2);
                s.stride = {2, 2};
                ConvTrace(Volume(1, 2, 2), FilterBank{}, s);
            }),
            QStringLiteral("Nearest-neighbour upsampling has no stride or dilation (its scale factor sets "
                           "both); set them to 1."));
        // Scale 1 is the identity for all three.
        for (Operation op : {Operation::Nearest, Operation::BedOfNails, Operation::MaxUnpool}) {
            const ConvTrace t(Volume::sequence(2, 3, 3), FilterBank{}, upsample(op, 1, 1));
            QVERIFY(t.output().values == t.input().values);
        }
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestUpsampleTrace)
#include "test_upsample_trace.moc"
