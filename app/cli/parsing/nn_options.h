#pragma once

#include <string>

#include "app/cli/parsing/argument_parser.h"
#include "core/nn/models/model_factory.h"

namespace convscope::cli {

/// --model (or a positional MODEL), --in-channels, --classes, --size, --stem, --block, --no-skip,
/// --no-batch-norm and --dropout P, shared by train, describe, lr-find and transfer.
void addModelOptions(ArgumentParser& parser, bool modelOption);
/// Reads them over `defaults`; UsageError for values out of range or unknown names. `anyZooModel` accepts
/// every model of the catalog (describe), otherwise only the trainable ones (train).
nn::ModelConfig readModelOptions(const ArgumentParser& parser, const nn::ModelConfig& defaults,
                                 const std::string& modelName, bool anyZooModel = false);

/// An integer option within [minimum, maximum], or `fallback` when absent.
long long readIntegerOption(const ArgumentParser& parser, const std::string& option, long long fallback,
                            long long minimum, long long maximum);

}  // namespace convscope::cli
