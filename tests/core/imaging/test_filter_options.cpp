#include <stdexcept>

#include <QTest>

#include "core/imaging/filter_options.h"
#include "tests/support/test_main.h"

using namespace convscope::imaging;

class TestFilterOptions : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void defaults() {
        const FilterOptions f;
        QVERIFY(f.mode == CorrelationMode::Correlate);
        QVERIFY(f.border == BorderMode::Reflect101);
        QVERIFY(!f.grayscale);
        const DisplayOptions d;
        QVERIFY(d.mode == SignedDisplay::Clip);
        QVERIFY(!d.stretch);
    }

    void namesAreStable() {
        QCOMPARE(toString(CorrelationMode::Correlate), std::string("correlate"));
        QCOMPARE(toString(CorrelationMode::Convolve), std::string("convolve"));
        QCOMPARE(toString(BorderMode::Zero), std::string("zero"));
        QCOMPARE(toString(BorderMode::Reflect101), std::string("reflect101"));
        QCOMPARE(toString(BorderMode::Replicate), std::string("replicate"));
        QCOMPARE(toString(BorderMode::Wrap), std::string("wrap"));
        QCOMPARE(toString(SignedDisplay::Clip), std::string("clip"));
        QCOMPARE(toString(SignedDisplay::Absolute), std::string("abs"));
        QCOMPARE(toString(SignedDisplay::Offset), std::string("offset"));
        QCOMPARE(toString(SignedDisplay::Diverging), std::string("diverging"));
    }

    void parsingRoundTrips() {
        for (CorrelationMode m : {CorrelationMode::Correlate, CorrelationMode::Convolve})
            QVERIFY(parseCorrelationMode(toString(m)) == m);
        for (BorderMode b : allBorderModes()) QVERIFY(parseBorderMode(toString(b)) == b);
        for (SignedDisplay d :
             {SignedDisplay::Clip, SignedDisplay::Absolute, SignedDisplay::Offset, SignedDisplay::Diverging})
            QVERIFY(parseSignedDisplay(toString(d)) == d);
    }

    void allBorderModesListsEachOnce() {
        const std::vector<BorderMode> all = allBorderModes();
        QCOMPARE(all.size(), size_t(4));
        QVERIFY(all[0] == BorderMode::Zero);
        QVERIFY(all[1] == BorderMode::Reflect101);
        QVERIFY(all[2] == BorderMode::Replicate);
        QVERIFY(all[3] == BorderMode::Wrap);
    }

    void badNamesListTheChoices_data() {
        QTest::addColumn<int>("which");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("choices");
        QTest::newRow("mode") << 0 << "convolution" << QStringList{"correlate", "convolve"};
        QTest::newRow("mode empty") << 0 << "" << QStringList{"correlate", "convolve"};
        QTest::newRow("border") << 1 << "Reflect101"
                                << QStringList{"zero", "reflect101", "replicate", "wrap"};
        QTest::newRow("display") << 2 << "absolute" << QStringList{"clip", "abs", "offset", "diverging"};
    }
    void badNamesListTheChoices() {
        QFETCH(int, which);
        QFETCH(QString, text);
        QFETCH(QStringList, choices);
        const std::string s = text.toStdString();
        QString message;
        try {
            if (which == 0) parseCorrelationMode(s);
            if (which == 1) parseBorderMode(s);
            if (which == 2) parseSignedDisplay(s);
            QFAIL("no exception");
        } catch (const std::invalid_argument& e) {
            message = e.what();
        }
        for (const QString& c : choices) QVERIFY2(message.contains(c), qPrintable(message));
        QVERIFY2(message.contains("'" + text + "'"), qPrintable(message));
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestFilterOptions)
#include "test_filter_options.moc"
