#include "core/nn/zoo/model_catalog.h"

#include "core/nn/models/model_config.h"

namespace convscope::nn {

namespace {

const char* const kEfficientNetTable = "seed 000, EfficientNet comparison table";

std::vector<ModelInfo> build() {
    std::vector<ModelInfo> m;
    auto add = [&m](const std::string& name, const std::string& title, const std::string& family,
                    bool trainable, int resolution = 224) {
        ModelInfo i;
        i.name = name;
        i.title = title;
        i.family = family;
        i.trainable = trainable;
        i.nativeResolution = resolution;
        m.push_back(i);
        return &m.back();
    };
    add("simplecnn", "SimpleCNN", "Seed CNNs", true, 28);
    add("hierarchicalcnn", "HierarchicalCNN", "Seed CNNs", true, 28);
    add("lenet5", "LeNet-5", "LeNet", true, 32);
    add("alexnet", "AlexNet", "AlexNet", false)->note =
        "torchvision's single-GPU variant: 64 filters in CONV1 (the slides and the paper have 96), no local "
        "response normalisation, no grouped convolutions. alexnet-slides is the slides' version.";
    add("alexnet-slides", "AlexNet (slides: 96 filters, LRN, 2 groups)", "AlexNet", false, 227)->note =
        "AlexNet as the slides (seed 002) draw it: 96 11x11 filters at stride 4 in CONV1 on 227x227, a "
        "normalisation layer (local response normalisation, size 5, alpha 1e-4, beta 0.75, k 2) after POOL1 "
        "and POOL2, and the paper's two-GPU split as groups = 2 on CONV2, CONV4 and CONV5. torchvision's "
        "alexnet differs: 64 filters in CONV1, no normalisation, no groups.";
    for (const char* depth : {"11", "13", "16", "19"}) {
        add(std::string("vgg") + depth, std::string("VGG-") + depth, "VGG", false);
        add(std::string("vgg") + depth + "_bn", std::string("VGG-") + depth + " (batch norm)", "VGG", false);
    }
    add("resnet18", "ResNet-18", "ResNet", true);
    add("resnet34", "ResNet-34", "ResNet", true);
    ModelInfo* r50 = add("resnet50", "ResNet-50", "ResNet", true);
    r50->top1 = "76.0%";
    r50->top5 = "93.0%";
    r50->accuracySource = kEfficientNetTable;
    add("resnet101", "ResNet-101", "ResNet", false);
    ModelInfo* r152 = add("resnet152", "ResNet-152", "ResNet", false);
    r152->top1 = "77.8%";
    r152->accuracySource = "seed 002, EfficientNet accuracy vs latency";
    add("preact_resnet18", "Pre-activation ResNet-18", "ResNet", false);
    // He et al. 2016, section 4.2: the CIFAR-10 networks of the degradation experiment. Table 6 gives the
    // residual ones' test errors; the plain ones appear only as curves (figure 6), so they have none.
    const char* const cifarFamily = "CIFAR ResNet (He et al. 2016)";
    const char* const cifarDepths[5] = {"20", "32", "44", "56", "110"};
    const char* const cifarErrors[5] = {"8.75", "7.51", "7.17", "6.97", "6.43"};
    const char* const cifarAccuracies[5] = {"91.25%", "92.49%", "92.83%", "93.03%", "93.57%"};
    for (int i = 0; i < 5; ++i) {
        ModelInfo* r = add(std::string("resnet") + cifarDepths[i],
                           std::string("ResNet-") + cifarDepths[i] + " (CIFAR)", cifarFamily, true, 32);
        r->nativeClasses = 10;
        r->top1 = cifarAccuracies[i];
        r->accuracySource = std::string("CIFAR-10, not ImageNet: He et al. 2016, Table 6, test error ") +
                            cifarErrors[i] + "%";
    }
    for (const char* depth : cifarDepths)
        add(std::string("plain") + depth, std::string("Plain-") + depth + " (CIFAR)", cifarFamily, true, 32)
            ->nativeClasses = 10;
    // The seed's own InceptionModule (seed 000) on its 28x28 example: one module with the paper's real 5x5,
    // not a classifier.
    add("seed-inception", "The seed's Inception module (real 5x5)", "Inception", false, 28)->note =
        "The InceptionModule of seed 000's code with its example arguments (3 channels in; 64 | 96 → 128 | "
        "16 → 32 | pool → 32, biases and ReLU on every convolution): one module, not a classifier, output "
        "256×28×28 on the seed's 28×28 input. Its third branch is the paper's real 5x5.";
    add("googlenet", "GoogLeNet (Inception v1)", "Inception", false)->note =
        "torchvision's GoogLeNet has a 3x3 where the paper's third branch has a 5x5 (\"1x1 → 3x3 (5x5 in "
        "the paper)\"): a known torchvision quirk, kept so that its pretrained weights, trained that way, "
        "still load. seed-inception has the real 5x5. --aux adds the two auxiliary classifiers.";
    ModelInfo* v3 = add("inception_v3", "Inception-v3", "Inception", false, 299);
    v3->top1 = "77.9%";
    v3->top5 = "93.8%";
    v3->accuracySource = kEfficientNetTable;
    v3->note =
        "torchvision's Inception-v3 for 299×299 inputs; --aux adds the auxiliary classifier on Mixed_6e.";
    add("densenet121", "DenseNet-121", "DenseNet", false);
    ModelInfo* d169 = add("densenet169", "DenseNet-169", "DenseNet", false);
    d169->top1 = "76.2%";
    d169->top5 = "93.2%";
    d169->accuracySource = kEfficientNetTable;
    add("mobilenet_v1", "MobileNet v1", "MobileNet", false);
    add("mobilenet_v2", "MobileNet v2", "MobileNet", false);
    add("shufflenet_v2", "ShuffleNet v2 (1.0×)", "ShuffleNet", false);
    const int resolutions[8] = {224, 240, 260, 300, 380, 456, 528, 600};
    const char* const top1[8] = {"77.1%", "79.1%", "", "", "82.9%", "", "", "84.3%"};
    const char* const top5[8] = {"93.3%", "94.4%", "", "", "96.4%", "", "", "97.0%"};
    for (int i = 0; i < 8; ++i) {
        ModelInfo* e = add("efficientnet_b" + std::to_string(i), "EfficientNet-B" + std::to_string(i),
                           "EfficientNet", false, resolutions[i]);
        e->top1 = top1[i];
        e->top5 = top5[i];
        if (!e->top1.empty()) e->accuracySource = kEfficientNetTable;
    }
    add("unet", "U-Net (small)", "U-Net", false, 256);
    return m;
}

}  // namespace

const std::vector<ModelInfo>& modelCatalog() {
    static const std::vector<ModelInfo> catalog = build();
    return catalog;
}

const ModelInfo* findModel(const std::string& name) {
    for (const ModelInfo& i : modelCatalog())
        if (i.name == name) return &i;
    return nullptr;
}

std::string knownModelList(bool trainableOnly) {
    std::string s;
    for (const ModelInfo& i : modelCatalog())
        if (!trainableOnly || i.trainable) s += (s.empty() ? "" : ", ") + i.name;
    return s;
}

const std::vector<std::string>& modelNames() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> n;
        for (const ModelInfo& i : modelCatalog())
            if (i.trainable) n.push_back(i.name);
        return n;
    }();
    return names;
}

std::string modelTitle(const std::string& name) {
    const ModelInfo* i = findModel(name);
    return i ? i->title : name;
}

}  // namespace convscope::nn
