// describe FILE.pt on a model with parameters that no operation reads (aux_net_traced.pt, made by
// tests/data/torchscript/make_torchscript_models.py aux_net): total_params is PyTorch's count of the file's
// parameters, unused_params the auxiliary head's, and the text output says so; a zoo model has none.

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include "tests/support/cli_runner.h"
#include "tests/support/test_main.h"
#include "tests/support/torchscript_fixtures.h"

using clitest::runCli;
using convscope::testing::torchscriptFixture;

class TestCliDescribeUnused : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void unusedParameters() {
        QFile f(torchscriptFixture("aux_net_expected.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject e = QJsonDocument::fromJson(f.readAll()).object();
        const QString file = torchscriptFixture("aux_net_traced.pt");
        const auto r = runCli({"describe", file, "--input", "1x28x28", "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(o.value("total_params").toInteger(), e.value("total_params").toInteger());
        QCOMPARE(o.value("unused_params").toInteger(), e.value("unused_params").toInteger());

        const auto text = runCli({"describe", file, "--input", "1x28x28"});
        QVERIFY2(text.exitCode == 0, qPrintable(text.err));
        QVERIFY2(text.out.contains(QStringLiteral("note: %1 of them are read by no operation")
                                       .arg(e.value("unused_params").toInteger())),
                 qPrintable(text.out));

        const auto zoo = runCli({"describe", "lenet5", "--json"});
        QVERIFY2(zoo.exitCode == 0, qPrintable(zoo.err));
        const QJsonObject z = QJsonDocument::fromJson(zoo.out.toUtf8()).object();
        QVERIFY(z.contains(QStringLiteral("unused_params")));
        QCOMPARE(z.value("unused_params").toInteger(), 0);
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestCliDescribeUnused)
#include "test_cli_describe_unused.moc"
