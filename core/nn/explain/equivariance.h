#pragma once

#include <torch/torch.h>

#include <cstdint>
#include <string>
#include <vector>

#include "core/nn/data/input_transform.h"
#include "core/nn/models/classifier.h"

namespace convscope::nn {

struct Architecture;

/// How the vacated pixels of a shifted input (and of a shifted map) are filled. It applies to integer shifts
/// only: rotation and scale resample and always fill what comes from outside with the fill value.
enum class ShiftFill {
    /// What a camera does: the image moves, the border that comes in is background. The input is filled
    /// with the model's value for a black pixel (see backgroundFill), maps with 0. The default.
    Zeros,
    /// torch::roll: what leaves one side comes back on the other. A stride-1 convolution with circular
    /// padding commutes exactly with it, so this is the mode in which exact equivariance can be shown.
    Circular,
};

/// s, the transform of the input: an integer shift (dx to the right, dy down, in input pixels), then a
/// rotation (degrees, counter-clockwise on screen) and a scale (> 1 enlarges), both about the centre.
struct SpatialTransform {
    int dx = 0, dy = 0;
    double rotateDegrees = 0.0;
    double scale = 1.0;
    ShiftFill fill = ShiftFill::Zeros;
    /// Rotation or scale: resampled with bilinear interpolation (grid_sample), never exact.
    bool resamples() const { return rotateDegrees != 0.0 || scale != 1.0; }
};

/// Where a tap sits on the input: its cumulative stride (the architecture's jump: the input distance
/// between neighbouring map positions) and receptive field, and whether it has seen the whole image (after
/// global pooling or in the classifier). From describeArchitecture when the model can be described
/// (tapGeometry), else estimated from the sizes (estimateGeometry).
struct TapGeometry {
    std::string name;
    std::int64_t stride = 1;
    std::int64_t receptiveField = 0;  ///< 0: unknown
    bool global = false;
};

/// The taps of `architecture` with their jump and receptive field, by tap name.
std::vector<TapGeometry> tapGeometry(const Architecture& architecture);

/// Without a description: stride = round(input size / map size) (at least 1), the receptive field unknown,
/// global for a 1 x 1 map or a vector. Exact for "same" padding; a valid convolution's shrinkage makes it an
/// estimate.
TapGeometry estimateGeometry(const std::string& name, std::int64_t inputSize, std::int64_t mapHeight,
                             std::int64_t mapWidth);

/// One tap's comparison of f(s(x)) with s(f(x)).
struct TapEquivariance {
    std::string name;
    std::int64_t channels = 0, height = 0, width = 0;
    std::int64_t stride = 1;
    bool strideEstimated = false;  ///< no description named this tap: stride from the sizes
    bool global = false;
    /// The input's shift in map units, d / stride, and the integer shift applied to the map: the nearest
    /// integer (halves away from zero). A global tap's maps are not moved (mapDx = mapDy = 0): its error is
    /// an invariance error, ‖f(s(x)) − f(x)‖ / ‖f(x)‖.
    double exactDx = 0.0, exactDy = 0.0;
    int mapDx = 0, mapDy = 0;
    /// True when s has an exact counterpart on the map: an integer shift that is a multiple of the stride
    /// (or no transform), no rotation or scale. A global tap is never exact unless s is the identity.
    bool exact = true;
    /// The rows and columns compared (map coordinates, half-open): see measureEquivariance.
    int top = 0, left = 0, bottom = 0, right = 0;
    bool wholeMap = false;  ///< the borders would have left nothing: the whole map is compared
    double equivarianceError =
        0.0;  ///< ‖f(s(x)) − s(f(x))‖ / ‖s(f(x))‖ on the region; NaN when ‖s(f(x))‖ = 0
    torch::Tensor transformedFeatures;  ///< f(s(x)), C x H x W float on the CPU
    torch::Tensor transformedMaps;      ///< s(f(x)), C x H x W
    torch::Tensor difference;           ///< f(s(x)) − s(f(x)), C x H x W (over the whole map)
};

struct EquivarianceResult {
    std::vector<TapEquivariance> taps;
    torch::Tensor input;                           ///< x, C x H x W as given (normalised)
    torch::Tensor transformedInput;                ///< s(x)
    std::vector<float> scoresBefore, scoresAfter;  ///< softmax of f(x) and f(s(x))
    int predictionBefore = -1, predictionAfter = -1;
};

/// The model's value for a black pixel in every channel ((0 − mean) / std): what ShiftFill::Zeros puts into
/// the vacated band of an input, the background of Fashion-MNIST.
std::vector<float> backgroundFill(const InputTransform& transform, std::int64_t channels);

/// Applies s to `maps` (C x H x W) as the map of a tap with cumulative stride `stride` sees it: an integer
/// shift by the nearest integer to d / stride (rolled or zero-filled), or, with rotation or scale, bilinear
/// resampling of the same rotation and scale about the centre with a translation of d / stride map pixels.
/// `fill` (one value per channel, or empty for 0) is what enters a zero-filled band.
torch::Tensor transformMaps(const torch::Tensor& maps, const SpatialTransform& s, double stride,
                            const std::vector<float>& fill = {});

/// Runs `model` (evaluation mode, no gradients, on the CPU; its training mode is restored) on `input`
/// (C x H x W, already normalised) and on s(input) (vacated input pixels filled with `fill`, per channel),
/// and compares, at every tap, f(s(x)) with s(f(x)) (transformMaps with the tap's stride).
///
/// The region compared: the rows and columns that neither the shift nor the image border reach. With
/// margin b = ceil(((R − 1) / 2) / stride) for a receptive field R (1 when R is unknown), at most a quarter
/// of the map, the band ceil(|dx| / stride) + b is left out at the left and at the right (the side the
/// background or the wrapped pixels enter and the side where s(x)'s border meets content x had inside),
/// and the same for rows with dy. With rotation or scale only the central half of the map (in each
/// direction) is compared, where the corners that the rotation brings in from outside do not reach. When
/// that leaves nothing (a 1 x 1 map, a large shift) the whole map is compared and wholeMap says so.
/// `geometry` gives the taps' strides by name; taps it lacks are estimated (estimateGeometry).
EquivarianceResult measureEquivariance(ClassifierImpl& model, const torch::Tensor& input,
                                       const SpatialTransform& s,
                                       const std::vector<TapGeometry>& geometry = {},
                                       const std::vector<float>& fill = {});

/// "zeros" / "circular" and back; parseShiftFill throws std::invalid_argument for other names.
std::string toString(ShiftFill fill);
ShiftFill parseShiftFill(const std::string& name);

}  // namespace convscope::nn
