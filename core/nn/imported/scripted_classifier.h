#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/nn/graph/architecture.h"
#include "core/nn/models/classifier.h"

namespace convscope::nn {

namespace script {
class ScriptGraph;
}

/// A TorchScript model (torch.jit.save of a scripted or traced module) as a Classifier: trainable,
/// tappable, describable, like the zoo's models.
///
/// The file's forward graph is inlined and run by LibTorch's interpreter with extra outputs at the tap
/// points (LibTorch's C++ API has no forward hooks for TorchScript modules either). Its parameters and
/// buffers are registered as this module's, under the file's own names ("layer1.0.conv1.weight"), sharing
/// storage with the TorchScript module: moving, training, saving and loading this module acts on the file's
/// model. Train/eval mode reaches the file's modules.
class ScriptedClassifierImpl : public ClassifierImpl {
public:
    /// Loads `path` on the CPU and runs one zero image of `inputShape` (C, H, W) through it in evaluation
    /// mode to learn the class count. Throws ImportError with one sentence for a missing, truncated or
    /// foreign file, an operator this LibTorch lacks, an input shape the model rejects, or an output that is
    /// not N × classes scores.
    static std::shared_ptr<ScriptedClassifierImpl> load(const std::string& path,
                                                        const std::vector<std::int64_t>& inputShape);
    ~ScriptedClassifierImpl() override;

    torch::Tensor forward(torch::Tensor x, const TapSink& tap) override;
    using ClassifierImpl::forward;
    /// Every convolution's output unless setTaps chose other operations.
    std::vector<std::string> tapNames() const override;
    torch::Tensor firstConvWeights() const override;
    void train(bool on = true) override;

    /// Every operation of the inlined graph that produces a tensor, in execution order (the names
    /// describe() gives its nodes): what setTaps accepts.
    std::vector<std::string> operationNames() const;
    /// Taps at these operations instead (empty: every convolution). Throws ImportError naming an unknown one.
    void setTaps(const std::vector<std::string>& names);
    int classes() const { return m_classes; }
    const std::vector<std::int64_t>& inputShape() const { return m_inputShape; }
    const std::string& path() const { return m_path; }
    /// The file's name without folder and extension ("resnet50").
    std::string title() const;

    /// The module path of the classifier head: the last linear layer's ("fc", "classifier.3"), or "".
    std::string headName() const;
    /// Gives the head `classes` outputs, freshly initialised as PyTorch initialises nn.Linear (uniform in
    /// ±1/√fan_in, from the global torch seed); a no-op when it has them already, unless `renew` (the same
    /// count of other classes: fine-tuning). Throws ImportError when the model has no linear head whose
    /// output is the logits.
    void replaceHead(int classes, bool renew = false);

    /// Runs the inlined graph once on a zero image (evaluation mode, no gradients) and records every
    /// operation's output shape, parameters, multiply-accumulates and receptive field, with scopes from the
    /// file's module tree. `cancelled` is asked between stages.
    Architecture describe(const std::function<bool()>& cancelled = {});

    const script::ScriptGraph& graph() const;

private:
    ScriptedClassifierImpl();
    c10::IValue moduleValue() const;  ///< the TorchScript module, as the graph's first input
    /// Output sizes of every operation (index 0: the input without batch; then with the batch) from the
    /// check run of load(); empty once the head changed.
    const std::vector<std::vector<std::int64_t>>& checkedShapes() const;
    struct Impl;
    std::unique_ptr<Impl> d;
    std::string m_path;
    std::vector<std::int64_t> m_inputShape;
    int m_classes = 0;
};

using ScriptedClassifier = std::shared_ptr<ScriptedClassifierImpl>;

/// "model.pt: " + what went wrong, as one sentence, for a c10::Error from LibTorch's loader or interpreter.
std::string describeTorchFailure(const std::string& what);

}  // namespace convscope::nn
