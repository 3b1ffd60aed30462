#include "app/cli/parsing/nn_options.h"

#include "app/cli/parsing/usage_error.h"
#include "app/cli/parsing/value_parsing.h"
#include "core/nn/models/model_switches.h"
#include "core/nn/zoo/model_catalog.h"

namespace convscope::cli {

void addModelOptions(ArgumentParser& parser, bool modelOption) {
    if (modelOption) parser.addOption("--model");
    for (const char* o : {"--in-channels", "--classes", "--size", "--stem", "--block"}) parser.addOption(o);
    parser.addFlag("--no-skip");
    parser.addFlag("--no-batch-norm");
    parser.addOption("--dropout");
}

long long readIntegerOption(const ArgumentParser& parser, const std::string& option, long long fallback,
                            long long minimum, long long maximum) {
    const auto text = parser.value(option);
    return text ? parseInteger(option, *text, minimum, maximum) : fallback;
}

nn::ModelConfig readModelOptions(const ArgumentParser& parser, const nn::ModelConfig& defaults,
                                 const std::string& modelName, bool anyZooModel) {
    nn::ModelConfig c = defaults;
    c.name = modelName;
    const nn::ModelInfo* info = nn::findModel(modelName);
    if (!info || (!anyZooModel && !info->trainable))
        throw UsageError(
            "unknown model '" + modelName + "'; known models: " + nn::knownModelList(!anyZooModel) +
            (anyZooModel ? "" : " (the others of `convscope-cli zoo` can be described, not trained)"));
    c.inChannels = int(readIntegerOption(parser, "--in-channels", c.inChannels, 1, 64));
    c.classes = int(readIntegerOption(parser, "--classes", c.classes, 2, 100000));
    c.inputSize = int(readIntegerOption(parser, "--size", c.inputSize, 1, 1024));
    try {
        if (const auto stem = parser.value("--stem")) c.stem = nn::parseStem(*stem);
        if (const auto block = parser.value("--block")) {
            (void)nn::parseBlock(*block);
            if (modelName.rfind("resnet", 0) != 0) throw UsageError("--block applies to the ResNets only");
            if (nn::isCifarNetwork(modelName) && *block != "basic")
                throw UsageError("--block does not apply to " + modelName +
                                 ": the CIFAR ResNets are built from basic blocks only");
            c.block = *block;
        }
    } catch (const std::invalid_argument& e) {
        throw UsageError(e.what());
    }
    if (parser.has("--no-skip")) {
        if (modelName.rfind("resnet", 0) != 0) throw UsageError("--no-skip applies to the ResNets only");
        c.skip = false;
    }
    if (parser.has("--no-batch-norm")) c.batchNorm = false;
    if (const auto p = parser.value("--dropout")) {
        c.dropout = parseNumber("--dropout", *p);
        if (c.dropout < 0.0 || c.dropout >= 1.0)
            throw UsageError("--dropout takes a probability from 0 to below 1 (got " + *p + ")");
    }
    try {
        nn::validateModelSwitches(c);
    } catch (const std::invalid_argument& e) {
        throw UsageError(e.what());
    }
    return c;
}

}  // namespace convscope::cli
