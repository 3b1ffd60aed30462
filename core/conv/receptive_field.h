#pragma once

#include <string>
#include <vector>

namespace convscope::conv {

/// One layer of a stack, along one axis (square inputs and kernels).
struct LayerGeometry {
    std::string name;  ///< "conv1", "pool1", ...
    int kernel = 3;
    int stride = 1;
    int dilation = 1;
    int padding = 0;  ///< per side
};

/// What one output unit of a layer sees.
struct FieldAtLayer {
    std::string name;
    int outputSize = 0;      ///< spatial size after the layer
    int receptiveField = 1;  ///< input pixels seen by one unit: r = r_prev + (d(k − 1)) · j_prev
    int jump = 1;            ///< distance in input pixels between adjacent units: j = j_prev · s
    double start =
        0.5;  ///< centre of the first unit's field in input pixel coordinates (pixel centres at i+0.5)
    std::string arithmetic;  ///< "r = 3 + 2·(3 − 1)·1 = ..." with the numbers substituted (UTF-8)
};

/// Output size and receptive field after each layer for a square input of `inputSize`, with the standard
/// recurrences (Araujo et al., Distill 2019). Throws ConvError (conv_spec.h) when a layer's output would be
/// empty.
std::vector<FieldAtLayer> receptiveFields(int inputSize, const std::vector<LayerGeometry>& layers);

/// Units of each level that one unit of the top layer depends on, for drawing the receptive-field cone.
/// Level 0 is the input, level i the output of layers[i-1]. first/last are unit indices of that level and may
/// lie outside 0..size-1 where the field reaches into padding (with dilation, not every unit in the span is
/// read). Throws ConvError like receptiveFields() and std::out_of_range when `unit` is outside the top layer.
struct FieldSpan {
    int size = 0;  ///< spatial size of the level
    int first = 0;
    int last = 0;
};
std::vector<FieldSpan> backProjectUnit(int inputSize, const std::vector<LayerGeometry>& layers, int unit);

/// Parameter counts of one k x k convolution vs a fully connected layer on the same n x n input (the seed's
/// compare_parameter_counts with one input and one output channel: conv 3·3 + 1 = 10, FC (n²)·(n²) + n²).
struct ParameterComparison {
    int inputSize = 0;
    long long convParams = 0;
    long long fcParams = 0;
    double ratio = 0.0;  ///< fcParams / convParams
};
ParameterComparison compareParameterCounts(int inputSize, int kernel = 3, int inChannels = 1,
                                           int outChannels = 1);
/// The seed's table: sizes 8, 16, 32, 64, 128.
std::vector<ParameterComparison> seedParameterTable();

}  // namespace convscope::conv
