#include "app/cli/commands/command_shift.h"

#include <cmath>
#include <iomanip>
#include <sstream>

#include "app/cli/output/json_writer.h"
#include "app/cli/parsing/argument_parser.h"
#include "app/cli/parsing/import_input.h"
#include "app/cli/parsing/model_image_input.h"
#include "app/cli/parsing/nn_options.h"
#include "app/cli/parsing/usage_error.h"
#include "app/cli/parsing/value_parsing.h"
#include "core/nn/data/batch_transform.h"
#include "core/nn/explain/equivariance.h"
#include "core/nn/graph/architecture.h"
#include "core/nn/graph/architecture_description.h"
#include "core/nn/imported/import_options.h"
#include "core/nn/train/checkpoint.h"

namespace convscope::cli {

namespace {

constexpr long long kShiftMaxShift = 4096;

/// The taps' strides and receptive fields from the model's description; empty when it cannot be described
/// (the engine then estimates them from the map sizes, and says so per tap).
std::vector<nn::TapGeometry> shiftDescribedGeometry(const ArgumentParser& parser, std::size_t classes) {
    try {
        nn::ModelConfig config;
        if (const auto path = parser.value("--checkpoint")) {
            config = nn::readCheckpointState(*path).config.model;
        } else {
            const std::string file = *parser.value("--model");
            config = nn::importedConfig(readImportOptions(parser, file), int(classes)).model;
        }
        return nn::tapGeometry(nn::describeArchitecture(config));
    } catch (const std::exception&) {
        return {};
    }
}

void shiftWritePrediction(JsonWriter& json, const std::string& key, int index,
                          const std::vector<float>& scores, const std::vector<std::string>& classes) {
    json.key(key).beginObject();
    json.key("index").value(index);
    json.key("name").value(index < int(classes.size()) ? classes[std::size_t(index)] : std::to_string(index));
    json.key("probability").value(double(scores[std::size_t(index)]));
    json.endObject();
}

std::string shiftPredictionText(int index, const std::vector<float>& scores,
                                const std::vector<std::string>& classes) {
    std::ostringstream s;
    s << (index < int(classes.size()) ? classes[std::size_t(index)] : std::to_string(index)) << " "
      << std::fixed << std::setprecision(1) << 100.0 * scores[std::size_t(index)] << "%";
    return s.str();
}

}  // namespace

std::string ShiftCommand::summary() const {
    return "Invariance and equivariance of every tap under a shift, rotation or scale of the input";
}

std::string ShiftCommand::help() const {
    return "Usage: convscope-cli shift (--checkpoint FILE | --model FILE.pt --input C×H×W) (--index N | "
           "--image "
           "FILE)\n"
           "                           [--dx DX] [--dy DY] [--mode zeros|circular] [--rotate DEG] [--scale "
           "F]\n"
           "                           [--invert auto|yes|no] [--data DIR] [--json]\n"
           "\n"
           "Transforms the input x with s and compares, at every tap point, the feature maps of the "
           "transformed\n"
           "input f(s(x)) with the transformed maps of the original s(f(x)). Equivariance is f(s(x)) = "
           "s(f(x));\n"
           "invariance (what the classifier's output should have) is f(s(x)) = f(x).\n"
           "\n"
           "  --checkpoint FILE  a ConvScope checkpoint (the small models, the zoo's, a fine-tuned one)\n"
           "  --model FILE.pt    an imported TorchScript model instead (with --input and the options below)\n"
           "  --index N          Fashion-MNIST test image N (--data DIR, else the installed data set)\n"
           "  --image FILE       a photograph, converted as `features --image` does (--invert)\n"
           "  --dx DX, --dy DY   the shift in the model's input pixels, right and down (default 0; at most "
           "4096)\n"
           "  --mode M           zeros (default): the band that comes in is background (a black pixel);\n"
           "                     circular: what leaves one side comes back on the other (torch.roll), the "
           "one\n"
           "                     shift a stride-1 convolution with circular padding commutes with exactly\n"
           "  --rotate DEG       also rotate by DEG degrees (counter-clockwise) about the centre\n"
           "  --scale F          also scale by F > 0 about the centre; rotation and scale resample "
           "bilinearly\n"
           "                     (grid_sample, the outside as background) and are never exact; --mode then\n"
           "                     does not apply\n"
           "  --json             one JSON object instead of the table\n"
           "\n"
           "For a tap with cumulative stride S (the input distance between neighbouring map positions, from "
           "the\n"
           "model's description; estimated as input size / map size where the model cannot be described), a\n"
           "shift by d moves the map by d / S. When d is not a multiple of S there is no exact shift of the "
           "map:\n"
           "s(f(x)) then uses the nearest integer (halves away from zero) and the tap is marked exact: "
           "false.\n"
           "Rotation and scale resample the maps with the same angle and factor about their centre. Taps "
           "after\n"
           "global pooling (and the logits) are not moved: there the number is an invariance error.\n"
           "\n"
           "equivariance_error = ||f(s(x)) - s(f(x))|| / ||s(f(x))|| over all channels, on the region the\n"
           "borders do not reach: a band of ceil(|d| / S) + b positions is left out on both sides of each\n"
           "direction, b = ceil(((R - 1) / 2) / S) for a receptive field R (1 when unknown, at most a "
           "quarter of\n"
           "the map); with rotation or scale only the central half in each direction counts. When nothing "
           "is\n"
           "left the whole map is compared (region.whole_map). null when s(f(x)) is zero there.\n"
           "\n"
           "JSON: model, image, transform {dx, dy, mode, rotate, scale}, prediction_before and\n"
           "prediction_after ({index, name, probability}), prediction_changed, and taps: one object per tap\n"
           "with name, shape [C, H, W], stride, stride_estimated, global, map_shift {dx, dy} (the integer\n"
           "shift applied), exact_map_shift {dx, dy} (d / S), exact (true when the shift is a multiple of "
           "the\n"
           "stride and there is no rotation or scale), region {top, left, bottom, right, whole_map} (map "
           "rows\n"
           "and columns, half-open) and equivariance_error.\n"
           "\n"
           "Import options for --model FILE.pt:\n" +
           std::string(kImportHelp);
}

int ShiftCommand::run(const std::vector<std::string>& args, std::ostream& out) {
    ArgumentParser parser(name());
    addModelImageOptions(parser);
    for (const char* o : {"--dx", "--dy", "--mode", "--rotate", "--scale"}) parser.addOption(o);
    parser.addFlag("--json");
    parser.parse(args);
    if (!parser.positionals().empty())
        throw UsageError("shift takes no positional argument (\"" + parser.positionals().front() + "\")");
    nn::SpatialTransform s;
    s.dx = int(readIntegerOption(parser, "--dx", 0, -kShiftMaxShift, kShiftMaxShift));
    s.dy = int(readIntegerOption(parser, "--dy", 0, -kShiftMaxShift, kShiftMaxShift));
    if (const auto mode = parser.value("--mode")) {
        if (*mode != "zeros" && *mode != "circular") throw UsageError("--mode: choose zeros or circular");
        s.fill = nn::parseShiftFill(*mode);
    }
    if (const auto v = parser.value("--rotate")) s.rotateDegrees = parseNumber("--rotate", *v);
    if (const auto v = parser.value("--scale")) {
        s.scale = parseNumber("--scale", *v);
        if (!(s.scale > 0.0) || s.scale > 100.0)
            throw UsageError("--scale must be a number above 0 and at most 100");
    }

    const ModelImage loaded = readModelImage(parser);
    const std::vector<nn::TapGeometry> geometry = shiftDescribedGeometry(parser, loaded.classes.size());
    const torch::Tensor x = nn::prepareBatch(loaded.pixels.unsqueeze(0),
                                             nn::evaluationTransform(loaded.transform), 0, torch::kCPU)[0];
    const nn::EquivarianceResult r = nn::measureEquivariance(*loaded.model, x, s, geometry,
                                                             nn::backgroundFill(loaded.transform, x.size(0)));
    const std::vector<std::string>& classes = loaded.classes;

    if (parser.has("--json")) {
        JsonWriter json(out);
        json.beginObject();
        json.key("model").value(loaded.modelSource);
        json.key("image").value(loaded.source);
        json.key("transform").beginObject();
        json.key("dx").value(s.dx);
        json.key("dy").value(s.dy);
        json.key("mode").value(nn::toString(s.fill));
        json.key("rotate").value(s.rotateDegrees);
        json.key("scale").value(s.scale);
        json.endObject();
        shiftWritePrediction(json, "prediction_before", r.predictionBefore, r.scoresBefore, classes);
        shiftWritePrediction(json, "prediction_after", r.predictionAfter, r.scoresAfter, classes);
        json.key("prediction_changed").value(r.predictionBefore != r.predictionAfter);
        json.key("taps").beginArray();
        for (const nn::TapEquivariance& t : r.taps) {
            json.beginObject();
            json.key("name").value(t.name);
            json.key("shape").beginArray();
            json.value(static_cast<long long>(t.channels));
            json.value(static_cast<long long>(t.height));
            json.value(static_cast<long long>(t.width));
            json.endArray();
            json.key("stride").value(static_cast<long long>(t.stride));
            json.key("stride_estimated").value(t.strideEstimated);
            json.key("global").value(t.global);
            json.key("map_shift").beginObject().key("dx").value(t.mapDx).key("dy").value(t.mapDy).endObject();
            json.key("exact_map_shift")
                .beginObject()
                .key("dx")
                .value(t.exactDx)
                .key("dy")
                .value(t.exactDy)
                .endObject();
            json.key("exact").value(t.exact);
            json.key("region").beginObject();
            json.key("top").value(t.top).key("left").value(t.left).key("bottom").value(t.bottom);
            json.key("right").value(t.right).key("whole_map").value(t.wholeMap);
            json.endObject();
            json.key("equivariance_error").value(t.equivarianceError);
            json.endObject();
        }
        json.endArray();
        json.endObject();
        out << "\n";
        return 0;
    }

    out << "model:      " << loaded.modelSource << "\n";
    out << "image:      " << loaded.source << "\n";
    out << "transform:  shift dx " << s.dx << ", dy " << s.dy << " (" << nn::toString(s.fill) << ")";
    if (s.resamples()) out << ", rotate " << s.rotateDegrees << "°, scale " << s.scale << " (bilinear)";
    out << "\n";
    out << "prediction: " << shiftPredictionText(r.predictionBefore, r.scoresBefore, classes) << " → "
        << shiftPredictionText(r.predictionAfter, r.scoresAfter, classes)
        << (r.predictionBefore != r.predictionAfter ? " (changed)" : " (unchanged)") << "\n\n";
    out << std::left << std::setw(22) << "tap" << std::setw(16) << "shape" << std::setw(8) << "stride"
        << std::setw(16) << "map shift" << std::setw(7) << "exact"
        << "error\n";
    for (const nn::TapEquivariance& t : r.taps) {
        std::ostringstream shape, shift;
        shape << t.channels << "×" << t.height << "×" << t.width;
        if (t.global)
            shift << "global";
        else
            shift << t.mapDx << ", " << t.mapDy;
        // "×" is two bytes in UTF-8: pad by characters, not bytes.
        std::string shapeText = shape.str();
        shapeText += std::string(shapeText.size() < 18 ? 18 - shapeText.size() : 1, ' ');
        std::ostringstream error;
        if (std::isnan(t.equivarianceError))
            error << "n/a";
        else
            error << std::setprecision(4) << t.equivarianceError;
        out << std::left << std::setw(22) << t.name << shapeText << std::setw(8)
            << (std::to_string(t.stride) + (t.strideEstimated ? "~" : "")) << std::setw(16) << shift.str()
            << std::setw(7) << (t.exact ? "yes" : "no") << error.str() << (t.wholeMap ? " (whole map)" : "")
            << "\n";
    }
    out << "\nerror = ||f(s(x)) - s(f(x))|| / ||s(f(x))|| away from the borders; exact: the shift is a "
           "multiple "
           "of the stride; ~: stride estimated from the sizes; global: an invariance error.\n";
    return 0;
}

}  // namespace convscope::cli
