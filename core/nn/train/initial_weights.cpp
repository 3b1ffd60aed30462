#include "core/nn/train/initial_weights.h"

#include <filesystem>
#include <map>

#include "core/nn/data/dataset_location.h"
#include "core/nn/imported/scripted_classifier.h"
#include "core/nn/imported/torchscript_file.h"
#include "core/nn/models/model_factory.h"
#include "core/nn/train/checkpoint.h"
#include "core/nn/train/freeze_plan.h"

namespace convscope::nn {

namespace {

std::string architecture(const ModelConfig& m) {
    return modelTitle(m.name) + " (" + std::to_string(m.inChannels) + " input channel" +
           (m.inChannels == 1 ? "" : "s") + ", stem " + toString(m.stem) +
           (m.block.empty() ? "" : ", " + m.block + " blocks") + (m.skip ? "" : ", no skip connections") +
           (m.batchNorm ? "" : ", no batch norm") + ")";
}

std::string shapeText(const torch::Tensor& t) {
    std::string s;
    for (std::int64_t d : t.sizes()) s += (s.empty() ? "" : "x") + std::to_string(d);
    return s.empty() ? "a scalar" : s;
}

// Parameters and buffers by name.
std::map<std::string, torch::Tensor> namedTensors(torch::nn::Module& m) {
    std::map<std::string, torch::Tensor> out;
    for (const auto& p : m.named_parameters()) out[p.key()] = p.value();
    for (const auto& b : m.named_buffers()) out[b.key()] = b.value();
    return out;
}

// The parameters and buffers of `model` from `theirs`, by name and shape; the head (r.headName) only when its
// shape fits and the class names agree (r.source.classNames against `classNames`, when both are known): sets
// r.headKept and returns whether the head's shape fits.
bool copyWeights(const std::string& path, const std::map<std::string, torch::Tensor>& theirs,
                 ClassifierImpl& model, const ModelConfig& config, const std::vector<std::string>& classNames,
                 InitReport& r) {
    auto ours = namedTensors(model);
    bool headFits = true;
    for (const auto& [name, t] : ours) {
        const auto it = theirs.find(name);
        if (it == theirs.end())
            throw CheckpointError(path + " has no weights named " + name + " for " + architecture(config) +
                                  ".");
        if (!it->second.sizes().equals(t.sizes())) {
            if (!belongsTo(name, r.headName))
                throw CheckpointError(path + ": " + name + " is " + shapeText(it->second) + " there but " +
                                      shapeText(t) + " in this model (another input size?).");
            headFits = false;
        }
    }
    const bool namesAgree =
        r.source.classNames.empty() || classNames.empty() || r.source.classNames == classNames;
    r.headKept = headFits && namesAgree;
    torch::NoGradGuard noGrad;
    for (auto& [name, t] : ours) {
        if (!r.headKept && belongsTo(name, r.headName)) continue;
        t.copy_(theirs.at(name));
    }
    return headFits;
}

// What was taken, for the run's log.
std::string headSentence(const InitReport& r, bool headFits, int classesThere, int classesHere) {
    if (r.headKept) return "every weight, the classifier head " + r.headName + " included.";
    if (!headFits)
        return "every weight but the classifier head " + r.headName + ", which is new (" +
               std::to_string(classesThere) + " classes there, " + std::to_string(classesHere) +
               " here) and initialised from the seed.";
    return "every weight but the classifier head " + r.headName +
           ", which is new (other classes) and initialised from the seed.";
}

InitReport fromCheckpoint(const std::string& path, ClassifierImpl& model, const ModelConfig& config,
                          const std::vector<std::string>& classNames) {
    const CheckpointState state = readCheckpointState(path);
    const ModelConfig& from = state.config.model;
    if (from.name != config.name || from.inChannels != config.inChannels || from.stem != config.stem ||
        from.block != config.block || from.skip != config.skip || from.batchNorm != config.batchNorm)
        throw CheckpointError(path + " holds " + architecture(from) + ", which cannot start " +
                              architecture(config) + ".");
    Classifier source = makeModel(from);
    loadCheckpoint(path, *source, nullptr, from);

    InitReport r;
    r.headName = classifierHeadName(model);
    r.source.model = from.name;
    r.source.classes = from.classes;
    r.source.classNames = trainedClassNames(state.config);
    r.source.epochs = state.epochsDone;
    const std::string sourceLineage = state.config.lineage();
    const std::string arrow = " ← ";
    if (const auto at = sourceLineage.find(arrow); at != std::string::npos)
        r.source.parent = sourceLineage.substr(at + arrow.size());

    const bool headFits = copyWeights(path, namedTensors(*source), model, config, classNames, r);
    const std::string file = std::filesystem::path(path).filename().string();
    r.message = "Started from " + file + " (" + modelTitle(from.name) + ", " + std::to_string(from.classes) +
                " classes, " + std::to_string(state.epochsDone) +
                (state.epochsDone == 1 ? " epoch" : " epochs") +
                "): " + headSentence(r, headFits, from.classes, config.classes);
    return r;
}

// A TorchScript file (torch.jit.save) starts the imported model: its parameters and buffers by name and
// shape (model.file is usually this very file, whose weights makeModel loaded already; the head is what
// changes). A file says nothing of its classes' names: `sourceClassNames` are the learner's, if given.
InitReport fromTorchScript(const std::string& path, ClassifierImpl& model, const ModelConfig& config,
                           const std::vector<std::string>& classNames,
                           const std::vector<std::string>& sourceClassNames) {
    const std::string file = std::filesystem::path(path).filename().string();
    auto* scripted = dynamic_cast<ScriptedClassifierImpl*>(&model);
    if (config.name != "torchscript" || !scripted)
        throw CheckpointError(file + " is a TorchScript model: it can start only itself, imported (model " +
                              "torchscript, with its input shape), not " + architecture(config) + ".");
    const ScriptedClassifier source =
        ScriptedClassifierImpl::load(path, {config.inChannels, config.inputSize, config.inputSize});
    InitReport r;
    r.headName = classifierHeadName(model);
    r.source.model = config.name;
    r.source.classes = source->classes();
    r.source.classNames = sourceClassNames;
    const bool headFits = copyWeights(path, namedTensors(*source), model, config, classNames, r);
    // A head that is not kept starts afresh from the seed, whatever model.file held there.
    if (!r.headKept) scripted->replaceHead(config.classes, true);
    r.message = "Started from " + file + " (TorchScript, " + std::to_string(source->classes()) +
                " classes): " + headSentence(r, headFits, source->classes(), config.classes);
    return r;
}

// The settings of a ConvScope checkpoint, for a file that is not a TorchScript model.
CheckpointState readInitState(const std::string& path) {
    try {
        return readCheckpointState(path);
    } catch (const CheckpointError& e) {
        throw CheckpointError(
            std::string(e.what()) +
            " A run can start from a ConvScope checkpoint (written by train --checkpoint or "
            "the Training panel) or a TorchScript model (torch.jit.save).");
    }
}

}  // namespace

InitReport loadInitialWeights(const std::string& path, ClassifierImpl& model, const ModelConfig& config,
                              const std::vector<std::string>& classNames,
                              const std::vector<std::string>& sourceClassNames) {
    // By content, not by name: a checkpoint is a zip archive too, but has no forward method.
    if (isTorchScriptModel(path)) return fromTorchScript(path, model, config, classNames, sourceClassNames);
    readInitState(path);
    return fromCheckpoint(path, model, config, classNames);
}

ModelConfig initialModelOf(const std::string& path) {
    if (isTorchScriptModel(path))
        throw CheckpointError(std::filesystem::path(path).filename().string() +
                              " is a TorchScript model, which does not record its input shape: it starts a "
                              "run as the imported model itself (model torchscript with this file and an "
                              "input shape, and the same file as the initial weights).");
    return readInitState(path).config.model;
}

std::vector<std::string> trainedClassNames(const TrainConfig& config) {
    const std::vector<std::string>& all =
        config.classNames.empty() ? fashionMnistClasses() : config.classNames;
    if (config.classSubset.empty()) return all;
    std::vector<std::string> out;
    for (int c : config.classSubset) {
        if (c < 0 || c >= int(all.size())) return {};
        out.push_back(all[std::size_t(c)]);
    }
    return out;
}

}  // namespace convscope::nn
