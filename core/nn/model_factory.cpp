#include "core/nn/model_factory.h"

#include <stdexcept>

#include "core/nn/small_models.h"

namespace convscope::nn {

const std::vector<std::string>& modelNames() {
    static const std::vector<std::string> names = {"simplecnn", "hierarchicalcnn", "lenet5",
                                                   "resnet18",  "resnet34",        "resnet50"};
    return names;
}

std::string modelTitle(const std::string& name) {
    if (name == "simplecnn") return "SimpleCNN";
    if (name == "hierarchicalcnn") return "HierarchicalCNN";
    if (name == "lenet5") return "LeNet-5";
    if (name == "resnet18") return "ResNet-18";
    if (name == "resnet34") return "ResNet-34";
    if (name == "resnet50") return "ResNet-50";
    return name;
}

namespace {

std::string knownNames() {
    std::string s;
    for (const std::string& n : modelNames()) s += (s.empty() ? "" : ", ") + n;
    return s;
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
    if (c.name == "simplecnn") return std::make_shared<SimpleCnnImpl>(c.inChannels, c.classes);
    if (c.name == "hierarchicalcnn") return std::make_shared<HierarchicalCnnImpl>(c.inChannels, c.classes);
    if (c.name == "lenet5") {
        if (c.inputSize < 28)
            throw std::invalid_argument("LeNet-5 needs at least 28x28 pixels: at " +
                                        std::to_string(c.inputSize) +
                                        " conv2's 5x5 window no longer fits after the first pooling.");
        return std::make_shared<LeNet5Impl>(c.inChannels, c.classes, c.inputSize);
    }
    ResNetConfig r;
    r.inChannels = c.inChannels;
    r.classes = c.classes;
    r.stem = c.stem;
    r.skip = c.skip;
    if (c.name == "resnet18") {
        r.layers = {2, 2, 2, 2};
        r.block = BlockKind::Basic;
    } else if (c.name == "resnet34") {
        r.layers = {3, 4, 6, 3};
        r.block = BlockKind::Basic;
    } else if (c.name == "resnet50") {
        r.layers = {3, 4, 6, 3};
        r.block = BlockKind::Bottleneck;
    } else {
        throw std::invalid_argument("Unknown model '" + c.name + "'; known models: " + knownNames() + ".");
    }
    if (!c.block.empty()) r.block = parseBlock(c.block);
    return std::make_shared<ResNetImpl>(r);
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
