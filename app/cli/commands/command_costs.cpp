#include "app/cli/commands/command_costs.h"

#include <iomanip>

#include "app/cli/output/json_writer.h"
#include "app/cli/parsing/argument_parser.h"
#include "app/cli/parsing/nn_options.h"
#include "app/cli/parsing/usage_error.h"
#include "core/nn/graph/architecture.h"
#include "core/nn/graph/cost_comparison.h"

namespace convscope::cli {

namespace {

void writeComparison(std::ostream& out, JsonWriter* json, const nn::CostComparison& c) {
    if (json) {
        json->beginObject();
        json->key("title").value(c.title);
        json->key("setting").value(c.setting);
        json->key("rows").beginArray();
        for (const nn::CostRow& r : c.rows) {
            json->beginObject();
            json->key("label").value(r.label);
            json->key("params").value(static_cast<long long>(r.parameters));
            json->key("macs").value(static_cast<long long>(r.macs));
            json->key("params_arithmetic").value(r.parameterArithmetic);
            json->key("macs_arithmetic").value(r.macArithmetic);
            json->endObject();
        }
        json->endArray();
        json->key("conclusion").value(c.conclusion);
        json->endObject();
        return;
    }
    out << c.title << " (" << c.setting << ")\n";
    for (const nn::CostRow& r : c.rows) {
        out << "  " << r.label << "\n    parameters " << r.parameterArithmetic << "\n    MACs       "
            << r.macArithmetic << "\n";
    }
    out << "  → " << c.conclusion << "\n\n";
}

}  // namespace

std::string CostsCommand::summary() const {
    return "Cost comparisons: depthwise separable, BasicBlock vs Bottleneck, Inception's 1x1, compound "
           "scaling";
}

std::string CostsCommand::help() const {
    return "Usage: convscope-cli costs [depthwise|blocks|inception|scaling] [--size S] [--in C] [--out N]\n"
           "                           [--kernel K] [--reduce R] [--json]\n\n"
           "Without a name, prints all four with the seeds' settings. The numbers come from tracing real "
           "LibTorch\n"
           "layers (convolutions only, no bias, batch norm left out):\n"
           "  depthwise  a KxK convolution C → N on an S x S input vs depthwise KxK + pointwise 1x1 (seed: "
           "S 7, C 3, N 128, K 3)\n"
           "  blocks     ResNet's BasicBlock (64 channels) vs Bottleneck (256 → 64 → 256) at S x S (56)\n"
           "  inception  KxK from C to N channels vs a 1x1 reduction to R first (28, 192, 32, 5, 16)\n"
           "  scaling    EfficientNet's d = 1.2^φ, w = 1.1^φ, r = 1.15^φ and FLOPs (α·β²·γ²)^φ ≈ 2^φ, φ = "
           "0..7\n";
}

int CostsCommand::run(const std::vector<std::string>& args, std::ostream& out) {
    ArgumentParser parser(name());
    for (const char* o : {"--size", "--in", "--out", "--kernel", "--reduce"}) parser.addOption(o);
    parser.addFlag("--json");
    parser.parse(args);
    if (parser.positionals().size() > 1) throw UsageError("costs takes at most one comparison name");
    const std::string which = parser.positionals().empty() ? "all" : parser.positionals().front();
    if (which != "all" && which != "depthwise" && which != "blocks" && which != "inception" &&
        which != "scaling")
        throw UsageError("unknown comparison '" + which +
                         "' (choose depthwise, blocks, inception or scaling)");
    auto opt = [&](const char* o, long long fallback) {
        return int(readIntegerOption(parser, o, fallback, 1, 4096));
    };
    JsonWriter writer(out);
    JsonWriter* json = parser.has("--json") ? &writer : nullptr;
    if (json) writer.beginObject();
    try {
        if (which == "all" || which == "depthwise") {
            if (json) writer.key("depthwise");
            writeComparison(out, json,
                            nn::compareDepthwiseSeparable(opt("--size", 7), opt("--in", 3), opt("--out", 128),
                                                          opt("--kernel", 3)));
        }
        if (which == "all" || which == "blocks") {
            if (json) writer.key("blocks");
            writeComparison(out, json, nn::compareResidualBlocks(opt("--size", 56)));
        }
        if (which == "all" || which == "inception") {
            if (json) writer.key("inception");
            writeComparison(
                out, json,
                nn::compareInceptionReduction(opt("--size", 28), opt("--in", 192), opt("--reduce", 16),
                                              opt("--out", 32), opt("--kernel", 5)));
        }
    } catch (const std::invalid_argument& e) {
        throw UsageError(e.what());
    }
    if (which == "all" || which == "scaling") {
        const auto rows = nn::compoundScaling();
        if (json) {
            writer.key("scaling").beginArray();
            for (const nn::ScalingRow& r : rows) {
                writer.beginObject();
                writer.key("phi").value(r.phi);
                writer.key("depth").value(r.depth);
                writer.key("width").value(r.width);
                writer.key("resolution").value(r.resolution);
                writer.key("resolution_pixels").value(r.resolutionPixels);
                writer.key("flops").value(r.flops);
                writer.endObject();
            }
            writer.endArray();
        } else {
            out << "Compound scaling (α = 1.2, β = 1.1, γ = 1.15; FLOPs grow as (α·β²·γ²)^φ = 1.920^φ ≈ "
                   "2^φ)\n";
            out << "   φ   depth d   width w   resolution r   pixels   FLOPs ×\n";
            out << std::fixed << std::setprecision(3);
            for (const nn::ScalingRow& r : rows)
                out << std::setw(4) << r.phi << std::setw(10) << r.depth << std::setw(10) << r.width
                    << std::setw(15) << r.resolution << std::setw(9) << r.resolutionPixels << std::setw(10)
                    << r.flops << "\n";
        }
    }
    if (json) {
        writer.endObject();
        out << "\n";
    }
    return 0;
}

}  // namespace convscope::cli
