#include "app/cli/output/attribution_json.h"

#include <iomanip>

#include <opencv2/core.hpp>

#include "app/cli/output/json_writer.h"
#include "app/cli/output/stderr_silencer.h"
#include "core/common/attribution_display.h"
#include "core/imaging/image_loader.h"
#include "core/nn/data/batch_transform.h"

namespace convscope::cli {

namespace {

void writeMatrix(JsonWriter& json, const torch::Tensor& m) {
    const torch::Tensor t = m.to(torch::kFloat64).contiguous();
    json.beginArray();
    for (std::int64_t r = 0; r < t.size(0); ++r) {
        const double* row = t[r].data_ptr<double>();
        json.numbers(std::vector<double>(row, row + t.size(1)));
    }
    json.endArray();
}

std::vector<float> values(const torch::Tensor& t) {
    const torch::Tensor c = t.to(torch::kFloat32).contiguous();
    return std::vector<float>(c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
}

std::string className(const ExplainReport& report, int c) {
    return c >= 0 && c < int(report.classes.size()) ? report.classes[std::size_t(c)]
                                                    : "class " + std::to_string(c);
}

/// One overlay picture, H*8 x W*8, as OpenCV's BGR.
cv::Mat overlay(const ExplainReport& report, const nn::Attribution& a) {
    const torch::Tensor input = a.input;
    // The picture the model saw: its input undone of the normalisation, channels last.
    const torch::Tensor picture = nn::denormalize(input.unsqueeze(0), report.transform)[0]
                                      .clamp(0.0, 1.0)
                                      .permute({1, 2, 0})
                                      .contiguous();
    const int channels = int(input.size(0)), height = int(input.size(1)), width = int(input.size(2));
    const common::OverlayPicture p =
        common::renderOverlay(values(picture), channels == 3 ? 3 : 1, height, width, values(a.map),
                              int(a.map.size(0)), int(a.map.size(1)), nn::defaultDisplay(a.method), 8);
    cv::Mat bgr(p.height, p.width, CV_8UC3);
    for (int y = 0; y < p.height; ++y)
        for (int x = 0; x < p.width; ++x) {
            const common::Rgb c = p.pixels[std::size_t(y) * p.width + x];
            bgr.at<cv::Vec3b>(y, x) = cv::Vec3b(c.b, c.g, c.r);
        }
    return bgr;
}

}  // namespace

void writeExplainJson(std::ostream& out, const ExplainReport& report) {
    const nn::Attribution& a = report.main;
    JsonWriter json(out);
    json.beginObject();
    json.key("method").value(nn::methodInfo(a.method).name);
    if (nn::methodInfo(a.method).atLayer) json.key("layer").value(report.strip.empty() ? a.layer : "all");
    json.key("target").value(a.target);
    json.key("target_name").value(className(report, a.target));
    json.key("predicted").value(a.predicted);
    json.key("predicted_name").value(className(report, a.predicted));
    json.key("logits").numbers(std::vector<double>(a.logits.begin(), a.logits.end()));
    json.key("probabilities").numbers(std::vector<double>(a.probabilities.begin(), a.probabilities.end()));
    json.key("source").value(report.source);
    json.key("input").beginArray();
    for (std::int64_t c = 0; c < a.input.size(0); ++c) writeMatrix(json, a.input[c]);
    json.endArray();
    if (report.strip.empty()) {
        json.key("map");
        writeMatrix(json, a.map);
    } else {
        json.key("strip").beginArray();
        for (const nn::Attribution& layer : report.strip) {
            json.beginObject().key("layer").value(layer.layer).key("map");
            writeMatrix(json, layer.map);
            json.endObject();
        }
        json.endArray();
    }
    if (a.method == nn::AttributionMethod::IntegratedGradients) {
        json.key("steps").value(a.steps);
        json.key("completeness_error").value(a.completenessError);
        json.key("target_delta").value(a.targetDelta);
    }
    if (a.method == nn::AttributionMethod::Occlusion) {
        json.key("window").value(a.windowHeight);
        json.key("stride").value(a.strideY);
    }
    if (!report.sanity.empty()) {
        json.key("sanity").beginArray();
        for (const nn::SanityStep& step : report.sanity)
            json.beginObject()
                .key("randomised")
                .value(step.randomised)
                .key("rank_correlation")
                .value(step.rankCorrelation)
                .endObject();
        json.endArray();
    }
    json.endObject();
    out << "\n";
}

void writeExplainText(std::ostream& out, const ExplainReport& report) {
    const nn::Attribution& a = report.main;
    out << "image:      " << report.source << "\n";
    out << std::fixed << std::setprecision(1) << "prediction: " << className(report, a.predicted) << " ("
        << 100.0 * a.probabilities[std::size_t(a.predicted)] << "%)\n";
    out << "target:     " << className(report, a.target) << std::setprecision(4) << " (logit "
        << a.logits[std::size_t(a.target)] << ")\n";
    const auto describe = [&out](const nn::Attribution& m, const std::string& label) {
        const torch::Tensor flat = m.map.flatten();
        const std::int64_t peak = flat.argmax().item<std::int64_t>();
        out << label << m.map.size(0) << "×" << m.map.size(1) << ", min " << flat.min().item<float>()
            << ", max " << flat.max().item<float>() << " at (" << peak / m.map.size(1) << ", "
            << peak % m.map.size(1) << ")\n";
    };
    out << "method:     " << nn::methodInfo(a.method).title << "\n";
    if (report.strip.empty()) describe(a, a.layer.empty() ? "map:        " : "map at " + a.layer + ": ");
    for (const nn::Attribution& layer : report.strip) describe(layer, "  " + layer.layer + ": ");
    if (a.method == nn::AttributionMethod::IntegratedGradients)
        out << "steps:      " << a.steps << ", completeness error " << std::setprecision(6)
            << a.completenessError << " of y_c(x) − y_c(baseline) = " << a.targetDelta << "\n";
    for (const nn::SanityStep& step : report.sanity)
        out << "sanity:     "
            << (step.randomised.empty() ? std::string("trained") : "randomised to " + step.randomised)
            << std::setprecision(3) << ": Spearman " << step.rankCorrelation << "\n";
}

void writeOverlayPng(const std::string& path, const ExplainReport& report) {
    std::vector<cv::Mat> pictures;
    if (report.strip.empty())
        pictures.push_back(overlay(report, report.main));
    else
        for (const nn::Attribution& layer : report.strip) pictures.push_back(overlay(report, layer));
    cv::Mat all;
    cv::hconcat(pictures, all);
    const StderrSilencer quiet;
    imaging::saveImage(path, all);
}

}  // namespace convscope::cli
