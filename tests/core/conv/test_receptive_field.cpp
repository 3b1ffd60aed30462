// Receptive fields, back-projected spans and parameter counts: hand-computed stacks, a brute-force dependency
// walk written here, and the textbook's parameter-sharing table as printed in the seed.
#include <algorithm>
#include <cstdio>
#include <iterator>
#include <random>
#include <set>
#include <stdexcept>
#include <vector>

#include <QTest>

#include "core/conv/conv_spec.h"
#include "core/conv/receptive_field.h"
#include "tests/core/conv/conv_error_text.h"
#include "tests/support/test_main.h"

using namespace convscope::conv;
using convscope::conv::testing::errorOf;

namespace {

LayerGeometry layer(const char* name, int k, int s = 1, int d = 1, int p = 0) {
    return {name, k, s, d, p};
}

// Every unit of every level that `unit` of the top level reads, found by walking the layers literally.
std::vector<std::set<int>> dependencies(const std::vector<LayerGeometry>& layers, int unit) {
    std::vector<std::set<int>> levels(layers.size() + 1);
    levels.back().insert(unit);
    for (std::size_t i = layers.size(); i-- > 0;) {
        const LayerGeometry& l = layers[i];
        for (int u : levels[i + 1])
            for (int t = 0; t < l.kernel; ++t) levels[i].insert(u * l.stride - l.padding + t * l.dilation);
    }
    return levels;
}

}  // namespace

class TestReceptiveField : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void threeConvs() {
        const auto f = receptiveFields(32, {layer("c1", 3), layer("c2", 3), layer("c3", 3)});
        QCOMPARE(f.size(), std::size_t(3));
        const int sizes[] = {30, 28, 26}, fields[] = {3, 5, 7};
        const double starts[] = {1.5, 2.5, 3.5};
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(f[i].outputSize, sizes[i]);
            QCOMPARE(f[i].receptiveField, fields[i]);
            QCOMPARE(f[i].jump, 1);
            QCOMPARE(f[i].start, starts[i]);
        }
        QCOMPARE(f[2].name, std::string("c3"));
        QCOMPARE(QString::fromStdString(f[2].arithmetic),
                 QStringLiteral("r = 5 + 1·(3 − 1)·1 = 7; j = 1·1 = 1"));
    }

    void strideDoublesTheJump() {
        const auto f = receptiveFields(32, {layer("c1", 3, 2), layer("c2", 3)});
        QCOMPARE(f[0].outputSize, 15);
        QCOMPARE(f[0].receptiveField, 3);
        QCOMPARE(f[0].jump, 2);
        QCOMPARE(f[1].outputSize, 13);
        QCOMPARE(f[1].receptiveField, 7);
        QCOMPARE(f[1].jump, 2);
        QCOMPARE(f[1].start, 3.5);
        QCOMPARE(QString::fromStdString(f[1].arithmetic),
                 QStringLiteral("r = 3 + 1·(3 − 1)·2 = 7; j = 2·1 = 2"));
    }

    void dilationWidensTheField() {
        const auto f =
            receptiveFields(32, {layer("d1", 3, 1, 1), layer("d2", 3, 1, 2), layer("d4", 3, 1, 4)});
        QCOMPARE(f[0].receptiveField, 3);
        QCOMPARE(f[1].receptiveField, 7);
        QCOMPARE(f[2].receptiveField, 15);
        QCOMPARE(f[2].outputSize, 18);
        QCOMPARE(QString::fromStdString(f[1].arithmetic),
                 QStringLiteral("r = 3 + 2·(3 − 1)·1 = 7; j = 1·1 = 1"));
    }

    void paddingMovesTheStart() {
        const auto f = receptiveFields(32, {layer("c1", 3, 1, 1, 1), layer("c2", 3, 1, 1, 1)});
        QCOMPARE(f[1].outputSize, 32);
        QCOMPARE(f[1].receptiveField, 5);
        QCOMPARE(f[1].start, 0.5);
    }

    void alexNet() {
        // Published values: CONV1 11 at jump 4, POOL1 19 at jump 8, CONV2 51.
        const auto f =
            receptiveFields(227, {layer("conv1", 11, 4), layer("pool1", 3, 2), layer("conv2", 5, 1, 1, 2)});
        QCOMPARE(f[0].outputSize, 55);
        QCOMPARE(f[1].outputSize, 27);
        QCOMPARE(f[2].outputSize, 27);
        QCOMPARE(f[0].receptiveField, 11);
        QCOMPARE(f[1].receptiveField, 19);
        QCOMPARE(f[2].receptiveField, 51);
        QCOMPARE(f[2].jump, 8);
        QCOMPARE(f[0].start, 5.5);
        QCOMPARE(f[1].start, 9.5);
    }

    void backProjection() {
        auto spans = backProjectUnit(32, {layer("c1", 3), layer("c2", 3), layer("c3", 3)}, 0);
        QCOMPARE(spans.size(), std::size_t(4));
        const int sizes[] = {32, 30, 28, 26}, lasts[] = {6, 4, 2, 0};
        for (int i = 0; i < 4; ++i) {
            QCOMPARE(spans[i].size, sizes[i]);
            QCOMPARE(spans[i].first, 0);
            QCOMPARE(spans[i].last, lasts[i]);
        }
        spans = backProjectUnit(
            32, {layer("c1", 3, 1, 1, 1), layer("c2", 3, 1, 1, 1), layer("c3", 3, 1, 1, 1)}, 0);
        QCOMPARE(spans[0].first, -3);  // reaches three pixels into the padding
        QCOMPARE(spans[0].last, 3);
        spans = backProjectUnit(32, {layer("c1", 3, 2), layer("c2", 3)}, 1);
        QCOMPARE(spans[1].first, 1);
        QCOMPARE(spans[1].last, 3);
        QCOMPARE(spans[0].first, 2);
        QCOMPARE(spans[0].last, 8);
        spans = backProjectUnit(32, {layer("d1", 3, 1, 1), layer("d2", 3, 1, 2), layer("d4", 3, 1, 4)}, 0);
        QCOMPARE(spans[2].last, 8);
        QCOMPARE(spans[1].last, 12);
        QCOMPARE(spans[0].last, 14);
        spans = backProjectUnit(8, {}, 3);
        QCOMPARE(spans.size(), std::size_t(1));
        QCOMPARE(spans[0].first, 3);
        QCOMPARE(spans[0].last, 3);
    }

    void backProjectionMatchesBruteForce() {
        std::mt19937 rng(20240611);
        for (int trial = 0; trial < 40; ++trial) {
            std::vector<LayerGeometry> layers;
            const int depth = 1 + int(rng() % 4);
            for (int i = 0; i < depth; ++i) {
                const int k = 1 + int(rng() % 4);
                layers.push_back({"l", k, 1 + int(rng() % 3), 1 + int(rng() % 2), int(rng() % 2) * (k / 2)});
            }
            std::vector<FieldAtLayer> fields;
            try {
                fields = receptiveFields(40, layers);
            } catch (const ConvError&) {
                continue;  // an empty output somewhere; errors are tested separately
            }
            const int top = fields.back().outputSize;
            const int unit = int(rng() % unsigned(top));
            const auto spans = backProjectUnit(40, layers, unit);
            const auto deps = dependencies(layers, unit);
            for (std::size_t level = 0; level < spans.size(); ++level) {
                const QByteArray where = QByteArray("trial ") + QByteArray::number(trial) + " level " +
                                         QByteArray::number(int(level));
                QVERIFY2(spans[level].first == *deps[level].begin(), where.constData());
                QVERIFY2(spans[level].last == *deps[level].rbegin(), where.constData());
            }
            QVERIFY(spans[0].last - spans[0].first + 1 == fields.back().receptiveField);
        }
    }

    void errors() {
        QCOMPARE(
            errorOf([] {
                receptiveFields(5, {layer("c1", 3), layer("c2", 3), layer("c3", 3)});
            }),
            QStringLiteral("Layer c3: The kernel spans 3 pixels, more than the padded input size of 1."));
        QCOMPARE(errorOf([] { receptiveFields(0, {layer("c1", 3)}); }),
                 QStringLiteral("The input size must be at least 1 pixel (got 0)."));
        QCOMPARE(errorOf([] { receptiveFields(8, {layer("bad", 0)}); }),
                 QStringLiteral("Layer bad: The kernel size must be at least 1 (got 0)."));
        QCOMPARE(errorOf([] { receptiveFields(8, {layer("", 3, 0)}); }),
                 QStringLiteral("Layer 1: Stride must be at least 1 (got 0)."));
        QCOMPARE(errorOf([] { receptiveFields(8, {layer("c1", 3, 1, 1, -1)}); }),
                 QStringLiteral("Layer c1: Padding must not be negative (got −1 before)."));
        QCOMPARE(
            errorOf([] { backProjectUnit(5, {layer("c1", 7)}, 0); }),
            QStringLiteral("Layer c1: The kernel spans 7 pixels, more than the padded input size of 5."));
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, backProjectUnit(32, {layer("c1", 3)}, 30));
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, backProjectUnit(32, {layer("c1", 3)}, -1));
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, backProjectUnit(8, {}, 8));
    }

    void seedParameterTable() {
        // The textbook's compare_parameter_counts output, digit for digit.
        struct Row {
            int size;
            long long conv, fc;
            double ratio;
        };
        const Row seed[] = {{8, 10, 4160, 416.0},
                            {16, 10, 65792, 6579.2},
                            {32, 10, 1049600, 104960.0},
                            {64, 10, 16781312, 1678131.2},
                            {128, 10, 268451840, 26845184.0}};
        const auto table = convscope::conv::seedParameterTable();
        QCOMPARE(table.size(), std::size(seed));
        for (std::size_t i = 0; i < table.size(); ++i) {
            QCOMPARE(table[i].inputSize, seed[i].size);
            QCOMPARE(table[i].convParams, seed[i].conv);
            QCOMPARE(table[i].fcParams, seed[i].fc);
            QVERIFY(qFuzzyCompare(table[i].ratio, seed[i].ratio));
        }
        // "Parameter reduction: 99.9990%" for the 32x32 example.
        const ParameterComparison c = compareParameterCounts(32);
        char reduction[32];
        std::snprintf(reduction, sizeof reduction, "%.4f%%",
                      100.0 * (1.0 - double(c.convParams) / c.fcParams));
        QCOMPARE(QString::fromLatin1(reduction), QStringLiteral("99.9990%"));
        // "27 x 64 + 64 (bias) = 1792": 3x3 filters over 3 channels, 64 of them.
        QCOMPARE(compareParameterCounts(32, 3, 3, 64).convParams, 1792LL);
        QCOMPARE(compareParameterCounts(4, 3, 2, 5).fcParams, (16LL * 2) * (16 * 5) + 16 * 5);
        QVERIFY_THROWS_EXCEPTION(ConvError, compareParameterCounts(0));
        QVERIFY_THROWS_EXCEPTION(ConvError, compareParameterCounts(8, 3, 1, -1));
        QVERIFY_THROWS_EXCEPTION(ConvError, compareParameterCounts(100000));  // (n²)² overflows 64 bits
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestReceptiveField)
#include "test_receptive_field.moc"
