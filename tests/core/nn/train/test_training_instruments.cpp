// The instruments of training against naive recomputation: gradient and weight norms by loops over the
// values, the update ratio from weights saved before the step, the dead fraction by counting zeros in the
// taps of a second, identical forward pass; taps that are not ReLU outputs (tanh, the logits) left out; and
// the trainer's logged steps with and without the instruments.
#include <torch/torch.h>

#include <QTest>
#include <algorithm>
#include <cmath>
#include <map>

#include "core/nn/models/model_factory.h"
#include "core/nn/train/trainer.h"
#include "core/nn/train/training_instruments.h"
#include "tests/core/nn/train/synthetic_data.h"
#include "tests/support/test_main.h"

using namespace convscope::nn;
using namespace convscope::nn::testing;

namespace {

double naiveNorm(const torch::Tensor& t) {
    const torch::Tensor c = t.detach().to(torch::kCPU).contiguous();
    const float* v = c.data_ptr<float>();
    double sum = 0.0;
    for (std::int64_t i = 0; i < c.numel(); ++i) sum += double(v[i]) * double(v[i]);
    return std::sqrt(sum);
}

double naiveDistance(const torch::Tensor& a, const torch::Tensor& b) {
    const torch::Tensor ca = a.detach().contiguous(), cb = b.detach().contiguous();
    const float *va = ca.data_ptr<float>(), *vb = cb.data_ptr<float>();
    double sum = 0.0;
    for (std::int64_t i = 0; i < ca.numel(); ++i) sum += (double(va[i]) - vb[i]) * (double(va[i]) - vb[i]);
    return std::sqrt(sum);
}

bool close(double got, double want, double rel = 1e-5) {
    return std::abs(got - want) <= rel * std::abs(want) + 1e-9;
}

std::map<std::string, double> asMap(const NamedValues& values) {
    return {values.begin(), values.end()};
}

// A histogram by a loop: bin = floor((v − low) / (high − low) · bins), values outside in the end bins.
std::vector<std::int64_t> naiveHistogram(const std::vector<double>& values, double low, double high,
                                         int bins) {
    std::vector<std::int64_t> counts(bins, 0);
    for (double v : values) {
        const double t = (v - low) / (high - low) * bins;
        counts[std::size_t(std::clamp(int(std::floor(t)), 0, bins - 1))]++;
    }
    return counts;
}

// Whether `got` is that histogram. LibTorch places a value against bin edges computed in float, so a value
// within float rounding of an edge may land in the neighbouring bin: each such value may move one count.
bool sameHistogram(const std::vector<std::int64_t>& got, const std::vector<double>& values, double low,
                   double high, int bins) {
    const std::vector<std::int64_t> want = naiveHistogram(values, low, high, bins);
    if (got.size() != want.size()) return false;
    std::int64_t onEdge = 0, moved = 0;
    for (double v : values) {
        const double t = (v - low) / (high - low) * bins;
        onEdge += std::abs(t - std::round(t)) < 1e-5 * std::max(1.0, std::abs(t));
    }
    for (std::size_t b = 0; b < got.size(); ++b) moved += std::abs(got[b] - want[b]);
    return moved <= 2 * onEdge;
}

std::vector<double> valuesOf(const torch::Tensor& t) {
    const torch::Tensor c = t.detach().to(torch::kCPU).contiguous();
    return {c.data_ptr<float>(), c.data_ptr<float>() + c.numel()};
}

torch::Tensor batch(const ImageDataset& d, int n) {
    return d.images.narrow(0, 0, n).to(torch::kFloat32).div(255.0).sub(0.5);
}

}  // namespace

class TestTrainingInstruments : public QObject {
    Q_OBJECT
    ImageDataset m_data = gratingsDataset(200, 4);

private Q_SLOTS:
    void initTestCase() { torch::set_num_threads(1); }

    void oneStepAgainstNaiveLoops() {
        torch::manual_seed(5);
        ModelConfig mc;
        mc.name = "simplecnn";
        Classifier model = makeModel(mc);
        torch::optim::SGD sgd(model->parameters(), torch::optim::SGDOptions(0.05).momentum(0.9));
        const torch::Tensor x = batch(m_data, 16), y = m_data.labels.narrow(0, 0, 16);

        // The taps as the model produces them, for counting zeros ourselves (the forward is deterministic).
        std::map<std::string, torch::Tensor> taps;
        {
            torch::NoGradGuard noGrad;
            model->forward(x,
                           [&](const std::string& name, const torch::Tensor& a) { taps[name] = a.clone(); });
        }
        TrainingInstruments in(*model);
        sgd.zero_grad();
        const torch::Tensor logits = model->forward(x, in.tapSink());
        torch::nn::functional::cross_entropy(logits, y).backward();
        std::map<std::string, torch::Tensor> before, grads;
        for (const auto& p : model->named_parameters()) {
            before[p.key()] = p.value().detach().clone();
            grads[p.key()] = p.value().grad().clone();
        }
        in.beforeStep();
        sgd.step();
        const InstrumentReadings r = in.afterStep(logits);

        const auto params = model->named_parameters();
        QCOMPARE(r.gradNorms.size(), params.size());
        QCOMPARE(r.weightNorms.size(), params.size());
        QCOMPARE(r.updateRatios.size(), params.size());
        for (std::size_t i = 0; i < params.size(); ++i) {
            const std::string& name = params[i].key();
            QCOMPARE(r.gradNorms[i].first, name);
            QVERIFY2(close(r.gradNorms[i].second, naiveNorm(grads[name])), name.c_str());
            QVERIFY2(close(r.weightNorms[i].second, naiveNorm(params[i].value())), name.c_str());
            const double ratio = naiveDistance(params[i].value(), before[name]) / naiveNorm(before[name]);
            QVERIFY2(ratio > 0.0 && close(r.updateRatios[i].second, ratio, 1e-4), name.c_str());
        }
        // conv1 and conv2 are ReLU outputs; fc is the logits.
        const auto dead = asMap(r.deadRelu);
        QCOMPARE(dead.size(), std::size_t(2));
        for (const char* name : {"conv1", "conv2"}) {
            const torch::Tensor a = taps[name].contiguous();
            std::int64_t zeros = 0;
            for (std::int64_t i = 0; i < a.numel(); ++i) zeros += a.data_ptr<float>()[i] == 0.0f;
            QVERIFY(zeros > 0);
            QVERIFY2(close(dead.at(name), double(zeros) / double(a.numel()), 1e-9), name);
        }
    }

    void histogramsAgainstNaiveBins() {
        torch::manual_seed(8);
        ModelConfig mc;
        mc.name = "simplecnn";
        Classifier model = makeModel(mc);
        torch::optim::SGD sgd(model->parameters(), torch::optim::SGDOptions(0.05));
        TrainingInstruments in(*model);
        std::vector<double> firstLow;
        for (int step = 0; step < 2; ++step) {
            sgd.zero_grad();
            const torch::Tensor logits = model->forward(batch(m_data, 16), in.tapSink());
            torch::nn::functional::cross_entropy(logits, m_data.labels.narrow(0, 0, 16)).backward();
            // Exact zeros, a gradient above 1 and one below 1e−12: counted apart, in the last and first bins.
            torch::Tensor g = model->named_parameters()["conv1.weight"].grad();
            {
                torch::NoGradGuard noGrad;
                g.view(-1).narrow(0, 0, 10).zero_();
                g.view(-1)[10] = 1000.0f;
                g.view(-1)[11] = -1e-20f;
            }
            std::map<std::string, std::vector<double>> grads;
            for (const auto& p : model->named_parameters()) grads[p.key()] = valuesOf(p.value().grad());
            in.beforeStep();
            sgd.step();
            const InstrumentReadings r = in.afterStep(logits);

            std::vector<std::string> layerWeights;
            for (const auto& p : model->named_parameters())
                if (p.value().dim() >= 2) layerWeights.push_back(p.key());
            QCOMPARE(layerWeights.size(), std::size_t(3));  // conv1, conv2, fc
            QCOMPARE(r.gradRanks.size(), r.gradNorms.size());
            for (std::size_t i = 0; i < r.gradNorms.size(); ++i)
                QCOMPARE(r.gradRanks[i], int(model->named_parameters()[r.gradNorms[i].first].dim()));
            QCOMPARE(r.weightHistograms.size(), layerWeights.size());
            QCOMPARE(r.gradHistograms.size(), layerWeights.size());
            const int bins = InstrumentReadings::kHistogramBins;
            for (std::size_t k = 0; k < layerWeights.size(); ++k) {
                const std::string& name = layerWeights[k];
                const torch::Tensor w = model->named_parameters()[name];
                const ValueHistogram& wh = r.weightHistograms[k];
                QCOMPARE(wh.name, name);
                if (step == 0) {
                    const double m = w.detach().abs().max().item<double>();
                    QVERIFY(close(wh.high, 1.5 * m));
                    firstLow.push_back(wh.low);
                }
                QCOMPARE(wh.low, firstLow[k]);  // fixed at the first reading
                QCOMPARE(wh.low, -wh.high);
                QVERIFY(sameHistogram(wh.counts, valuesOf(w), wh.low, wh.high, bins));
                QCOMPARE(wh.stride, std::int64_t(1));  // small tensors: every value

                const ValueHistogram& gh = r.gradHistograms[k];
                QCOMPARE(gh.name, name);
                QCOMPARE(gh.low, -12.0);
                QCOMPARE(gh.high, 0.0);
                std::vector<double> logs;
                std::int64_t zeros = 0;
                for (double v : grads[name]) {
                    if (v == 0.0)
                        ++zeros;
                    else
                        logs.push_back(std::log10(std::abs(v)));
                }
                QCOMPARE(gh.zeros, zeros);
                QVERIFY(sameHistogram(gh.counts, logs, gh.low, gh.high, bins));
                if (name == "conv1.weight") {
                    QVERIFY(gh.zeros >= 10);
                    QVERIFY(gh.counts.back() >= 1 && gh.counts.front() >= 1);
                }
            }
        }
    }

    void largeTensorsAreSampled() {
        torch::manual_seed(9);
        ModelConfig mc;
        mc.name = "resnet18";
        mc.stem = Stem::Small;
        Classifier model = makeModel(mc);
        TrainingInstruments in(*model);
        const torch::Tensor logits = model->forward(batch(m_data, 2), in.tapSink());
        torch::nn::functional::cross_entropy(logits, m_data.labels.narrow(0, 0, 2)).backward();
        in.beforeStep();
        const InstrumentReadings r = in.afterStep(logits);
        bool sampledOne = false;
        for (const ValueHistogram& wh : r.weightHistograms) {
            const torch::Tensor w = model->named_parameters()[wh.name];
            const std::int64_t n = w.numel(), most = InstrumentReadings::kHistogramSample;
            QCOMPARE(wh.stride, std::max<std::int64_t>(1, (n + most - 1) / most));
            if (wh.stride == 1) continue;
            sampledOne = true;
            // Every stride-th value of the flattened tensor, counted by a loop.
            const std::vector<double> all = valuesOf(w);
            std::vector<double> sample;
            for (std::size_t i = 0; i < all.size(); i += std::size_t(wh.stride)) sample.push_back(all[i]);
            QVERIFY(sample.size() <= std::size_t(most));
            QVERIFY2(sameHistogram(wh.counts, sample, wh.low, wh.high, InstrumentReadings::kHistogramBins),
                     wh.name.c_str());
        }
        QVERIFY(sampledOne);
    }

    void tanhTapsAreNotReluTaps() {
        torch::manual_seed(6);
        ModelConfig mc;
        mc.name = "lenet5";
        Classifier model = makeModel(mc);
        TrainingInstruments in(*model);
        const torch::Tensor logits = model->forward(batch(m_data, 8), in.tapSink());
        torch::nn::functional::cross_entropy(logits, m_data.labels.narrow(0, 0, 8)).backward();
        in.beforeStep();
        const InstrumentReadings r = in.afterStep(logits);
        QVERIFY(r.deadRelu.empty());
        QCOMPARE(r.gradNorms.size(), model->parameters().size());
        // No step was taken: every update is zero.
        for (const auto& [name, ratio] : r.updateRatios) QCOMPARE(ratio, 0.0);
    }

    void frozenParametersHaveNoGradientNorm() {
        torch::manual_seed(7);
        ModelConfig mc;
        mc.name = "simplecnn";
        Classifier model = makeModel(mc);
        model->named_parameters()["conv1.weight"].set_requires_grad(false);
        TrainingInstruments in(*model);
        const torch::Tensor logits = model->forward(batch(m_data, 8), in.tapSink());
        torch::nn::functional::cross_entropy(logits, m_data.labels.narrow(0, 0, 8)).backward();
        in.beforeStep();
        const InstrumentReadings r = in.afterStep(logits);
        QCOMPARE(r.gradNorms.size(), model->parameters().size() - 1);
        QCOMPARE(r.weightNorms.size(), model->parameters().size());
        QVERIFY(!asMap(r.gradNorms).count("conv1.weight"));
        QVERIFY(asMap(r.weightNorms).count("conv1.weight"));
    }

    void trainerReportsThemOnLoggedSteps() {
        TrainConfig c;
        c.model.name = "simplecnn";
        c.epochs = 1;
        c.batchSize = 50;
        c.optimizer = "sgd";
        c.learningRate = 0.05;
        c.schedule = "none";
        c.threads = 1;
        c.logEvery = 2;
        for (const bool on : {true, false}) {
            c.instruments = on;
            Trainer t(c, m_data, gratingsDataset(20, 5));
            std::vector<BatchMetrics> logged;
            TrainCallbacks cb;
            cb.onBatch = [&](const BatchMetrics& m) { logged.push_back(m); };
            QVERIFY(t.run(cb).status == TrainStatus::Finished);
            QCOMPARE(logged.size(), std::size_t(2));  // batches 2 and 4 of 4
            for (const BatchMetrics& m : logged) {
                QCOMPARE(m.instruments.gradNorms.empty(), !on);
                QCOMPARE(m.instruments.deadRelu.empty(), !on);
            }
            if (!on) continue;
            // The last logged step is the run's last: its weight norms are the final model's.
            const auto params = t.model().named_parameters();
            const InstrumentReadings& last = logged.back().instruments;
            QCOMPARE(last.weightNorms.size(), params.size());
            for (std::size_t i = 0; i < params.size(); ++i) {
                QCOMPARE(last.weightNorms[i].first, params[i].key());
                QVERIFY(close(last.weightNorms[i].second, naiveNorm(params[i].value())));
                QVERIFY(last.gradNorms[i].second > 0.0 && std::isfinite(last.gradNorms[i].second));
                QVERIFY(last.updateRatios[i].second > 0.0);
            }
            QCOMPARE(asMap(last.deadRelu).size(), std::size_t(2));
        }
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestTrainingInstruments)
#include "test_training_instruments.moc"
