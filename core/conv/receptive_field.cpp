#include "core/conv/receptive_field.h"

#include <climits>
#include <stdexcept>

#include "core/conv/conv_spec.h"
#include "core/conv/output_size.h"

namespace convscope::conv {

namespace {

std::string num(long long v) {
    return formatInteger(v);
}

std::string layerLabel(const LayerGeometry& layer, std::size_t index) {
    return layer.name.empty() ? "Layer " + std::to_string(index + 1) : "Layer " + layer.name;
}

int outputSizeOf(int n, const LayerGeometry& layer, std::size_t index) {
    try {
        return convOutputSize(n, layer.kernel, layer.stride, layer.padding, layer.padding, layer.dilation)
            .size;
    } catch (const ConvError& e) {
        throw ConvError(layerLabel(layer, index) + ": " + e.what());
    }
}

long long checkedField(long long value, const LayerGeometry& layer, std::size_t index) {
    if (value > INT_MAX) {
        throw ConvError(layerLabel(layer, index) + ": the receptive field grows past " +
                        std::to_string(INT_MAX) + " pixels.");
    }
    return value;
}

}  // namespace

std::vector<FieldAtLayer> receptiveFields(int inputSize, const std::vector<LayerGeometry>& layers) {
    if (inputSize < 1)
        throw ConvError("The input size must be at least 1 pixel (got " + num(inputSize) + ").");
    std::vector<FieldAtLayer> fields;
    fields.reserve(layers.size());
    int n = inputSize;
    long long r = 1;
    long long j = 1;
    double start = 0.5;
    for (std::size_t i = 0; i < layers.size(); ++i) {
        const LayerGeometry& layer = layers[i];
        n = outputSizeOf(n, layer, i);
        const long long span = static_cast<long long>(layer.dilation) * (layer.kernel - 1);  // k_eff − 1
        FieldAtLayer f;
        f.name = layer.name;
        f.outputSize = n;
        const long long rNext = checkedField(r + span * j, layer, i);
        const long long jNext = checkedField(j * layer.stride, layer, i);
        f.arithmetic = "r = " + num(r) + " + " + num(layer.dilation) + "\u00b7(" + num(layer.kernel) +
                       " \u2212 1)\u00b7" + num(j) + " = " + num(rNext) + "; j = " + num(j) + "\u00b7" +
                       num(layer.stride) + " = " + num(jNext);
        start += (static_cast<double>(span) / 2.0 - layer.padding) * static_cast<double>(j);
        r = rNext;
        j = jNext;
        f.receptiveField = static_cast<int>(r);
        f.jump = static_cast<int>(j);
        f.start = start;
        fields.push_back(f);
    }
    return fields;
}

std::vector<FieldSpan> backProjectUnit(int inputSize, const std::vector<LayerGeometry>& layers, int unit) {
    const std::vector<FieldAtLayer> fields = receptiveFields(inputSize, layers);
    const int topSize = fields.empty() ? inputSize : fields.back().outputSize;
    if (unit < 0 || unit >= topSize) {
        throw std::out_of_range("Unit " + std::to_string(unit) + " is outside the top layer (0.." +
                                std::to_string(topSize - 1) + ").");
    }
    std::vector<FieldSpan> spans(layers.size() + 1);
    spans.back() = {topSize, unit, unit};
    for (std::size_t i = layers.size(); i-- > 0;) {
        const LayerGeometry& layer = layers[i];
        const FieldSpan& above = spans[i + 1];
        // Unit u reads units u·s − p ... u·s − p + d(k − 1) of the level below; checked against INT_MAX by
        // receptiveFields(), since the span never exceeds the receptive field.
        const long long first = static_cast<long long>(above.first) * layer.stride - layer.padding;
        const long long last = static_cast<long long>(above.last) * layer.stride - layer.padding +
                               static_cast<long long>(layer.dilation) * (layer.kernel - 1);
        if (first < INT_MIN || last > INT_MAX) {
            throw ConvError(layerLabel(layer, i) +
                            ": the receptive field reaches past the range this program can "
                            "index.");
        }
        spans[i] = {i == 0 ? inputSize : fields[i - 1].outputSize, static_cast<int>(first),
                    static_cast<int>(last)};
    }
    return spans;
}

ParameterComparison compareParameterCounts(int inputSize, int kernel, int inChannels, int outChannels) {
    if (inputSize < 1 || kernel < 1 || inChannels < 1 || outChannels < 1) {
        throw ConvError("Input size, kernel and channel counts must be at least 1 (got " + num(inputSize) +
                        ", " + num(kernel) + ", " + num(inChannels) + ", " + num(outChannels) + ").");
    }
    const long long pixels = static_cast<long long>(inputSize) * inputSize;
    long long conv = 0;
    long long inUnits = 0;
    long long outUnits = 0;
    long long fc = 0;
    const bool overflow =
        __builtin_mul_overflow(static_cast<long long>(kernel) * kernel, inChannels, &conv) ||
        __builtin_mul_overflow(conv, static_cast<long long>(outChannels), &conv) ||
        __builtin_add_overflow(conv, static_cast<long long>(outChannels), &conv) ||
        __builtin_mul_overflow(pixels, static_cast<long long>(inChannels), &inUnits) ||
        __builtin_mul_overflow(pixels, static_cast<long long>(outChannels), &outUnits) ||
        __builtin_mul_overflow(inUnits, outUnits, &fc) || __builtin_add_overflow(fc, outUnits, &fc);
    if (overflow)
        throw ConvError("The parameter counts for a " + num(inputSize) + "x" + num(inputSize) +
                        " input are too large to count exactly.");
    ParameterComparison c;
    c.inputSize = inputSize;
    c.convParams = conv;
    c.fcParams = fc;
    c.ratio = static_cast<double>(fc) / static_cast<double>(conv);
    return c;
}

std::vector<ParameterComparison> seedParameterTable() {
    std::vector<ParameterComparison> table;
    for (int n : {8, 16, 32, 64, 128}) table.push_back(compareParameterCounts(n));
    return table;
}

}  // namespace convscope::conv
