// Parameters that no operation of an imported model's forward pass reads: aux_net_traced.pt (made by
// tests/data/torchscript/make_torchscript_models.py aux_net) has an auxiliary head that only training runs,
// as GoogLeNet's, traced in eval mode, and a convolution applied twice. The description's total is PyTorch's
// sum(p.numel()), the unused count is the auxiliary head's, and the nodes hold the rest, each parameter once.

#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include "core/nn/imported/scripted_classifier.h"
#include "tests/support/test_main.h"
#include "tests/support/torchscript_fixtures.h"

using namespace convscope::nn;
using convscope::testing::torchscriptFixture;

namespace {

QJsonObject auxExpected() {
    QFile f(torchscriptFixture("aux_net_expected.json"));
    if (!f.open(QIODevice::ReadOnly)) return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

}  // namespace

class TestScriptedUnusedParams : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void totalIsTheFilesAndTheUnusedAreCounted() {
        const QJsonObject e = auxExpected();
        QVERIFY(e.value("total_params").toInteger() > 0);
        QVERIFY(e.value("unused_params").toInteger() > 0);
        ScriptedClassifier m =
            ScriptedClassifierImpl::load(torchscriptFixture("aux_net_traced.pt").toStdString(), {1, 28, 28});
        QCOMPARE(parameterCount(*m), e.value("total_params").toInteger());
        const Architecture a = m->describe();
        QCOMPARE(a.totalParameters, e.value("total_params").toInteger());
        QCOMPARE(a.unusedParameters, e.value("unused_params").toInteger());
        std::int64_t inNodes = 0;
        int sharedNodes = 0;
        for (const ArchNode& n : a.nodes) {
            inNodes += n.parameters;
            QVERIFY2(n.name.rfind("aux", 0) != 0, n.name.c_str());  // the head is not in the traced graph
            sharedNodes += n.name.rfind("shared", 0) == 0;
        }
        QCOMPARE(sharedNodes, 2);  // the convolution applied twice: two nodes, its parameters counted once
        QCOMPARE(inNodes, e.value("used_params").toInteger());
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestScriptedUnusedParams)
#include "test_scripted_unused_params.moc"
