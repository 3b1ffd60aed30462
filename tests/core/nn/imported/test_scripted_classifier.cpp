// ScriptedClassifier against PyTorch: the fixtures in tests/data/torchscript were made by
// make_torchscript_models.py there (forward hooks give each module's output shape and every convolution's
// output; parameter counts from model.parameters()).

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <fstream>

#include "core/nn/imported/import_error.h"
#include "core/nn/imported/scripted_classifier.h"
#include "tests/support/test_main.h"
#include "tests/support/torchscript_fixtures.h"

using namespace convscope::nn;
using convscope::testing::torchscriptExpected;
using convscope::testing::torchscriptFixture;

namespace {

torch::Tensor fixedInput(int channels) {
    torch::Tensor x = torch::zeros({1, channels, 28, 28});
    auto a = x.accessor<float, 4>();
    for (int c = 0; c < channels; ++c)
        for (int i = 0; i < 28; ++i)
            for (int j = 0; j < 28; ++j)
                a[0][c][i][j] = float(std::sin(0.3 * i + 0.7 * c) * std::cos(0.2 * j));
    return x;
}

std::vector<std::int64_t> shapeOf(const QJsonArray& a) {
    std::vector<std::int64_t> s;
    for (const auto& v : a) s.push_back(v.toInteger());
    return s;
}

ScriptedClassifier loadTiny(const char* file) {
    return ScriptedClassifierImpl::load(torchscriptFixture(file).toStdString(), {1, 28, 28});
}

QString loadError(const QString& path, std::vector<std::int64_t> shape = {1, 28, 28}) {
    try {
        ScriptedClassifierImpl::load(path.toStdString(), shape);
    } catch (const ImportError& e) {
        return QString::fromStdString(e.what());
    }
    return QString();
}

}  // namespace

class TestScriptedClassifier : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void description_data() {
        QTest::addColumn<QString>("file");
        QTest::newRow("scripted") << "tiny_net_scripted.pt";
        QTest::newRow("traced") << "tiny_net_traced.pt";
    }
    void description() {
        QFETCH(QString, file);
        const QJsonObject e = torchscriptExpected();
        ScriptedClassifier m = loadTiny(file.toLatin1().constData());
        QCOMPARE(m->classes(), 10);
        QCOMPARE(parameterCount(*m), e.value("total_params").toInteger());
        const Architecture a = m->describe();
        QCOMPARE(a.totalParameters, e.value("total_params").toInteger());
        QCOMPARE(a.untracedInputs, 0);
        // Every module PyTorch's hooks saw has a node of the same name and output shape, and the parameters
        // the module owns are counted at that node.
        const QJsonObject shapes = e.value("module_shapes").toObject();
        const QJsonObject params = e.value("module_params").toObject();
        for (auto it = shapes.begin(); it != shapes.end(); ++it) {
            const ArchNode* found = nullptr;
            for (const ArchNode& n : a.nodes)
                if (QString::fromStdString(n.name) == it.key()) found = &n;
            QVERIFY2(found, qPrintable(QStringLiteral("no node named ") + it.key()));
            QCOMPARE(found->shape, shapeOf(it.value().toArray()));
            QCOMPARE(found->parameters, params.value(it.key()).toInteger());
        }
        // The inception-like module's parallel paths are branches; the block's addition has two inputs.
        int branches = 0;
        for (const ArchScope& s : a.scopes) branches += s.kind == ScopeKind::Branch;
        QCOMPARE(branches, 2);
        bool add = false;
        for (const ArchNode& n : a.nodes) add = add || (n.type == "Add" && n.inputs.size() == 2);
        QVERIFY(add);
        // Receptive field of the last convolution: conv 3 (3), pool 2 (4, jump 2), two 3x3 (8, 12),
        // 1x1 and 3x3 branch (16), strided 3x3 (20).
        for (const ArchNode& n : a.nodes)
            if (n.name == "down") QCOMPARE(n.receptiveField, std::int64_t(20));
        // MACs of the first convolution: 28×28×8 outputs × 3×3×1.
        for (const ArchNode& n : a.nodes)
            if (n.name == "conv1") QCOMPARE(n.macs, std::int64_t(28 * 28 * 8 * 9));
    }

    void scriptedAndTracedAgree() {
        const Architecture s = loadTiny("tiny_net_scripted.pt")->describe();
        const Architecture t = loadTiny("tiny_net_traced.pt")->describe();
        QCOMPARE(s.totalParameters, t.totalParameters);
        QCOMPARE(s.totalMacs, t.totalMacs);
        QCOMPARE(s.taps.size(), t.taps.size());
        for (std::size_t i = 0; i < s.taps.size(); ++i) {
            QCOMPARE(s.taps[i].name, t.taps[i].name);
            QCOMPARE(s.taps[i].shape, t.taps[i].shape);
        }
    }

    void featureMapsEqualForwardHooks_data() { description_data(); }
    void featureMapsEqualForwardHooks() {
        QFETCH(QString, file);
        const QJsonObject e = torchscriptExpected();
        ScriptedClassifier m = loadTiny(file.toLatin1().constData());
        m->eval();
        std::vector<std::pair<std::string, torch::Tensor>> taps;
        torch::Tensor logits;
        {
            torch::NoGradGuard g;
            logits = m->forward(fixedInput(1), [&](const std::string& n, const torch::Tensor& t) {
                taps.emplace_back(n, t.clone());
            });
        }
        const QJsonArray names = e.value("conv_outputs").toArray();
        QCOMPARE(int(taps.size()), names.size());
        std::ifstream bin(torchscriptFixture("tiny_net_features.bin").toStdString(), std::ios::binary);
        for (int i = 0; i < names.size(); ++i) {
            QCOMPARE(QString::fromStdString(taps[std::size_t(i)].first), names[i].toString());
            const torch::Tensor got = taps[std::size_t(i)].second.contiguous();
            std::vector<float> want(std::size_t(got.numel()));
            bin.read(reinterpret_cast<char*>(want.data()), std::streamsize(want.size() * sizeof(float)));
            QVERIFY(bin.good());
            const torch::Tensor ref = torch::from_blob(want.data(), got.sizes()).clone();
            QVERIFY2(torch::allclose(got, ref, 1e-4, 1e-5), qPrintable(names[i].toString()));
        }
        const QJsonArray l = e.value("logits").toArray();
        for (int k = 0; k < 10; ++k) QVERIFY(std::abs(logits[0][k].item<double>() - l[k].toDouble()) < 1e-4);
    }

    void chosenTapsAndGradients() {
        ScriptedClassifier m = loadTiny("tiny_net_scripted.pt");
        m->setTaps({"layer1.add", "mixed.cat"});
        QCOMPARE(m->tapNames(), (std::vector<std::string>{"layer1.add", "mixed.cat"}));
        QVERIFY_THROWS_EXCEPTION(ImportError, m->setTaps({"nothing.here"}));
        // Taps are live activations: a gradient reaches them (what Grad-CAM needs).
        torch::Tensor tapped;
        const torch::Tensor y = m->forward(fixedInput(1), [&](const std::string& n, const torch::Tensor& t) {
            if (n == "mixed.cat") tapped = t;
        });
        const auto g = torch::autograd::grad({y[0][3]}, {tapped});
        QVERIFY(g[0].defined());
        QVERIFY(g[0].abs().sum().item<double>() > 0);
    }

    void trainsAndModeReachesTheFile() {
        torch::manual_seed(3);
        ScriptedClassifier m = loadTiny("tiny_net_scripted.pt");
        const torch::Tensor before = m->named_parameters()["layer1.conv1.weight"].clone();
        const torch::Tensor meanBefore = m->named_buffers()["bn1.running_mean"].clone();
        torch::optim::SGD opt(m->parameters(), 0.1);
        m->train();
        const torch::Tensor x = torch::randn({4, 1, 28, 28});
        const torch::Tensor loss = torch::cross_entropy_loss(m->forward(x), torch::tensor({1, 2, 3, 4}));
        opt.zero_grad();
        loss.backward();
        opt.step();
        QVERIFY(!torch::equal(before, m->named_parameters()["layer1.conv1.weight"]));
        // Training mode reached the file's batch norm: its running mean moved.
        QVERIFY(!torch::equal(meanBefore, m->named_buffers()["bn1.running_mean"]));
        m->eval();
        const torch::Tensor meanEval = m->named_buffers()["bn1.running_mean"].clone();
        {
            torch::NoGradGuard g;
            m->forward(x);
        }
        QVERIFY(torch::equal(meanEval, m->named_buffers()["bn1.running_mean"]));
    }

    void headReplacement() {
        torch::manual_seed(1);
        ScriptedClassifier m = loadTiny("tiny_net_traced.pt");
        QCOMPARE(m->headName(), std::string("fc"));
        const torch::Tensor conv = m->named_parameters()["conv1.weight"].clone();
        m->replaceHead(4);
        QCOMPARE(m->classes(), 4);
        QCOMPARE(m->named_parameters()["fc.weight"].sizes().vec(), (std::vector<std::int64_t>{4, 16}));
        torch::NoGradGuard g;
        QCOMPARE(m->forward(torch::zeros({2, 1, 28, 28})).sizes().vec(), (std::vector<std::int64_t>{2, 4}));
        QVERIFY(torch::equal(conv, m->named_parameters()["conv1.weight"]));
    }

    void colourModel() {
        ScriptedClassifier m = ScriptedClassifierImpl::load(
            torchscriptFixture("rgb_net_scripted.pt").toStdString(), {3, 28, 28});
        QCOMPARE(m->classes(), 5);
        QCOMPARE(parameterCount(*m), std::int64_t(10913));
        const Architecture a = m->describe();
        QCOMPARE(a.totalParameters, std::int64_t(10913));
        QCOMPARE(a.taps.size(), std::size_t(2));
        QCOMPARE(m->firstConvWeights().sizes().vec(), (std::vector<std::int64_t>{6, 3, 5, 5}));
    }

    void badFiles() {
        QTemporaryDir dir;
        QVERIFY(loadError(dir.filePath("missing.pt")).contains("does not exist"));
        const QString text = dir.filePath("notes.pt");
        QFile t(text);
        QVERIFY(t.open(QIODevice::WriteOnly));
        t.write("just some text, not a model\n");
        t.close();
        QVERIFY(loadError(text).contains("not a TorchScript file"));
        // Truncated: the first half of a real file.
        QFile real(torchscriptFixture("tiny_net_scripted.pt"));
        QVERIFY(real.open(QIODevice::ReadOnly));
        const QByteArray bytes = real.readAll();
        const QString cut = dir.filePath("cut.pt");
        QFile c(cut);
        QVERIFY(c.open(QIODevice::WriteOnly));
        c.write(bytes.left(bytes.size() / 2));
        c.close();
        QVERIFY(loadError(cut).contains("truncated"));
        // An operator this LibTorch lacks (what a file from a newer PyTorch looks like).
        const QString op = loadError(torchscriptFixture("unknown_op.pt"));
        QVERIFY2(op.contains("aten::convscope_missing_op") && op.contains("does not have"), qPrintable(op));
        // A shape the model rejects: three channels into a one-channel first convolution.
        const QString rejected = loadError(torchscriptFixture("tiny_net_scripted.pt"), {3, 28, 28});
        QVERIFY2(rejected.contains("rejects a 3×28×28 input"), qPrintable(rejected));
        QVERIFY(!rejected.contains('\n'));
        // The colour model's linear layer fixes its input size.
        const QString small = loadError(torchscriptFixture("rgb_net_scripted.pt"), {3, 40, 40});
        QVERIFY2(small.contains("rejects"), qPrintable(small));
        QVERIFY(loadError(torchscriptFixture("tiny_net_scripted.pt"), {1, 0, 28}).contains("C×H×W"));
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestScriptedClassifier)
#include "test_scripted_classifier.moc"
