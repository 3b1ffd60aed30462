#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "core/nn/data/input_transform.h"
#include "core/nn/explain/attribution.h"
#include "core/nn/explain/sanity_check.h"

namespace convscope::cli {

/// What `explain` found, for its writers.
struct ExplainReport {
    nn::Attribution main;                ///< the explanation (with --layer all: the strip's last layer)
    std::vector<nn::Attribution> strip;  ///< --layer all
    std::vector<nn::SanityStep> sanity;  ///< --sanity
    std::vector<std::string> classes;
    std::string source;
    nn::InputTransform transform;
};

/// The JSON object `explain --help` documents.
void writeExplainJson(std::ostream& out, const ExplainReport& report);
/// A short summary for people: prediction, target, method, the map's range and where it peaks.
void writeExplainText(std::ostream& out, const ExplainReport& report);
/// The overlay the application shows (the strip side by side with --layer all). Throws on a write error.
void writeOverlayPng(const std::string& path, const ExplainReport& report);

}  // namespace convscope::cli
