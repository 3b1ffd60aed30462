#include "core/nn/graph/architecture_description.h"

#include "core/nn/graph/graph_trace.h"
#include "core/nn/imported/scripted_classifier.h"
#include "core/nn/models/model_factory.h"
#include "core/nn/models/model_switches.h"
#include "core/nn/zoo/model_catalog.h"

namespace convscope::nn {

Architecture describeArchitecture(const ModelConfig& config, std::function<bool()> cancelled) {
    if (config.name == "torchscript") {
        // An imported model is described from its own graph (ScriptedClassifierImpl::describe): it has no
        // calls to the tracing wrappers.
        ScriptedClassifier m = ScriptedClassifierImpl::load(
            config.file, {config.inChannels, config.inputSize, config.inputSize});
        m->replaceHead(config.classes);
        return m->describe(cancelled);
    }
    Classifier model = makeModel(config);
    model->eval();
    torch::NoGradGuard noGrad;
    const torch::Tensor input = torch::zeros({1, config.inChannels, config.inputSize, config.inputSize});
    Architecture a;
    {
        trace::GraphRecorder recorder(input);
        recorder.setCancelCheck(std::move(cancelled));
        try {
            model->forward(input, [&recorder](const std::string& name, const torch::Tensor& t) {
                recorder.tap(name, t);
            });
        } catch (const c10::Error& e) {
            // A shape LibTorch itself rejects (the wrappers catch the common ones first with clearer words).
            throw std::invalid_argument(
                std::string("The model cannot run on a ") + std::to_string(config.inputSize) + "×" +
                std::to_string(config.inputSize) + " input: " + e.what_without_backtrace());
        }
        a = recorder.finish();
    }
    a.model = config.name;
    // "ResNet-20 (CIFAR), no batch norm, dropout 0.5": the switches change the layers shown.
    a.title = modelTitle(config.name) + modelSwitchesText(config);
    a.inChannels = config.inChannels;
    a.classes = config.classes;
    a.inputSize = config.inputSize;
    return a;
}

}  // namespace convscope::nn
