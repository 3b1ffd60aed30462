#pragma once

#include <string>
#include <vector>

#include "app/cli/parsing/argument_parser.h"
#include "core/nn/data/input_transform.h"
#include "core/nn/models/classifier.h"

namespace convscope::cli {

/// A checkpoint's model (or an imported TorchScript model: --model FILE.pt with the import options of
/// import_input.h) and one image for it, as `features` and `explain` read them: --checkpoint FILE and
/// exactly one of --index N (a Fashion-MNIST test image, from --data DIR or the installed dataset) and
/// --image FILE (a photograph's luminance, central square, 28×28, inverted per --invert auto|yes|no).
struct ModelImage {
    nn::Classifier model;          ///< loaded, on the CPU
    nn::InputTransform transform;  ///< the checkpoint's input transform
    torch::Tensor pixels;          ///< C x H x W uint8 (1 x 28 x 28 for checkpoints and test images)
    std::vector<std::string> classes;
    std::string source;  ///< "test image 3 (Dress)" or "photo.jpg: 868×600 colour → …"
    int truth = -1;      ///< the test image's label, -1 for a photograph or classes the model does not have
    std::string modelSource;  ///< the checkpoint or TorchScript file
};

/// Reads the options above (the caller adds them to the parser with addModelImageOptions). UsageError for
/// a missing or doubled choice, an index out of range or a bad --invert; the loaders' errors otherwise.
ModelImage readModelImage(const ArgumentParser& parser);

void addModelImageOptions(ArgumentParser& parser);

}  // namespace convscope::cli
