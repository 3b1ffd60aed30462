#include "app/cli/commands/command_dataset_image.h"

#include <opencv2/imgproc.hpp>

#include "app/cli/output/output_check.h"
#include "app/cli/output/output_path.h"
#include "app/cli/output/stderr_silencer.h"
#include "app/cli/parsing/argument_parser.h"
#include "app/cli/parsing/nn_options.h"
#include "app/cli/parsing/usage_error.h"
#include "core/imaging/image_loader.h"
#include "core/nn/data/dataset_location.h"
#include "core/nn/data/image_dataset.h"

namespace convscope::cli {

std::string DatasetImageCommand::summary() const {
    return "Write one Fashion-MNIST image as a picture file";
}

std::string DatasetImageCommand::help() const {
    return "Usage: convscope-cli dataset-image --index N [--train] [--scale K] [--data DIR] OUTPUT\n"
           "\n"
           "Writes image N of Fashion-MNIST's test split (the training split with --train) to OUTPUT, as\n"
           "the dataset stores it: 28x28 grey bytes, white garment on black. The format comes from the\n"
           "suffix (png, jpg, tif, bmp, ...). Prints the image's class.\n"
           "\n"
           "Options:\n"
           "  --index N    which image, from 0\n"
           "  --train      from the 60,000 training images instead of the 10,000 test images\n"
           "  --scale K    enlarge K times (1 to 32), each pixel a K x K block (default 1)\n"
           "  --data DIR   the folder with the IDX files (default: Debian's dataset-fashion-mnist)\n";
}

int DatasetImageCommand::run(const std::vector<std::string>& args, std::ostream& out) {
    ArgumentParser parser(name());
    for (const char* o : {"--index", "--scale", "--data"}) parser.addOption(o);
    parser.addFlag("--train");
    parser.parse(args);
    if (!parser.has("--index")) throw UsageError("dataset-image needs --index N");
    if (parser.positionals().size() != 1) throw UsageError("dataset-image needs one OUTPUT file");
    checkOutputExtension(parser.positionals().front(), "OUTPUT");
    checkWritableFile(parser.positionals().front(), "OUTPUT");
    const long long scale = readIntegerOption(parser, "--scale", 1, 1, 32);
    const bool train = parser.has("--train");
    const nn::ImageDataset data =
        nn::loadFashionMnist(parser.value("--data").value_or(nn::defaultFashionMnistDirectory()), train);
    const long long index = readIntegerOption(parser, "--index", 0, 0, data.size() - 1);
    const torch::Tensor image = data.images[index][0].contiguous();
    cv::Mat picture(int(image.size(0)), int(image.size(1)), CV_8UC1, image.data_ptr<std::uint8_t>());
    picture = picture.clone();
    if (scale > 1) cv::resize(picture, picture, {}, double(scale), double(scale), cv::INTER_NEAREST);
    {
        const StderrSilencer quiet;
        imaging::saveImage(parser.positionals().front(), picture);
    }
    const int label = int(data.labels[index].item<std::int64_t>());
    out << (train ? "training" : "test") << " image " << index << ": " << data.classNames[std::size_t(label)]
        << " (class " << label << "), " << picture.cols << "x" << picture.rows << ", written to "
        << parser.positionals().front() << "\n";
    return 0;
}

}  // namespace convscope::cli
