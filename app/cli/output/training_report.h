#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "core/nn/train/train_config.h"

namespace convscope::cli {

class JsonWriter;

/// Writes a row-major k×k confusion matrix (row = true class) as an array of k arrays.
void writeConfusion(JsonWriter& json, const std::vector<std::int64_t>& confusion, std::size_t k);

/// One JSON line per logged batch and per epoch, for --metrics FILE.jsonl.
std::string batchJson(const nn::BatchMetrics& m);
std::string epochJson(const nn::EpochMetrics& e);

/// "epoch 2/10: train loss 0.412, accuracy 85.1% · test loss 0.38, accuracy 86.0% · 41.2 s"
std::string epochLine(const nn::EpochMetrics& e, int epochs);
/// Per-class accuracy and the confusion matrix as text tables.
void printClassReport(std::ostream& out, const std::vector<std::string>& classes,
                      const std::vector<double>& perClass, const std::vector<std::int64_t>& confusion);

/// A one-line progress bar with images/s and the ETA, redrawn in place with '\r'.
std::string progressLine(const nn::BatchMetrics& m, int epochs);

}  // namespace convscope::cli
