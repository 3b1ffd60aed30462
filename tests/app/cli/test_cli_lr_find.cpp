// lr-find on a small Fashion-MNIST-format folder made here: the JSON's keys, rates exactly geometric from
// --start, the smoothing recomputed naively, the suggestion at its index, a huge --end stopping early, the
// text table, the same settings giving the same curve, and bad input refused with one sentence.
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

#include "tests/support/cli_runner.h"
#include "tests/support/fashion_mnist_folder.h"
#include "tests/support/test_main.h"

using namespace clitest;
using namespace convscope;

class TestCliLrFind : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    QString data() const { return m_dir.filePath(QStringLiteral("data")); }

    QStringList base() const {
        return {"lr-find", "--model", "lenet5", "--data", data(), "--batch-size", "32", "--threads", "1"};
    }

    QJsonObject runJson(const QStringList& extra) {
        const Result r = runCli(base() + extra + QStringList{"--json"});
        if (r.exitCode != 0) qWarning("%s", qPrintable(r.err));
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(r.out.toUtf8(), &error);
        if (error.error != QJsonParseError::NoError) qWarning("%s", qPrintable(r.out));
        return doc.object();
    }

    void expectFailure(const QStringList& args, const QString& message) {
        const Result r = runCli(args);
        QVERIFY2(r.exitCode > 0, qPrintable(r.out));
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY(!r.err.contains("terminate"));
        QCOMPARE(r.err.trimmed().count(QLatin1Char('\n')), 0);  // one sentence
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        QVERIFY(QDir().mkpath(data()));
        testing::writeFashionMnistFolder(data(), 300, 50);
    }

    void jsonCurve() {
        const QJsonObject o = runJson({"--start", "1e-5", "--end", "1", "--steps", "30"});
        for (const char* key :
             {"points", "suggested_lr", "suggested_index", "stopped_early", "rule", "message"})
            QVERIFY2(o.contains(QLatin1String(key)), key);
        const QJsonArray points = o[QStringLiteral("points")].toArray();
        QVERIFY(points.size() >= 12);
        QCOMPARE(points.size() == 30, !o[QStringLiteral("stopped_early")].toBool());
        QCOMPARE(points[0].toObject()[QStringLiteral("lr")].toDouble(), 1e-5);
        const double ratio = std::pow(1e5, 1.0 / 29.0), beta = 0.98;
        for (int i = 0; i < points.size(); ++i) {
            const QJsonObject p = points[i].toObject();
            QVERIFY(p.contains(QStringLiteral("lr")) && p.contains(QStringLiteral("loss")) &&
                    p.contains(QStringLiteral("smoothed_loss")));
            const double lr = p[QStringLiteral("lr")].toDouble();
            QVERIFY(std::abs(lr / (1e-5 * std::pow(ratio, i)) - 1.0) < 1e-12);
            double sum = 0.0;
            for (int j = 0; j <= i; ++j)
                sum += (1.0 - beta) * std::pow(beta, i - j) *
                       points[j].toObject()[QStringLiteral("loss")].toDouble();
            const double expected = sum / (1.0 - std::pow(beta, i + 1));
            QVERIFY(std::abs(p[QStringLiteral("smoothed_loss")].toDouble() - expected) <= 1e-12 * expected);
        }
        const int index = o[QStringLiteral("suggested_index")].toInt();
        QVERIFY(index >= 0 && index < points.size());
        QCOMPARE(o[QStringLiteral("suggested_lr")].toDouble(),
                 points[index].toObject()[QStringLiteral("lr")].toDouble());
        QVERIFY(o[QStringLiteral("rule")].toString().contains(QStringLiteral("steep")));

        // The same settings give the same curve (the weights and batches come from the seed).
        QCOMPARE(
            runJson({"--start", "1e-5", "--end", "1", "--steps", "30"})[QStringLiteral("points")].toArray(),
            points);
    }

    void stopsEarlyOnDivergence() {
        const QJsonObject o = runJson({"--start", "1e-3", "--end", "1e6", "--steps", "60"});
        QVERIFY(o[QStringLiteral("stopped_early")].toBool());
        QVERIFY(o[QStringLiteral("points")].toArray().size() < 60);
    }

    void textTable() {
        const Result r = runCli(base() + QStringList{"--steps", "12", "--start", "1e-4", "--end", "0.1"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("learning rate")), qPrintable(r.out));
        QVERIFY(r.out.contains(QStringLiteral("Suggested learning rate:")));
        QVERIFY(r.out.contains(QStringLiteral("<- suggested")));
    }

    void badInput() {
        expectFailure(base() + QStringList{"--start", "1", "--end", "0.1"}, QStringLiteral("must be below"));
        expectFailure(base() + QStringList{"--start", "0.1", "--end", "0.1"},
                      QStringLiteral("must be below"));
        expectFailure(base() + QStringList{"--steps", "1"}, QStringLiteral("--steps"));
        expectFailure(base() + QStringList{"--start", "abc"}, QStringLiteral("--start"));
        expectFailure(base() + QStringList{"--start=-1"}, QStringLiteral("start learning rate"));
        expectFailure({"lr-find", "--data", data()}, QStringLiteral("needs --model"));
        expectFailure(base() + QStringList{"--optimizer", "rmsprop"}, QStringLiteral("rmsprop"));
        expectFailure(base() + QStringList{"--lr", "0.1"}, QStringLiteral("--lr"));
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestCliLrFind)
#include "test_cli_lr_find.moc"
