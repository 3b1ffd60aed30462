#include "core/nn/models/model_factory.h"
#include "core/nn/zoo/preact_resnet.h"
#include "core/nn/zoo/unet.h"
#include "core/nn/zoo/zoo_alexnet.h"
#include "core/nn/zoo/zoo_alexnet_slides.h"
#include "core/nn/zoo/zoo_densenet.h"
#include "core/nn/zoo/zoo_efficientnet.h"
#include "core/nn/zoo/zoo_googlenet.h"
#include "core/nn/zoo/zoo_inception_v3.h"
#include "core/nn/zoo/zoo_mobilenet_v1.h"
#include "core/nn/zoo/zoo_mobilenet_v2.h"
#include "core/nn/zoo/zoo_seed_inception.h"
#include "core/nn/zoo/zoo_shufflenet.h"
#include "core/nn/zoo/zoo_vgg.h"

namespace convscope::nn {

Classifier makeZooModel(const ModelConfig& c) {
    const std::string& n = c.name;
    if (n == "alexnet") return makeAlexNet(c.inChannels, c.classes);
    if (n == "alexnet-slides") return makeAlexNetSlides(c.inChannels, c.classes);
    for (int depth : {11, 13, 16, 19}) {
        const std::string vgg = "vgg" + std::to_string(depth);
        if (n == vgg) return makeVgg(depth, false, c.inChannels, c.classes);
        if (n == vgg + "_bn") return makeVgg(depth, true, c.inChannels, c.classes);
    }
    if (n == "preact_resnet18") return std::make_shared<PreActResNetImpl>(c.inChannels, c.classes);
    if (n == "seed-inception") return makeSeedInception(c.inChannels);
    if (n == "googlenet") return makeGoogLeNet(c.inChannels, c.classes, c.auxLogits);
    if (n == "inception_v3") return makeInceptionV3(c.inChannels, c.classes, c.auxLogits);
    if (n == "densenet121") return makeDenseNet121(c.inChannels, c.classes);
    if (n == "densenet169") return makeDenseNet169(c.inChannels, c.classes);
    if (n == "mobilenet_v1") return makeMobileNetV1(c.inChannels, c.classes);
    if (n == "mobilenet_v2") return makeMobileNetV2(c.inChannels, c.classes);
    if (n == "shufflenet_v2") return makeShuffleNetV2(c.inChannels, c.classes);
    for (int b = 0; b < 8; ++b)
        if (n == "efficientnet_b" + std::to_string(b)) return makeEfficientNet(b, c.inChannels, c.classes);
    if (n == "unet") return std::make_shared<UNetImpl>(c.inChannels, c.classes);
    return nullptr;
}

}  // namespace convscope::nn
