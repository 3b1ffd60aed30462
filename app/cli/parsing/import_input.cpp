#include "app/cli/parsing/import_input.h"

#include <filesystem>
#include <sstream>

#include "app/cli/parsing/usage_error.h"

namespace convscope::cli {

const char* const kImportHelp =
    "Imported models (FILE.pt written by torch.jit.save of a scripted or traced model):\n"
    "  --input C×H×W           the input the model takes (required: e.g. 1x28x28, 3x224x224)\n"
    "  --normalisation none|imagenet|fashion-mnist   how its training normalised inputs (none)\n"
    "  --mean M[,M,M] --std S[,S,S]                  or the values themselves, per channel\n"
    "  --class-names FILE      one class name per line (default: class 0, class 1, ...)\n"
    "  --taps NODE[,NODE...]   operations to show or explain at, by their describe names (default: every\n"
    "                          convolution)\n";

void addImportOptions(ArgumentParser& parser) {
    for (const char* o : {"--input", "--normalisation", "--mean", "--std", "--class-names", "--taps"})
        parser.addOption(o);
}

bool namesModelFile(const std::string& text) {
    std::error_code ec;
    if (std::filesystem::is_regular_file(text, ec)) return true;
    const std::string ext = std::filesystem::path(text).extension().string();
    return ext == ".pt" || ext == ".pth" || ext == ".ts" || ext == ".zip";
}

nn::ImportOptions readImportOptions(const ArgumentParser& parser, const std::string& file) {
    nn::ImportOptions o;
    o.file = file;
    const auto input = parser.value("--input");
    if (!input)
        throw UsageError(
            "a TorchScript file does not say what input it takes: give --input C×H×W (e.g. "
            "--input 1x28x28)");
    try {
        o.inputShape = nn::parseInputShape(*input);
        if (const auto n = parser.value("--normalisation")) o.normalisation = *n;
        if (parser.has("--mean") || parser.has("--std")) {
            if (!parser.has("--mean") || !parser.has("--std")) throw UsageError("give both --mean and --std");
            if (parser.has("--normalisation"))
                throw UsageError("give --normalisation or --mean/--std, not both");
            o.normalisation = "custom";
            o.mean = nn::parseNumberList(*parser.value("--mean"), "--mean");
            o.stdev = nn::parseNumberList(*parser.value("--std"), "--std");
        }
    } catch (const std::invalid_argument& e) {
        throw UsageError(e.what());
    }
    if (const auto names = parser.value("--class-names")) o.classNames = nn::readClassNames(*names);
    return o;
}

std::vector<std::string> readTapNames(const ArgumentParser& parser) {
    std::vector<std::string> names;
    std::istringstream list(parser.value("--taps").value_or(""));
    for (std::string item; std::getline(list, item, ',');)
        if (!item.empty()) names.push_back(item);
    return names;
}

ImportedModel loadImportedModel(const ArgumentParser& parser, const std::string& file) {
    const nn::ImportOptions o = readImportOptions(parser, file);
    ImportedModel m;
    m.model = nn::ScriptedClassifierImpl::load(file, o.inputShape);
    try {
        m.config = nn::importedConfig(o, m.model->classes());
    } catch (const std::invalid_argument& e) {
        throw UsageError(e.what());
    }
    if (parser.has("--taps")) m.model->setTaps(readTapNames(parser));
    m.model->eval();
    return m;
}

}  // namespace convscope::cli
