#include "core/nn/models/model_switches.h"

#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "core/nn/models/model_config.h"

namespace convscope::nn {

namespace {

bool isTorchvisionResNet(const std::string& name) {
    return name == "resnet18" || name == "resnet34" || name == "resnet50" || name == "resnet101" ||
           name == "resnet152";
}

}  // namespace

bool batchNormApplies(const std::string& name) {
    return name == "hierarchicalcnn" || isTorchvisionResNet(name) || isCifarNetwork(name);
}

bool dropoutApplies(const std::string& name) {
    return name == "simplecnn" || name == "lenet5" || batchNormApplies(name);
}

void validateModelSwitches(const ModelConfig& c) {
    if (!std::isfinite(c.dropout) || c.dropout < 0.0 || c.dropout >= 1.0)
        throw std::invalid_argument("The dropout probability must be a number from 0 to below 1.");
    const std::string title = c.name == "torchscript" ? "An imported model" : modelTitle(c.name);
    if (!c.batchNorm && !batchNormApplies(c.name))
        throw std::invalid_argument(title +
                                    (c.name == "simplecnn" || c.name == "lenet5"
                                         ? " has no batch normalisation to remove."
                                         : " keeps its own layers: batch normalisation can be switched off "
                                           "for HierarchicalCNN, the ResNets and the CIFAR networks only."));
    if (c.auxLogits && !auxApplies(c.name))
        throw std::invalid_argument(title +
                                    " has no auxiliary classifiers: they apply to googlenet and "
                                    "inception_v3 only.");
    if (c.dropout > 0.0 && !dropoutApplies(c.name))
        throw std::invalid_argument(title +
                                    " keeps its own layers: dropout can be added to SimpleCNN, "
                                    "HierarchicalCNN, LeNet-5, the ResNets and the CIFAR networks only.");
}

bool auxApplies(const std::string& name) {
    return name == "googlenet" || name == "inception_v3";
}

std::string dropoutText(double p) {
    char text[32];
    std::snprintf(text, sizeof text, "%.3g", p);
    return text;
}

std::string modelSwitchesText(const ModelConfig& c) {
    std::string s;
    if (!c.batchNorm) s += ", no batch norm";
    if (c.dropout > 0.0) s += ", dropout " + dropoutText(c.dropout);
    if (c.auxLogits) s += ", auxiliary classifiers";
    return s;
}

}  // namespace convscope::nn
