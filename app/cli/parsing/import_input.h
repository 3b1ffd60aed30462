#pragma once

#include <string>
#include <vector>

#include "app/cli/parsing/argument_parser.h"
#include "core/nn/imported/import_options.h"
#include "core/nn/imported/scripted_classifier.h"

namespace convscope::cli {

/// An imported TorchScript model as the commands read it: --input C×H×W (required: a TorchScript file does
/// not record it), --normalisation none|imagenet|fashion-mnist (or --mean and --std lists), --class-names
/// FILE and --taps NODE,NODE (feature maps and attribution at chosen operations; default every convolution).
struct ImportedModel {
    nn::ScriptedClassifier model;
    nn::TrainConfig config;  ///< what stands for it: model "torchscript", transform, class names
};

void addImportOptions(ArgumentParser& parser);
/// True for a MODEL argument that names a file rather than a zoo model: it exists, or ends in .pt, .pth,
/// .ts or .zip.
bool namesModelFile(const std::string& text);
/// The options for `file`; UsageError for a missing --input or bad values.
nn::ImportOptions readImportOptions(const ArgumentParser& parser, const std::string& file);
/// --taps NODE,NODE as a list (empty when absent).
std::vector<std::string> readTapNames(const ArgumentParser& parser);
/// Loads and configures it (taps chosen). UsageError for bad options, nn::ImportError for a bad file.
ImportedModel loadImportedModel(const ArgumentParser& parser, const std::string& file);

/// The import options' lines for a command's --help.
extern const char* const kImportHelp;

}  // namespace convscope::cli
