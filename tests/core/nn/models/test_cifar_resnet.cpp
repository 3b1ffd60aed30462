// The CIFAR networks of He et al. 2016 (section 4.2): parameter counts from first principles and from an
// independent PyTorch implementation (tests/data/nn/cifar_resnet_reference.txt, made by
// make_cifar_resnet_reference.py there), the option-A shortcut against a naive loop, tap names and shapes,
// one forward pass with the same deterministic weights as the PyTorch reference, the factory, the catalog
// and the tracer's description.
#include <torch/torch.h>

#include <QTest>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include "core/nn/graph/architecture_description.h"
#include "core/nn/models/cifar_resnet.h"
#include "core/nn/models/model_factory.h"
#include "core/nn/zoo/model_catalog.h"
#include "tests/support/test_main.h"

using namespace convscope::nn;

namespace {

const int kDepths[] = {20, 32, 44, 56, 110};

/// The count written from the paper's description, sharing nothing with the model's code: a 3x3 stem
/// convolution to 16 channels without bias, then per stage n blocks of two 3x3 convolutions without bias,
/// each followed by batch norm (γ and β per channel), at 16, 32 and 64 channels; option A adds nothing;
/// fc 64 → classes with bias.
std::int64_t formulaCount(int depth, int inChannels, int classes) {
    const int n = (depth - 2) / 6;
    std::int64_t total = 9LL * inChannels * 16 + 2 * 16;
    int in = 16;
    for (int planes : {16, 32, 64}) {
        for (int b = 0; b < n; ++b) {
            total += 9LL * in * planes + 2 * planes;      // conv1 + bn1
            total += 9LL * planes * planes + 2 * planes;  // conv2 + bn2
            in = planes;
        }
    }
    return total + 64LL * classes + classes;
}

ModelConfig cifar(const std::string& name, int inChannels = 3, int classes = 10) {
    ModelConfig c;
    c.name = name;
    c.inChannels = inChannels;
    c.classes = classes;
    c.inputSize = 32;
    return c;
}

/// The reference's integer hash: uniform in [-0.5, 0.5), exact in int64.
torch::Tensor hashUniform(std::int64_t numel, std::int64_t seed) {
    const torch::Tensor k = torch::arange(numel, torch::kInt64);
    return torch::remainder(k * std::int64_t(2654435761) + seed * std::int64_t(40503),
                            std::int64_t(4294967296))
                   .to(torch::kFloat64) /
               4294967296.0 -
           0.5;
}

/// The weights make_cifar_resnet_reference.py sets (see its docstring), in registration order.
void setReferenceWeights(torch::nn::Module& model, double gain) {
    torch::NoGradGuard noGrad;
    std::int64_t index = 0;
    for (const auto& item : model.named_parameters()) {
        torch::Tensor p = item.value();
        const torch::Tensor u = hashUniform(p.numel(), index++);
        torch::Tensor v;
        if (item.key().size() >= 4 && item.key().compare(item.key().size() - 4, 4, "bias") == 0)
            v = 0.2 * u;
        else if (p.dim() == 1)
            v = 1 + 0.4 * u;
        else
            v = gain * std::sqrt(12.0 / double(p[0].numel())) * u;
        p.copy_(v.to(torch::kFloat32).view_as(p));
    }
    std::int64_t b = 0;
    for (const auto& m : model.modules(false)) {
        if (auto* bn = m->as<torch::nn::BatchNorm2d>()) {
            const std::int64_t n = bn->running_mean.numel();
            bn->running_mean.copy_((0.2 * hashUniform(n, 1000 + b)).to(torch::kFloat32));
            bn->running_var.copy_((1 + hashUniform(n, 2000 + b)).to(torch::kFloat32));
            ++b;
        }
    }
}

std::vector<std::string> referenceLines(const std::string& kind) {
    std::ifstream in(std::string(CONVSCOPE_TEST_DATA_DIR) + "/nn/cifar_resnet_reference.txt");
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);)
        if (line.rfind(kind + " ", 0) == 0) lines.push_back(line);
    return lines;
}

/// |a - b| small against the reference's scale (float32 accumulations over 20-56 layers).
void compareValues(const std::vector<float>& actual, const std::vector<double>& expected, const char* what) {
    QCOMPARE(actual.size(), expected.size());
    double scale = 1e-6;
    for (double e : expected) scale = std::max(scale, std::abs(e));
    for (std::size_t i = 0; i < expected.size(); ++i)
        QVERIFY2(std::abs(actual[i] - expected[i]) <= 1e-4 * scale,
                 qPrintable(QStringLiteral("%1[%2]: %3, PyTorch %4")
                                .arg(QLatin1String(what))
                                .arg(i)
                                .arg(actual[i])
                                .arg(expected[i])));
}

}  // namespace

class TestCifarResNet : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { torch::set_num_threads(2); }

    void parameterCountsFromFirstPrinciples() {
        // The paper's Table 6 rounds these to 0.27M and 0.85M; with batch norm's γ and β they are exact.
        QCOMPARE(formulaCount(20, 3, 10), std::int64_t(269722));
        QCOMPARE(formulaCount(56, 3, 10), std::int64_t(853018));
        QCOMPARE(parameterCount(*makeModel(cifar("resnet20"))), std::int64_t(269722));
        QCOMPARE(parameterCount(*makeModel(cifar("resnet56"))), std::int64_t(853018));
        for (int depth : kDepths) {
            for (const auto& [in, classes] : {std::pair{3, 10}, std::pair{1, 10}, std::pair{3, 100}}) {
                const std::int64_t expected = formulaCount(depth, in, classes);
                const std::int64_t resnet =
                    parameterCount(*makeModel(cifar("resnet" + std::to_string(depth), in, classes)));
                const std::int64_t plain =
                    parameterCount(*makeModel(cifar("plain" + std::to_string(depth), in, classes)));
                QCOMPARE(resnet, expected);
                QCOMPARE(plain, expected);  // option A has no parameters: the twins count the same
            }
        }
    }

    void parameterCountsEqualPyTorch() {
        const std::vector<std::string> lines = referenceLines("params");
        QCOMPARE(lines.size(), std::size_t(30));
        for (const std::string& line : lines) {
            std::istringstream s(line);
            std::string kind, name;
            int in = 0, classes = 0;
            std::int64_t expected = 0;
            s >> kind >> name >> in >> classes >> expected;
            QCOMPARE(parameterCount(*makeModel(cifar(name, in, classes))), expected);
        }
    }

    void optionAShortcutEqualsNaiveLoop() {
        torch::manual_seed(3);
        for (const auto& [size, stride, in, out] : {std::tuple{7, 2, 16, 32}, std::tuple{8, 2, 32, 64},
                                                    std::tuple{5, 1, 3, 8}, std::tuple{6, 1, 4, 4}}) {
            const torch::Tensor x = torch::randn({2, in, size, size});
            const torch::Tensor y = optionAShortcut(x, out, stride);
            const int outSize = (size + stride - 1) / stride;
            QCOMPARE(y.sizes(), (c10::IntArrayRef{2, out, outSize, outSize}));
            const auto xa = x.accessor<float, 4>();
            const auto ya = y.accessor<float, 4>();
            for (int n = 0; n < 2; ++n)
                for (int c = 0; c < out; ++c)
                    for (int i = 0; i < outSize; ++i)
                        for (int j = 0; j < outSize; ++j) {
                            const float expected = c < in ? xa[n][c][i * stride][j * stride] : 0.0f;
                            QCOMPARE(ya[n][c][i][j], expected);
                        }
        }
        // Its subsampled grid is the one a 3x3, stride-2, pad-1 convolution produces, odd sizes included.
        for (int size : {7, 8, 14, 28, 32}) {
            const torch::Tensor y = optionAShortcut(torch::zeros({1, 16, size, size}), 32, 2);
            QCOMPARE(y.size(2), std::int64_t((size + 2 - 3) / 2 + 1));
        }
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, optionAShortcut(torch::zeros({1, 8, 4, 4}), 4, 1));
    }

    void blocksHaveNoShortcutParameters() {
        // A stage-changing block: two convolutions and two batch norms, nothing on the shortcut.
        const CifarBlock down(16, 32, 2, true);
        QCOMPARE(parameterCount(*down), std::int64_t(9 * 16 * 32 + 9 * 32 * 32 + 4 * 32));
        for (const auto& p : down->named_parameters())
            QVERIFY2(p.key().rfind("conv", 0) == 0 || p.key().rfind("bn", 0) == 0, p.key().c_str());
        // The skip is what tells the twins apart: with equal weights their outputs differ by it.
        torch::manual_seed(5);
        CifarBlock withSkip(16, 16, 1, true), plain(16, 16, 1, false);
        {
            torch::NoGradGuard noGrad;
            const auto from = withSkip->parameters();
            const auto to = plain->parameters();
            for (std::size_t i = 0; i < from.size(); ++i) to[i].copy_(from[i]);
        }
        withSkip->eval();
        plain->eval();
        torch::NoGradGuard noGrad;
        const torch::Tensor x = torch::randn({1, 16, 6, 6});
        QVERIFY(!torch::allclose(withSkip->forward(x), plain->forward(x)));
    }

    void tapNamesAndShapes() {
        for (const auto& [in, size] : {std::pair{1, 28}, std::pair{3, 32}}) {
            for (const char* name : {"resnet20", "plain56"}) {
                const Classifier m = makeModel(cifar(name, in, 10));
                const int n = std::string(name) == "resnet20" ? 3 : 9;
                const std::vector<std::string> names = m->tapNames();
                QCOMPARE(names.size(), std::size_t(3 * n + 2));
                QCOMPARE(names.front(), std::string("conv1"));
                QCOMPARE(names[1], std::string("layer1.0"));
                QCOMPARE(names[std::size_t(3 * n)], "layer3." + std::to_string(n - 1));
                QCOMPARE(names.back(), std::string("fc"));
                QCOMPARE(m->firstConvWeights().sizes(), (c10::IntArrayRef{16, in, 3, 3}));
                m->eval();
                torch::NoGradGuard noGrad;
                std::vector<std::pair<std::string, std::vector<std::int64_t>>> seen;
                const torch::Tensor y = m->forward(torch::randn({2, in, size, size}),
                                                   [&seen](const std::string& t, const torch::Tensor& a) {
                                                       seen.emplace_back(t, a.sizes().vec());
                                                   });
                QCOMPARE(y.sizes(), (c10::IntArrayRef{2, 10}));
                QCOMPARE(seen.size(), names.size());
                const std::int64_t half = (size + 1) / 2, quarter = (half + 1) / 2;
                for (std::size_t i = 0; i < seen.size(); ++i) {
                    QCOMPARE(seen[i].first, names[i]);
                    std::vector<std::int64_t> expected{2, 16, size, size};
                    if (names[i].rfind("layer2", 0) == 0) expected = {2, 32, half, half};
                    if (names[i].rfind("layer3", 0) == 0) expected = {2, 64, quarter, quarter};
                    if (names[i] == "fc") expected = {2, 10};
                    QCOMPARE(seen[i].second, expected);
                }
            }
        }
    }

    void forwardEqualsPyTorch() {
        std::map<std::string, std::vector<double>> features;
        std::map<std::string, std::string> featureTap;
        for (const std::string& line : referenceLines("features")) {
            std::istringstream s(line);
            std::string kind, name, tap;
            s >> kind >> name >> tap;
            featureTap[name] = tap;
            for (double v; s >> v;) features[name].push_back(v);
        }
        const std::vector<std::string> lines = referenceLines("logits");
        QCOMPARE(lines.size(), std::size_t(4));
        for (const std::string& line : lines) {
            std::istringstream s(line);
            std::string kind, name;
            int in = 0, size = 0, classes = 0;
            double gain = 0;
            s >> kind >> name >> in >> size >> classes >> gain;
            std::vector<double> expected;
            for (double v; s >> v;) expected.push_back(v);
            ModelConfig c = cifar(name, in, classes);
            c.inputSize = size;
            const Classifier m = makeModel(c);
            setReferenceWeights(*m, gain);
            m->eval();
            torch::NoGradGuard noGrad;
            const torch::Tensor x =
                (2 * hashUniform(2LL * in * size * size, 7)).to(torch::kFloat32).view({2, in, size, size});
            torch::Tensor last;
            const torch::Tensor y = m->forward(x, [&](const std::string& t, const torch::Tensor& a) {
                if (t == featureTap[name]) last = a;
            });
            const torch::Tensor flat = y.flatten().contiguous();
            compareValues(std::vector<float>(flat.data_ptr<float>(), flat.data_ptr<float>() + flat.numel()),
                          expected, (name + " logits").c_str());
            QVERIFY2(last.defined(), name.c_str());
            const torch::Tensor f = last[0].slice(0, 0, 4).flatten().contiguous();
            compareValues(std::vector<float>(f.data_ptr<float>(), f.data_ptr<float>() + f.numel()),
                          features[name], (name + " " + featureTap[name]).c_str());
        }
    }

    void factoryAndCatalog() {
        // A resnet without skips is its plain twin: same parameters, no shortcut in the description.
        ModelConfig c = cifar("resnet20");
        c.skip = false;
        const auto* noSkip = dynamic_cast<CifarResNetImpl*>(makeModel(c).get());
        QVERIFY(noSkip && !noSkip->skip() && noSkip->blocksPerStage() == 3);
        c.block = "bottleneck";
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, makeModel(c));
        for (int depth : kDepths) {
            for (const char* prefix : {"resnet", "plain"}) {
                const std::string name = prefix + std::to_string(depth);
                const ModelInfo* info = findModel(name);
                QVERIFY2(info, name.c_str());
                QCOMPARE(info->family, std::string("CIFAR ResNet (He et al. 2016)"));
                QVERIFY(info->trainable);
                QCOMPARE(info->nativeResolution, 32);
                QCOMPARE(info->top1.empty(), std::string(prefix) == "plain");
                QVERIFY(isCifarNetwork(name));
            }
        }
        QCOMPARE(findModel("resnet20")->top1, std::string("91.25%"));  // 100 − 8.75 % test error
        QCOMPARE(findModel("resnet110")->top1, std::string("93.57%"));
        QVERIFY(!isCifarNetwork("resnet18") && !isCifarNetwork("plain18") && !isCifarNetwork("resnet200"));
    }

    void describedWithParameterFreeShortcuts() {
        for (const char* name : {"resnet20", "plain20"}) {
            const Architecture a = describeArchitecture(cifar(name));
            QCOMPARE(a.totalParameters, std::int64_t(269722));
            QCOMPARE(a.untracedInputs, 0);
            int pads = 0, adds = 0, shortcutScopes = 0;
            for (const ArchNode& n : a.nodes) {
                if (n.type == "ZeroPadShortcut") {
                    ++pads;
                    QCOMPARE(n.parameters, std::int64_t(0));
                    QVERIFY(a.scopes[std::size_t(n.scope)].kind == ScopeKind::Shortcut);
                }
                adds += n.type == "Add";
            }
            for (const ArchScope& s : a.scopes) shortcutScopes += s.kind == ScopeKind::Shortcut;
            const bool residual = std::string(name) == "resnet20";
            QCOMPARE(pads, residual ? 2 : 0);  // entering stages 2 and 3
            QCOMPARE(shortcutScopes, pads);
            QCOMPARE(adds, residual ? 9 : 0);
            QCOMPARE(a.taps.size(), std::size_t(11));
            QCOMPARE(a.nodes.back().shape, (std::vector<std::int64_t>{10}));
        }
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestCifarResNet)
#include "test_cifar_resnet.moc"
