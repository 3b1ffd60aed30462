#include "app/cli/output/conv_trace_text.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <string>
#include <vector>

#include "app/cli/output/upsample_trace_output.h"
#include "core/conv/output_size.h"

namespace convscope::cli {

namespace {

using conv::Operation;

// Columns a UTF-8 string takes in a terminal: every character here ("−", "∞") is one column wide.
std::size_t columns(const std::string& text) {
    return static_cast<std::size_t>(std::count_if(
        text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// Max pooling pads with −inf, which paddedInput() shows as NaN.
std::string cell(double value) {
    return std::isnan(value) ? "−∞" : conv::formatNumber(value);
}

void writeGrid(std::ostream& out, int rows, int cols, const std::function<double(int, int)>& valueAt) {
    std::vector<std::string> cells;
    std::size_t width = 1;
    for (int y = 0; y < rows; ++y) {
        for (int x = 0; x < cols; ++x) {
            cells.push_back(cell(valueAt(y, x)));
            width = std::max(width, columns(cells.back()));
        }
    }
    for (int y = 0; y < rows; ++y) {
        std::string line = " ";
        for (int x = 0; x < cols; ++x) {
            const std::string& text = cells[static_cast<std::size_t>(y * cols + x)];
            line += std::string(width - columns(text) + 1, ' ') + text;
        }
        out << line << "\n";
    }
}

void writeVolume(std::ostream& out, const conv::Volume& volume) {
    for (int c = 0; c < volume.channels; ++c) {
        if (volume.channels > 1) out << "  channel " << c << ":\n";
        writeGrid(out, volume.height, volume.width, [&](int y, int x) { return volume.at(c, y, x); });
    }
}

std::string pairText(const conv::Pair2& pair) {
    if (pair.y == pair.x) return std::to_string(pair.y);
    return std::to_string(pair.y) + " rows, " + std::to_string(pair.x) + " columns";
}

std::string paddingText(const conv::Padding& p) {
    if (p == conv::Padding::uniform(p.top)) return std::to_string(p.top);
    if (p.isSymmetric()) return std::to_string(p.top) + " rows, " + std::to_string(p.left) + " columns";
    return "top " + std::to_string(p.top) + ", bottom " + std::to_string(p.bottom) + ", left " +
           std::to_string(p.left) + ", right " + std::to_string(p.right);
}

std::string operationText(Operation op) {
    switch (op) {
        case Operation::Convolution:
            return "convolution as PyTorch's conv2d computes it (cross-correlation: the kernel is not "
                   "flipped)";
        case Operation::MaxPool:
            return "max pooling (max_pool2d): each output is the largest value under the window";
        case Operation::AvgPool:
            return "average pooling (avg_pool2d): each output is the mean under the window";
        case Operation::Transposed:
            return "transposed convolution (conv_transpose2d): each input value scatters a scaled copy of "
                   "the "
                   "kernel into the output";
        case Operation::Nearest:
            return "nearest-neighbour upsampling (F.interpolate, mode='nearest'): each input value fills its "
                   "cell of the output";
        case Operation::BedOfNails:
            return "bed-of-nails upsampling: each input value at the top-left of its cell, zeros elsewhere";
        case Operation::MaxUnpool:
            return "max unpooling (max_pool2d with return_indices, then max_unpool2d): each pooled maximum "
                   "goes back to where it was found, zeros elsewhere";
    }
    return {};
}

void writeKernel(const conv::ConvTrace& trace, const TraceRequest& request, std::ostream& out) {
    const conv::ConvSpec& spec = trace.spec();
    if (conv::isUpsampling(spec.op)) {
        writeUpsampleText(trace, out);
        return;
    }
    if (conv::isPooling(spec.op)) {
        out << "window " << spec.poolKernel.y << "x" << spec.poolKernel.x;
        if (spec.op == Operation::MaxPool) out << " (padding never wins: PyTorch pads with −∞)\n";
        if (spec.op == Operation::AvgPool) {
            out << (spec.countIncludePad
                        ? " (padded cells count as zeros and the divisor is the window size)\n"
                        : " (padded cells are left out of the sum and of the divisor)\n");
        }
        return;
    }
    const conv::FilterBank& w = trace.weights();
    out << "kernel " << request.kernelRows << "x" << request.kernelCols << ": " << request.kernelLabel
        << ", copied into every slice of the " << w.outChannels << "x" << w.inChannelsPerGroup << "x"
        << w.kernelHeight << "x" << w.kernelWidth << " weights"
        << (spec.op == Operation::Transposed ? " (C_in x C_out/groups x kH x kW)"
                                             : " (C_out x C_in/groups x kH x kW)")
        << "; "
        << (w.hasBias() ? "bias " + conv::formatNumber(w.biasAt(0)) + " on every output channel" : "no bias")
        << "\n";
    writeGrid(out, request.kernelRows, request.kernelCols, [&](int y, int x) { return w.at(0, 0, y, x); });
}

void writeGeometry(const conv::ConvTrace& trace, std::ostream& out) {
    const conv::ConvSpec& spec = trace.spec();
    if (conv::isUpsampling(spec.op)) return;  // the scale factor is its whole geometry (writeKernel)
    out << "padding " << paddingText(spec.padding);
    if (spec.op == Operation::Convolution) out << " (" << conv::toString(spec.paddingMode) << ")";
    if (spec.op == Operation::Transposed) out << " (cropped from the full output)";
    out << "; stride " << pairText(spec.stride);
    if (spec.op != Operation::AvgPool) out << "; dilation " << pairText(spec.dilation);
    if (spec.op == Operation::Convolution || spec.op == Operation::Transposed)
        out << "; groups " << spec.groups;
    if (spec.op == Operation::Transposed) out << "; output padding " << pairText(spec.outputPadding);
    out << "\n";
    const conv::Padding& p = spec.padding;
    if (spec.op != Operation::Transposed && (p.top || p.bottom || p.left || p.right)) {
        const conv::Volume padded = trace.paddedInput();
        out << "padded input " << padded.shapeText() << ":\n";
        writeVolume(out, padded);
    }
}

void writeSizeArithmetic(const conv::ConvTrace& trace, std::ostream& out) {
    std::string text = conv::outputShapeArithmetic(trace.input(), trace.weights(), trace.spec());
    out << "output size:\n";
    std::size_t start = 0;
    while (true) {  // "H: ...; W: ..." one axis per line
        const std::size_t split = text.find("; ", start);
        out << "  " << text.substr(start, split == std::string::npos ? std::string::npos : split - start)
            << "\n";
        if (split == std::string::npos) break;
        start = split + 2;
    }
}

void writeSteps(const conv::ConvTrace& trace, const TraceRequest& request, std::ostream& out) {
    const Operation op = trace.spec().op;
    const bool scatter = op == Operation::Transposed || conv::isUpsampling(op);
    const bool unpool = op == Operation::MaxUnpool;
    const int total = trace.stepCount();
    out << total << (total == 1 ? " step" : " steps")
        << (unpool    ? ", one per pooled value:\n"
            : scatter ? ", one per input value:\n"
                      : ", one per output value (channel, row, column):\n");
    const int shown = std::min(total, request.maxSteps);
    for (int i = 0; i < shown; ++i) {
        const conv::TraceStep step = trace.step(i);
        out << "step " << i + 1 << ": "
            << (unpool    ? "pooled["
                : scatter ? "in["
                          : "out[")
            << step.channel << "," << step.y << "," << step.x << "]" << (scatter ? ": " : " = ")
            << trace.arithmetic(step) << "\n";
    }
    if (shown < total) {
        out << "… " << total - shown << " more steps not shown (--max-steps " << request.maxSteps << ")\n";
    }
}

}  // namespace

void writeTraceText(const conv::ConvTrace& trace, const TraceRequest& request, std::ostream& out) {
    out << "conv-trace: " << operationText(trace.spec().op) << "\n";
    out << "input " << trace.input().shapeText() << ": " << request.input.description << "\n";
    writeVolume(out, trace.input());
    writeKernel(trace, request, out);
    writeGeometry(trace, out);
    writeSizeArithmetic(trace, out);
    writeSteps(trace, request, out);
    out << "output " << trace.output().shapeText() << ":\n";
    writeVolume(out, trace.output());
}

}  // namespace convscope::cli
