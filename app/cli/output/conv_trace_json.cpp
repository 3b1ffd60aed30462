#include "app/cli/output/conv_trace_json.h"

#include <algorithm>

#include "app/cli/output/json_writer.h"
#include "app/cli/output/upsample_trace_output.h"
#include "core/conv/output_size.h"

namespace convscope::cli {

namespace {

using conv::Operation;

void writeShape(JsonWriter& json, const conv::Volume& volume) {
    json.integers({volume.channels, volume.height, volume.width});
}

void writeValues(JsonWriter& json, const conv::Volume& volume) {
    json.beginArray();
    for (int c = 0; c < volume.channels; ++c) {
        json.beginArray();
        for (int y = 0; y < volume.height; ++y) {
            json.beginArray();
            for (int x = 0; x < volume.width; ++x) json.value(volume.at(c, y, x));
            json.endArray();
        }
        json.endArray();
    }
    json.endArray();
}

// The same per-axis formulas outputShape() applies, one string per axis.
conv::SizeResult axisArithmetic(const conv::ConvTrace& trace, bool height) {
    const conv::ConvSpec& spec = trace.spec();
    const int n = height ? trace.input().height : trace.input().width;
    const int k = conv::isPooling(spec.op)
                      ? (height ? spec.poolKernel.y : spec.poolKernel.x)
                      : (height ? trace.weights().kernelHeight : trace.weights().kernelWidth);
    const int s = height ? spec.stride.y : spec.stride.x;
    const int d = height ? spec.dilation.y : spec.dilation.x;
    const int before = height ? spec.padding.top : spec.padding.left;
    const int after = height ? spec.padding.bottom : spec.padding.right;
    const std::string axis = height ? "height" : "width";
    if (conv::isUpsampling(spec.op)) {
        return conv::upsampleOutputSize(n, height ? spec.scale.y : spec.scale.x,
                                        spec.op == Operation::MaxUnpool, axis);
    }
    if (spec.op == Operation::Transposed) {
        return conv::transposedOutputSize(n, k, s, before, after, d,
                                          height ? spec.outputPadding.y : spec.outputPadding.x, axis);
    }
    return conv::convOutputSize(n, k, s, before, after, d, axis);
}

void writeGeometry(JsonWriter& json, const conv::ConvTrace& trace, const TraceRequest& request) {
    const conv::ConvSpec& spec = trace.spec();
    const conv::FilterBank& w = trace.weights();
    json.key("op").value(conv::toString(spec.op));
    json.key("input_shape");
    writeShape(json, trace.input());
    json.key("input_source").value(request.input.description);
    json.key("input");
    writeValues(json, trace.input());
    json.key("weight_shape");
    if (conv::isUpsampling(spec.op)) {
        json.null();
        writeUpsampleJson(json, trace);  // scale; max-unpool: the pooled values and their indices
    } else if (conv::isPooling(spec.op)) {
        json.null();
        json.key("pool_size").integers({spec.poolKernel.y, spec.poolKernel.x});
    } else {
        json.integers({w.outChannels, w.inChannelsPerGroup, w.kernelHeight, w.kernelWidth});
        json.key("kernel_source").value(request.kernelLabel);
        json.key("kernel").beginArray();  // copied into every (first, second) slice of the weights
        for (int y = 0; y < w.kernelHeight; ++y) {
            json.beginArray();
            for (int x = 0; x < w.kernelWidth; ++x) json.value(w.at(0, 0, y, x));
            json.endArray();
        }
        json.endArray();
        json.key("bias");
        if (w.hasBias()) {
            json.numbers(w.bias);
        } else {
            json.null();
        }
    }
    json.key("padding").beginObject();
    json.key("top").value(spec.padding.top).key("bottom").value(spec.padding.bottom);
    json.key("left").value(spec.padding.left).key("right").value(spec.padding.right);
    json.endObject();
    json.key("padding_mode").value(conv::toString(spec.paddingMode));
    json.key("stride").integers({spec.stride.y, spec.stride.x});
    json.key("dilation").integers({spec.dilation.y, spec.dilation.x});
    json.key("groups").value(spec.groups);
    if (spec.op == Operation::Transposed)
        json.key("output_padding").integers({spec.outputPadding.y, spec.outputPadding.x});
    if (spec.op == Operation::AvgPool) json.key("count_include_pad").value(spec.countIncludePad);
}

void writeStep(JsonWriter& json, const conv::ConvTrace& trace, const conv::TraceStep& step) {
    const Operation op = trace.spec().op;
    json.beginObject();
    json.key("index").value(step.index + 1);
    json.key(upsampleStepIndexKey(op, op == Operation::Transposed ? "input_index" : "output_index"))
        .integers({step.channel, step.y, step.x});
    json.key("group").value(step.group);
    json.key("positions").beginArray();
    for (const conv::Tap& tap : step.taps) {
        json.beginObject();
        json.key("channel").value(tap.channel).key("y").value(tap.y).key("x").value(tap.x);
        json.key("padded").value(tap.padded);
        if ((tap.padded || conv::isUpsampling(op)) && tap.sourceY >= 0)
            json.key("source").integers({tap.sourceY, tap.sourceX});
        json.key("kernel_index").integers({tap.kernelChannel, tap.kernelY, tap.kernelX});
        json.key("value").value(tap.value).key("weight").value(tap.weight).key("product").value(tap.product);
        json.endObject();
    }
    json.endArray();
    json.key("products").beginArray();
    for (const conv::Tap& tap : step.taps) json.value(tap.product);
    json.endArray();
    json.key("sum").value(step.sum);
    json.key("bias").value(step.bias);
    if (op == Operation::AvgPool) json.key("divisor").value(step.divisor);
    if (op == Operation::MaxPool || op == Operation::BedOfNails || op == Operation::MaxUnpool)
        json.key("winner").value(step.winner);
    json.key("result").value(step.result);
    json.key("arithmetic")
        .value(trace.arithmetic(step, static_cast<int>(std::max<std::size_t>(step.taps.size(), 1))));
    json.endObject();
}

}  // namespace

void writeTraceJson(const conv::ConvTrace& trace, const TraceRequest& request, std::ostream& out,
                    const std::function<void(JsonWriter&)>& extra) {
    JsonWriter json(out);
    json.beginObject();
    writeGeometry(json, trace, request);
    json.key("output_shape");
    writeShape(json, trace.output());
    json.key("output");
    writeValues(json, trace.output());
    json.key("arithmetic").beginObject();
    json.key("height").value(axisArithmetic(trace, true).arithmetic);
    json.key("width").value(axisArithmetic(trace, false).arithmetic);
    json.endObject();
    const int total = trace.stepCount();
    const int shown = std::min(total, request.maxSteps);
    json.key("step_count").value(total);
    json.key("steps_truncated").value(shown < total);
    json.key("steps").beginArray();
    for (int i = 0; i < shown; ++i) writeStep(json, trace, trace.step(i));
    json.endArray();
    if (extra) extra(json);
    json.endObject();
    out << "\n";
}

}  // namespace convscope::cli
