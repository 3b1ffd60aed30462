#include "app/cli/commands/command_zoo.h"

#include <iomanip>

#include "app/cli/output/json_writer.h"
#include "app/cli/parsing/argument_parser.h"
#include "app/cli/parsing/nn_options.h"
#include "app/cli/parsing/usage_error.h"
#include "core/nn/graph/architecture_description.h"
#include "core/nn/models/model_switches.h"
#include "core/nn/zoo/model_catalog.h"

namespace convscope::cli {

std::string ZooCommand::summary() const {
    return "The model zoo: parameters and multiply-accumulates of every model";
}

std::string ZooCommand::help() const {
    return "Usage: convscope-cli zoo [--size S] [--native] [--aux] [--json]\n\n"
           "Describes every model with 3 input channels and 1000 classes (the U-Net: 2 classes per pixel; "
           "the CIFAR\n"
           "ResNets resnet20 … plain110: 10) at S x S\n"
           "(default 224; --native: each model's own resolution, e.g. 600 for EfficientNet-B7) and lists its "
           "parameters,\n"
           "multiply-accumulates per image and the ImageNet accuracy a seed quotes, where one does. Takes "
           "some\n"
           "seconds: the numbers come from running each model once. --aux counts the auxiliary "
           "classifiers of googlenet\n"
           "and inception_v3 too (torchvision's aux_logits=True). seed-inception is the seed's single "
           "Inception module (no\n"
           "classifier; its output is a 256-channel feature map).\n";
}

int ZooCommand::run(const std::vector<std::string>& args, std::ostream& out) {
    ArgumentParser parser(name());
    parser.addOption("--size");
    parser.addFlag("--native");
    parser.addFlag("--aux");
    parser.addFlag("--json");
    parser.parse(args);
    if (!parser.positionals().empty()) throw UsageError("zoo takes no MODEL; use describe MODEL");
    if (parser.has("--native") && parser.value("--size"))
        throw UsageError("--size and --native exclude each other");
    const int size = int(readIntegerOption(parser, "--size", 224, 32, 1024));
    const bool json = parser.has("--json");
    JsonWriter writer(out);
    if (json)
        writer.beginArray();
    else
        out << std::left << std::setw(28) << "model" << std::right << std::setw(6) << "size" << std::setw(15)
            << "parameters" << std::setw(18) << "MACs" << std::setw(8) << "top-1" << std::setw(8) << "top-5"
            << "\n";
    for (const nn::ModelInfo& info : nn::modelCatalog()) {
        nn::ModelConfig c;
        c.name = info.name;
        c.inChannels = 3;
        c.classes = info.name == "unet" ? 2 : info.nativeClasses;
        c.inputSize = parser.has("--native") ? info.nativeResolution : size;
        c.stem = nn::Stem::Imagenet;
        c.auxLogits = parser.has("--aux") && nn::auxApplies(info.name);
        if (info.name == "unet") c.inputSize = (c.inputSize / 16) * 16;
        nn::Architecture a;
        std::string error;
        try {
            a = nn::describeArchitecture(c);
        } catch (const std::invalid_argument& e) {
            error = e.what();
        }
        if (json) {
            writer.beginObject();
            writer.key("model").value(info.name);
            writer.key("title").value(info.title);
            writer.key("family").value(info.family);
            writer.key("size").value(c.inputSize);
            if (error.empty()) {
                writer.key("params").value(static_cast<long long>(a.totalParameters));
                writer.key("macs").value(static_cast<long long>(a.totalMacs));
            } else {
                writer.key("error").value(error);
            }
            writer.key("top1").value(info.top1);
            writer.key("top5").value(info.top5);
            writer.key("accuracy_source").value(info.accuracySource);
            writer.endObject();
            continue;
        }
        out << std::left << std::setw(28) << info.name << std::right << std::setw(6) << c.inputSize;
        if (error.empty())
            out << std::setw(15) << nn::groupDigits(a.totalParameters) << std::setw(18)
                << nn::groupDigits(a.totalMacs);
        else
            out << "  " << error;
        out << std::setw(8) << (info.top1.empty() ? "-" : info.top1) << std::setw(8)
            << (info.top5.empty() ? "-" : info.top5) << "\n";
    }
    if (json) {
        writer.endArray();
        out << "\n";
    } else {
        out << "\ntop-1/top-5: ImageNet accuracy at the model's native resolution, as the seeds quote it; "
               "for the\n"
               "CIFAR ResNets 100% minus the CIFAR-10 test error of He et al. 2016 (10 classes, native "
               "32x32).\n";
    }
    return 0;
}

}  // namespace convscope::cli
