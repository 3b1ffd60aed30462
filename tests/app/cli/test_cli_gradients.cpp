// `convscope-cli gradients` on the bundled LeNet-5 checkpoint and a small Fashion-MNIST-format folder made
// here: the JSON keys, the loss equal to evaluate's mean cross-entropy over the same images, the norms equal
// to a direct autograd pass over all images at once (the command goes through in batches) and named as the
// checkpoint's parameters, train and eval mode equal for a model without batch norm or dropout, the text
// output, and every bad request (one line, non-zero exit). Also train --metrics' instruments in step lines.
#include <torch/torch.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

#include "core/nn/data/batch_transform.h"
#include "core/nn/data/image_dataset.h"
#include "core/nn/models/model_factory.h"
#include "core/nn/train/checkpoint.h"
#include "tests/support/cli_runner.h"
#include "tests/support/fashion_mnist_folder.h"
#include "tests/support/test_main.h"

using namespace clitest;
using namespace convscope;

namespace {

const QString kCheckpoint =
    QStringLiteral(CONVSCOPE_TEST_DATA_DIR "/../../assets/models/lenet5_fashion_mnist.ckpt");

QJsonObject parse(const Result& r) {
    return QJsonDocument::fromJson(r.out.toUtf8()).object();
}

bool close(double a, double b, double rel) {
    return std::abs(a - b) <= rel * std::max(std::abs(a), std::abs(b)) + 1e-9;
}

}  // namespace

class TestCliGradients : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    Result gradients(const QStringList& extra) {
        return runCli(QStringList{"gradients", "--checkpoint", kCheckpoint, "--data", m_dir.path()} + extra);
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        convscope::testing::writeFashionMnistFolder(m_dir.path(), 20, 40);
    }

    void jsonMatchesEvaluateAndAutograd() {
        const Result r = gradients({"--indices", "0:40", "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject o = parse(r);
        QCOMPARE(o.keys(), (QStringList{"grad_norms", "indices", "loss", "mode", "normalisation"}));
        QCOMPARE(o.value("mode").toString(), QStringLiteral("eval"));
        QCOMPARE(o.value("indices").toArray(), (QJsonArray{0, 40}));

        const nn::CheckpointState state = nn::readCheckpointState(kCheckpoint.toStdString());
        const QJsonObject norm = o.value("normalisation").toObject();
        QCOMPARE(norm.keys(), (QStringList{"mean", "std"}));
        QCOMPARE(norm.value("mean").toDouble(), state.config.input.mean);
        QCOMPARE(norm.value("std").toDouble(), state.config.input.stdev);

        // evaluate's loss is the mean cross-entropy over the same 40 images.
        const Result e = runCli({"evaluate", "--checkpoint", kCheckpoint, "--data", m_dir.path(), "--json"});
        QVERIFY2(e.exitCode == 0, qPrintable(e.err));
        const double loss = o.value("loss").toDouble();
        QVERIFY2(
            close(loss, parse(e).value("loss").toDouble(), 1e-5),
            qPrintable(QString::number(loss) + " vs " + QString::number(parse(e).value("loss").toDouble())));

        // One autograd pass over the 40 images, norms summed by a loop.
        torch::set_num_threads(1);
        const nn::Classifier model = nn::makeModel(state.config.model);
        nn::loadCheckpoint(kCheckpoint.toStdString(), *model, nullptr, state.config.model);
        model->eval();
        const nn::ImageDataset test = nn::loadFashionMnist(m_dir.path().toStdString(), false);
        const torch::Tensor x =
            nn::prepareBatch(test.images, nn::evaluationTransform(state.config.input), 0, torch::kCPU);
        const torch::Tensor ce = torch::nn::functional::cross_entropy(model->forward(x), test.labels);
        ce.backward();
        QVERIFY(close(loss, ce.item<double>(), 1e-5));
        const QJsonObject norms = o.value("grad_norms").toObject();
        const auto params = model->named_parameters();
        QCOMPARE(std::size_t(norms.size()), params.size());
        for (const auto& p : params) {
            const QString name = QString::fromStdString(p.key());
            QVERIFY2(norms.contains(name), qPrintable(name));
            const torch::Tensor g = p.value().grad().contiguous();
            double sum = 0.0;
            for (std::int64_t i = 0; i < g.numel(); ++i)
                sum += double(g.data_ptr<float>()[i]) * g.data_ptr<float>()[i];
            QVERIFY2(close(norms.value(name).toDouble(), std::sqrt(sum), 1e-4), qPrintable(name));
        }
    }

    void trainModeEqualsEvalWithoutBatchNorm() {
        const Result eval = gradients({"--indices", "5:25", "--json"});
        const Result train = gradients({"--indices", "5:25", "--mode", "train", "--json"});
        QVERIFY2(eval.exitCode == 0 && train.exitCode == 0, qPrintable(eval.err + train.err));
        const QJsonObject a = parse(eval), b = parse(train);
        QCOMPARE(b.value("mode").toString(), QStringLiteral("train"));
        QCOMPARE(b.value("indices").toArray(), (QJsonArray{5, 25}));
        QVERIFY(close(a.value("loss").toDouble(), b.value("loss").toDouble(), 1e-6));
        const QJsonObject na = a.value("grad_norms").toObject(), nb = b.value("grad_norms").toObject();
        for (const QString& k : na.keys())
            QVERIFY(close(na.value(k).toDouble(), nb.value(k).toDouble(), 1e-5));
        // Another range, another loss.
        const Result other = gradients({"--indices", "0:20", "--json"});
        QVERIFY(!close(parse(other).value("loss").toDouble(), a.value("loss").toDouble(), 1e-6));
    }

    void textOutput() {
        const Result r = gradients({"--indices", "0:10"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.contains("loss:"));
        QVERIFY(r.out.contains("conv1.weight"));
        QVERIFY(r.out.contains("fc.bias"));
    }

    void badRequests_data() {
        QTest::addColumn<QStringList>("args");
        const QString ckpt = kCheckpoint;
        QTest::newRow("empty range") << QStringList{"--indices", "5:5"};
        QTest::newRow("reversed") << QStringList{"--indices", "9:3"};
        QTest::newRow("past the end") << QStringList{"--indices", "30:41"};
        QTest::newRow("not numbers") << QStringList{"--indices", "a:b"};
        QTest::newRow("negative") << QStringList{"--indices", "-1:3"};
        QTest::newRow("no colon") << QStringList{"--indices", "7"};
        QTest::newRow("bad mode") << QStringList{"--indices", "0:3", "--mode", "test"};
        QTest::newRow("no indices") << QStringList{};
    }
    void badRequests() {
        QFETCH(QStringList, args);
        const Result r = gradients(args + QStringList{"--json"});
        QVERIFY(r.exitCode != 0 && r.exitCode > 0);
        QVERIFY(r.out.isEmpty());
        QCOMPARE(r.err.trimmed().count('\n'), 0);
        QVERIFY(!r.err.trimmed().isEmpty());
    }

    // train --metrics: step lines carry the instruments (named as the parameters and the ReLU taps), and
    // --no-instruments leaves them out.
    void trainMetricsCarryTheInstruments() {
        for (const bool on : {true, false}) {
            const QString metrics = m_dir.filePath(on ? "on.jsonl" : "off.jsonl");
            QStringList args{"train", "--model",     "simplecnn", "--data",    m_dir.path(), "--batch-size",
                             "10",    "--log-every", "1",         "--threads", "1",          "--metrics",
                             metrics};
            if (!on) args << "--no-instruments";
            const Result r = runCli(args);
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
            QFile f(metrics);
            QVERIFY(f.open(QIODevice::ReadOnly));
            int steps = 0;
            for (const QByteArray& line : f.readAll().split('\n')) {
                const QJsonObject o = QJsonDocument::fromJson(line).object();
                if (o.value("type").toString() != QLatin1String("batch")) continue;
                ++steps;
                for (const char* key : {"grad_norms", "weight_norms", "update_ratios", "dead_relu"})
                    QCOMPARE(o.contains(key), on);
                if (!on) continue;
                const QStringList parameters{"conv1.bias",   "conv1.weight", "conv2.bias",
                                             "conv2.weight", "fc.bias",      "fc.weight"};
                QCOMPARE(o.value("grad_norms").toObject().keys(), parameters);
                QCOMPARE(o.value("weight_norms").toObject().keys(), parameters);
                QCOMPARE(o.value("update_ratios").toObject().keys(), parameters);
                QCOMPARE(o.value("dead_relu").toObject().keys(), (QStringList{"conv1", "conv2"}));
                for (const QJsonValue& v : o.value("dead_relu").toObject())
                    QVERIFY(v.toDouble() >= 0.0 && v.toDouble() <= 1.0);
            }
            QCOMPARE(steps, 2);  // 20 images in batches of 10
        }
    }

    void missingCheckpoint() {
        const Result r = runCli({"gradients", "--checkpoint", m_dir.filePath("none.ckpt"), "--data",
                                 m_dir.path(), "--indices", "0:3", "--json"});
        QVERIFY(r.exitCode > 0);
        QVERIFY(r.out.isEmpty());
        QCOMPARE(r.err.trimmed().count('\n'), 0);
        QVERIFY(r.err.contains("none.ckpt"));
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestCliGradients)
#include "test_cli_gradients.moc"
