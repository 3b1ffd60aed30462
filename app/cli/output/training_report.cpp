#include "app/cli/output/training_report.h"

#include <cmath>
#include <iomanip>
#include <sstream>

#include "app/cli/output/json_writer.h"

namespace convscope::cli {

void writeConfusion(JsonWriter& json, const std::vector<std::int64_t>& confusion, std::size_t k) {
    json.beginArray();
    for (std::size_t r = 0; r < k; ++r) {
        std::vector<double> row;
        for (std::size_t c = 0; c < k; ++c) row.push_back(double(confusion[r * k + c]));
        json.numbers(row);
    }
    json.endArray();
}

namespace {
std::string percent(double fraction) {
    std::ostringstream s;
    s << std::fixed << std::setprecision(1) << 100.0 * fraction << "%";
    return s.str();
}
std::string duration(double seconds) {
    std::ostringstream s;
    const long long t = std::llround(std::max(0.0, seconds));
    if (t >= 3600)
        s << t / 3600 << " h " << (t % 3600) / 60 << " min";
    else if (t >= 60)
        s << t / 60 << " min " << t % 60 << " s";
    else
        s << t << " s";
    return s.str();
}
}  // namespace

std::string batchJson(const nn::BatchMetrics& m) {
    std::ostringstream s;
    JsonWriter j(s);
    j.beginObject();
    j.key("type").value("batch");
    j.key("epoch").value(m.epoch);
    j.key("batch").value(m.batch);
    j.key("batches_per_epoch").value(m.batchesPerEpoch);
    j.key("step").value(static_cast<long long>(m.step));
    j.key("loss").value(m.loss);
    j.key("accuracy").value(m.accuracy);
    j.key("lr").value(m.learningRate);
    j.key("images_per_second").value(m.imagesPerSecond);
    j.key("eta_seconds").value(m.etaSeconds);
    // The instruments of training, when measured: name → value objects (a NaN ratio is null).
    const auto named = [&j](const char* key, const nn::NamedValues& values) {
        j.key(key).beginObject();
        for (const auto& [name, value] : values) j.key(name).value(value);
        j.endObject();
    };
    if (!m.instruments.empty()) {
        named("grad_norms", m.instruments.gradNorms);
        named("weight_norms", m.instruments.weightNorms);
        named("update_ratios", m.instruments.updateRatios);
        named("dead_relu", m.instruments.deadRelu);
    }
    j.endObject();
    return s.str();
}

std::string epochJson(const nn::EpochMetrics& e) {
    std::ostringstream s;
    JsonWriter j(s);
    j.beginObject();
    j.key("type").value("epoch");
    j.key("epoch").value(e.epoch);
    j.key("train_loss").value(e.trainLoss);
    j.key("train_accuracy").value(e.trainAccuracy);
    j.key("test_loss").value(e.testLoss);
    j.key("test_accuracy").value(e.testAccuracy);
    j.key("seconds").value(e.seconds);
    j.key("per_class_accuracy").numbers(e.perClassAccuracy);
    j.key("confusion");
    writeConfusion(j, e.confusion, e.perClassAccuracy.size());
    j.endObject();
    return s.str();
}

std::string epochLine(const nn::EpochMetrics& e, int epochs) {
    std::ostringstream s;
    s << std::fixed << std::setprecision(4) << "epoch " << e.epoch << "/" << epochs << ": train loss "
      << e.trainLoss << ", accuracy " << percent(e.trainAccuracy) << " · test loss " << e.testLoss
      << ", accuracy " << percent(e.testAccuracy) << " · " << std::setprecision(1) << e.seconds << " s";
    return s.str();
}

void printClassReport(std::ostream& out, const std::vector<std::string>& classes,
                      const std::vector<double>& perClass, const std::vector<std::int64_t>& confusion) {
    const std::size_t k = perClass.size();
    out << "per-class test accuracy:\n";
    for (std::size_t c = 0; c < k; ++c)
        out << "  " << std::left << std::setw(12) << (c < classes.size() ? classes[c] : std::to_string(c))
            << std::right << (std::isnan(perClass[c]) ? std::string("   -") : percent(perClass[c])) << "\n";
    out << "confusion matrix (rows: true class, columns: predicted):\n";
    for (std::size_t r = 0; r < k; ++r) {
        out << "  ";
        for (std::size_t c = 0; c < k; ++c) out << std::setw(6) << confusion[r * k + c];
        out << "   " << (r < classes.size() ? classes[r] : std::to_string(r)) << "\n";
    }
}

std::string progressLine(const nn::BatchMetrics& m, int epochs) {
    const int width = 24;
    const double fraction = double(m.batch) / double(std::max(1, m.batchesPerEpoch));
    const int filled = int(fraction * width);
    std::ostringstream s;
    s << "\repoch " << m.epoch << "/" << epochs << " [" << std::string(std::size_t(filled), '#')
      << std::string(std::size_t(width - filled), '.') << "] " << m.batch << "/" << m.batchesPerEpoch
      << " loss " << std::fixed << std::setprecision(3) << m.loss << " · " << std::setprecision(0)
      << m.imagesPerSecond << " img/s · ETA " << duration(m.etaSeconds) << "   ";
    return s.str();
}

}  // namespace convscope::cli
