#include "app/cli/commands/command_costs.h"

#include <iomanip>

#include "app/cli/output/json_writer.h"
#include "app/cli/parsing/argument_parser.h"
#include "app/cli/parsing/nn_options.h"
#include "app/cli/parsing/usage_error.h"
#include "core/conv/factorisation_cost.h"
#include "core/nn/graph/architecture.h"
#include "core/nn/graph/cost_comparison.h"

namespace convscope::cli {

namespace {

// The members every cost row has, whether it comes from core/nn's traced comparisons or core/conv's
// factorisations (two row types, because core/conv sits below core/nn).
template <typename Row>
void writeRowCounts(JsonWriter& json, const Row& r) {
    json.key("label").value(r.label);
    json.key("params").value(static_cast<long long>(r.parameters));
    json.key("macs").value(static_cast<long long>(r.macs));
    json.key("params_arithmetic").value(r.parameterArithmetic);
    json.key("macs_arithmetic").value(r.macArithmetic);
}

void writeComparison(std::ostream& out, JsonWriter* json, const nn::CostComparison& c) {
    if (json) {
        json->beginObject();
        json->key("title").value(c.title);
        json->key("setting").value(c.setting);
        json->key("rows").beginArray();
        for (const nn::CostRow& r : c.rows) {
            json->beginObject();
            writeRowCounts(*json, r);
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

void writeFactorisation(std::ostream& out, JsonWriter* json, const conv::Factorisation& f) {
    if (json) {
        json->beginObject();
        json->key("title").value(f.title);
        json->key("setting").value(f.setting);
        json->key("rows").beginArray();
        for (const conv::FactorisationRow& r : f.rows) {
            json->beginObject();
            writeRowCounts(*json, r);
            json->key("receptive_field").beginArray();
            json->value(r.receptiveHeight).value(r.receptiveWidth);
            json->endArray();
            json->endObject();
        }
        json->endArray();
        json->key("params_ratio").value(f.parameterRatio);
        json->key("macs_ratio").value(f.macRatio);
        json->key("conclusion").value(f.conclusion);
        json->endObject();
        return;
    }
    out << f.title << " (" << f.setting << ")\n";
    for (const conv::FactorisationRow& r : f.rows) {
        out << "  " << r.label << " (receptive field " << r.receptiveHeight << "×" << r.receptiveWidth
            << ")\n    parameters " << r.parameterArithmetic << "\n    MACs       " << r.macArithmetic
            << "\n";
    }
    out << "  → " << f.conclusion << "\n\n";
}

void writeBiasCounts(std::ostream& out, JsonWriter* json, const conv::BiasCounts& b) {
    if (json) {
        json->beginObject();
        json->key("channels").value(b.channels);
        json->key("conv_with_bias").value(static_cast<long long>(b.convWithBias));
        json->key("conv_without_bias").value(static_cast<long long>(b.convWithoutBias));
        json->key("batch_norm").value(static_cast<long long>(b.batchNorm));
        json->key("block_with_bias").value(static_cast<long long>(b.blockWithBias));
        json->key("block_without_bias").value(static_cast<long long>(b.blockWithoutBias));
        json->key("reason").value(conv::biasBeforeBatchNormReason());
        json->endObject();
        return;
    }
    out << "ResNet's 3×3 convolution " << b.channels << " → " << b.channels
        << ": the seeds count a bias, torchvision and ConvScope do not\n"
        << "  convolution  with bias " << b.convWithBiasArithmetic << "\n"
        << "               without   " << b.convWithoutBiasArithmetic << "\n"
        << "  BasicBlock   with bias " << b.blockWithBiasArithmetic
        << " (two convolutions, two batch norms)\n"
        << "               without   " << b.blockWithoutBiasArithmetic << "\n"
        << "  → no bias because " << conv::biasBeforeBatchNormReason() << "\n\n";
}

}  // namespace

std::string CostsCommand::summary() const {
    return "Cost comparisons: depthwise separable, residual blocks, 1x1 reductions, factorisations, "
           "bias, scaling";
}

std::string CostsCommand::help() const {
    return "Usage: convscope-cli costs [depthwise|blocks|inception|stacked|asymmetric|bias|scaling] [--size "
           "S]\n"
           "                           [--in C] [--out N] [--kernel K] [--reduce R] [--json]\n\n"
           "Without a name, prints all seven with the seeds' settings. depthwise, blocks and inception come "
           "from\n"
           "tracing real LibTorch layers; stacked, asymmetric and bias are the same counts by arithmetic "
           "(stride 1,\n"
           "same padding). Convolutions only, no bias unless said, batch norm left out:\n"
           "  depthwise  a KxK convolution C → N on an S x S input vs depthwise KxK + pointwise 1x1 (seed: "
           "S 7, C 3, N 128, K 3)\n"
           "  blocks     ResNet's BasicBlock (64 channels) vs Bottleneck (256 → 64 → 256) at S x S (56)\n"
           "  inception  KxK from C to N channels vs a 1x1 reduction to R first (28, 192, 32, 5, 16)\n"
           "  stacked    one 5x5 vs two stacked 3x3 (Inception v2), C → N channels at S x S, same padding: "
           "25·C·N vs\n"
           "             9·C·N + 9·N² weights, the same 5x5 receptive field (64, 64, 56)\n"
           "  asymmetric one KxK vs a 1xK then a Kx1 (Inception v3; K odd, 3 to 15), C → N at S x S: K²·C·N "
           "vs\n"
           "             K·C·N + K·N² weights (64, 64, 56, K 3)\n"
           "  bias       ResNet's 3x3 convolution C → C and its BasicBlock with the bias the seeds count "
           "(36,928 and\n"
           "             74,112 at C 64) and without it, as torchvision and ConvScope build them (36,864 and "
           "73,984)\n"
           "  scaling    EfficientNet's d = 1.2^φ, w = 1.1^φ, r = 1.15^φ and FLOPs (α·β²·γ²)^φ ≈ 2^φ, φ = "
           "0..7\n"
           "JSON: stacked and asymmetric as the others (title, setting, rows with label, params, macs,\n"
           "params_arithmetic, macs_arithmetic) plus each row's receptive_field [h, w], params_ratio and "
           "macs_ratio;\n"
           "bias: channels, conv_with_bias, conv_without_bias, batch_norm, block_with_bias, "
           "block_without_bias, reason.\n";
}

int CostsCommand::run(const std::vector<std::string>& args, std::ostream& out) {
    ArgumentParser parser(name());
    for (const char* o : {"--size", "--in", "--out", "--kernel", "--reduce"}) parser.addOption(o);
    parser.addFlag("--json");
    parser.parse(args);
    if (parser.positionals().size() > 1) throw UsageError("costs takes at most one comparison name");
    const std::string which = parser.positionals().empty() ? "all" : parser.positionals().front();
    if (which != "all" && which != "depthwise" && which != "blocks" && which != "inception" &&
        which != "stacked" && which != "asymmetric" && which != "bias" && which != "scaling")
        throw UsageError("unknown comparison '" + which +
                         "' (choose depthwise, blocks, inception, stacked, asymmetric, bias or scaling)");
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
        if (which == "all" || which == "stacked") {
            if (json) writer.key("stacked");
            const int size = opt("--size", 56);
            writeFactorisation(out, json,
                               conv::compareStackedThrees(opt("--in", 64), opt("--out", 64), size, size));
        }
        if (which == "all" || which == "asymmetric") {
            if (json) writer.key("asymmetric");
            const int size = opt("--size", 56);
            writeFactorisation(
                out, json,
                conv::compareAsymmetric(opt("--kernel", 3), opt("--in", 64), opt("--out", 64), size, size));
        }
        if (which == "all" || which == "bias") {
            if (json) writer.key("bias");
            writeBiasCounts(out, json, conv::resnetBiasCounts(opt("--in", 64)));
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
