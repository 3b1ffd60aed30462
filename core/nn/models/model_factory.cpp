#include "core/nn/models/model_factory.h"

#include <stdexcept>

#include "core/nn/imported/scripted_classifier.h"
#include "core/nn/models/cifar_resnet.h"
#include "core/nn/models/model_switches.h"
#include "core/nn/models/small_models.h"
#include "core/nn/zoo/model_catalog.h"

namespace convscope::nn {

namespace {

Classifier makeResNet(const ModelConfig& c, std::vector<int> layers, BlockKind block) {
    ResNetConfig r;
    r.inChannels = c.inChannels;
    r.classes = c.classes;
    r.stem = c.stem;
    r.skip = c.skip;
    r.batchNorm = c.batchNorm;
    r.dropout = c.dropout;
    r.layers = std::move(layers);
    r.block = c.block.empty() ? block : parseBlock(c.block);
    return std::make_shared<ResNetImpl>(r);
}

}  // namespace

Classifier makeModel(const ModelConfig& c) {
    if (c.inChannels < 1 || c.inChannels > 64)
        throw std::invalid_argument("The number of input channels must be from 1 to 64 (got " +
                                    std::to_string(c.inChannels) + ").");
    if (c.classes < 2 || c.classes > 100000)
        throw std::invalid_argument("The number of classes must be from 2 to 100000 (got " +
                                    std::to_string(c.classes) + ").");
    if (c.inputSize < 1 || c.inputSize > 1024)
        throw std::invalid_argument("The input size must be from 1 to 1024 pixels (got " +
                                    std::to_string(c.inputSize) + ").");
    validateModelSwitches(c);
    if (c.name == "torchscript") {
        ScriptedClassifier m = ScriptedClassifierImpl::load(c.file, {c.inChannels, c.inputSize, c.inputSize});
        m->replaceHead(c.classes);
        return m;
    }
    if (c.name == "simplecnn") return std::make_shared<SimpleCnnImpl>(c.inChannels, c.classes, c.dropout);
    if (c.name == "hierarchicalcnn")
        return std::make_shared<HierarchicalCnnImpl>(c.inChannels, c.classes, c.batchNorm, c.dropout);
    if (c.name == "lenet5") {
        if (c.inputSize < 28)
            throw std::invalid_argument("LeNet-5 needs at least 28x28 pixels: at " +
                                        std::to_string(c.inputSize) +
                                        " conv2's 5x5 window no longer fits after the first pooling.");
        return std::make_shared<LeNet5Impl>(c.inChannels, c.classes, c.inputSize, c.dropout);
    }
    if (c.name == "resnet18") return makeResNet(c, {2, 2, 2, 2}, BlockKind::Basic);
    if (c.name == "resnet34") return makeResNet(c, {3, 4, 6, 3}, BlockKind::Basic);
    if (c.name == "resnet50") return makeResNet(c, {3, 4, 6, 3}, BlockKind::Bottleneck);
    if (c.name == "resnet101") return makeResNet(c, {3, 4, 23, 3}, BlockKind::Bottleneck);
    if (c.name == "resnet152") return makeResNet(c, {3, 8, 36, 3}, BlockKind::Bottleneck);
    if (Classifier cifar = makeCifarResNet(c)) return cifar;
    if (Classifier zoo = makeZooModel(c)) return zoo;
    throw std::invalid_argument("Unknown model '" + c.name + "'; known models: " + knownModelList(false) +
                                ".");
}

Stem parseStem(const std::string& text) {
    if (text == "imagenet") return Stem::Imagenet;
    if (text == "small") return Stem::Small;
    throw std::invalid_argument("unknown stem '" + text + "' (choose imagenet or small)");
}

std::string toString(Stem stem) {
    return stem == Stem::Imagenet ? "imagenet" : "small";
}

BlockKind parseBlock(const std::string& text) {
    if (text == "basic") return BlockKind::Basic;
    if (text == "bottleneck") return BlockKind::Bottleneck;
    throw std::invalid_argument("unknown block '" + text + "' (choose basic or bottleneck)");
}

std::string toString(BlockKind kind) {
    return kind == BlockKind::Basic ? "basic" : "bottleneck";
}

}  // namespace convscope::nn
