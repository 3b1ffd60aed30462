#include "app/gui/convolution/conv_frame_builder.h"

#include <QObject>
#include <algorithm>
#include <cmath>
#include <limits>

#include "app/gui/convolution/channel_summary_builder.h"
#include "app/gui/convolution/upsample_frame_builder.h"
#include "core/conv/conv_trace.h"

namespace convscope::gui {

namespace {

using widgets::GridPlane;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

QString utf8(const std::string& text) {
    return QString::fromStdString(text);
}
QString num(double v) {
    return utf8(conv::formatNumber(v));
}

// A rectangle of plane cells: which part of a big plane is drawn.
struct Viewport {
    int row0 = 0;
    int col0 = 0;
    int rows = 0;
    int cols = 0;
};

// Chooses at most `limit` cells per side, centred on [lo, hi] where possible.
void fitAxis(int size, int lo, int hi, int limit, int* start, int* count) {
    if (size <= limit) {
        *start = 0;
        *count = size;
        return;
    }
    const int centre = (lo + hi) / 2;
    *start = std::clamp(centre - limit / 2, 0, size - limit);
    *count = limit;
}

Viewport viewportAround(int rows, int cols, int r0, int r1, int c0, int c1, int limit) {
    Viewport v;
    fitAxis(rows, r0, r1, limit, &v.row0, &v.rows);
    fitAxis(cols, c0, c1, limit, &v.col0, &v.cols);
    return v;
}

// A plane of one channel of `volume` restricted to `view`; `indexOffset` maps plane cells to the printed
// index (−padding for a padded input).
GridPlane planeFrom(const conv::Volume& volume, int channel, const Viewport& view, int rowOffset,
                    int colOffset) {
    GridPlane p;
    p.rows = view.rows;
    p.cols = view.cols;
    p.values.resize(p.rows * p.cols);
    p.flags.fill(widgets::CellNone, p.rows * p.cols);
    for (int r = 0; r < p.rows; ++r)
        for (int c = 0; c < p.cols; ++c)
            p.values[r * p.cols + c] = volume.at(channel, view.row0 + r, view.col0 + c);
    p.firstRowIndex = view.row0 + rowOffset;
    p.firstColIndex = view.col0 + colOffset;
    return p;
}

void flag(GridPlane& p, const Viewport& view, int row, int col, quint8 bits) {
    const int r = row - view.row0;
    const int c = col - view.col0;
    if (r < 0 || c < 0 || r >= p.rows || c >= p.cols) return;
    p.flags[r * p.cols + c] |= bits;
}

QString viewportNote(const Viewport& v, int rows, int cols, int rowOffset, int colOffset) {
    if (v.rows == rows && v.cols == cols) return {};
    return QObject::tr(" · rows %1–%2, cols %3–%4 of %5×%6")
        .arg(v.row0 + rowOffset)
        .arg(v.row0 + rowOffset + v.rows - 1)
        .arg(v.col0 + colOffset)
        .arg(v.col0 + colOffset + v.cols - 1)
        .arg(rows)
        .arg(cols);
}

GridPlane smallPlane(const QString& title, int rows, int cols) {
    GridPlane p;
    p.title = title;
    p.rows = rows;
    p.cols = cols;
    p.values.fill(kNaN, rows * cols);
    p.flags.fill(widgets::CellNone, rows * cols);
    return p;
}

widgets::GridBoardFrame gatherFrame(const conv::ConvTrace& trace, int stepIndex,
                                    const ConvFrameOptions& opt) {
    const conv::ConvSpec& spec = trace.spec();
    const bool pooling = spec.op != conv::Operation::Convolution;
    const conv::Volume padded = trace.paddedInput();
    const conv::Volume& out = trace.output();
    const int pt = spec.padding.top;
    const int pl = spec.padding.left;
    const int total = trace.stepCount();
    const bool started = stepIndex >= 0;
    const conv::TraceStep step = trace.step(std::max(0, stepIndex));
    const conv::Volume partial = trace.partialOutput(started ? stepIndex + 1 : 0);

    // The window's bounding box in padded coordinates (dilation leaves holes inside it).
    int r0 = std::numeric_limits<int>::max(), r1 = -1, c0 = std::numeric_limits<int>::max(), c1 = -1;
    for (const conv::Tap& t : step.taps) {
        r0 = std::min(r0, t.y + pt);
        r1 = std::max(r1, t.y + pt);
        c0 = std::min(c0, t.x + pl);
        c1 = std::max(c1, t.x + pl);
    }

    // Channels under the window, in tap order.
    QVector<int> channels;
    for (const conv::Tap& t : step.taps)
        if (!channels.contains(t.channel)) channels.push_back(t.channel);
    // Many input channels: every channel is a tile in a strip under the planes, so fewer, smaller rows of
    // cells (starting at the channel the learner clicked) keep their numbers readable beside it.
    const bool summarised = usesChannelSummaries(trace, opt);
    const int rowsWanted = summarised ? std::min(opt.maxChannelRows, 2) : opt.maxChannelRows;
    const int shown = std::min<int>(channels.size(), std::max(1, rowsWanted));
    const int firstRow = firstChannelRow(channels, shown, opt.focusChannel);
    const int limit =
        channels.size() > 1 ? std::min(opt.maxPlaneCells, summarised ? 8 : 16) : opt.maxPlaneCells;
    const Viewport inView = viewportAround(padded.height, padded.width, r0, r1, c0, c1, limit);
    const int kH = pooling ? spec.poolKernel.y : trace.weights().kernelHeight;
    const int kW = pooling ? spec.poolKernel.x : trace.weights().kernelWidth;

    widgets::GridBoardFrame frame;
    QVector<double> channelSums;
    for (int row = 0; row < shown; ++row) {
        const int ch = channels[firstRow + row];
        GridPlane in = planeFrom(padded, ch, inView, -pt, -pl);
        const bool hasPadding = padded.height != trace.input().height || padded.width != trace.input().width;
        in.title = QObject::tr("Input c%1%2").arg(ch).arg(hasPadding ? QObject::tr(" (padded)") : QString()) +
                   viewportNote(inView, padded.height, padded.width, -pt, -pl);
        for (int y = 0; y < in.rows; ++y)
            for (int x = 0; x < in.cols; ++x) {
                const int iy = inView.row0 + y - pt;
                const int ix = inView.col0 + x - pl;
                if (iy < 0 || ix < 0 || iy >= trace.input().height || ix >= trace.input().width)
                    in.flags[y * in.cols + x] |= widgets::CellPadded;
            }
        if (started) {
            for (int y = r0; y <= r1; ++y)
                for (int x = c0; x <= c1; ++x) flag(in, inView, y, x, widgets::CellSkipped);
        }
        GridPlane kernel =
            smallPlane(pooling ? QObject::tr("Window")
                               : QObject::tr("Kernel W[%1, %2]")
                                     .arg(step.channel)
                                     .arg(ch - step.group * (trace.weights().inChannelsPerGroup)),
                       kH, kW);
        GridPlane products = smallPlane(QObject::tr("Products"), kH, kW);
        double sum = 0.0;
        for (int i = 0; i < static_cast<int>(step.taps.size()); ++i) {
            const conv::Tap& t = step.taps[i];
            if (t.channel != ch) continue;
            const int cell = t.kernelY * kW + t.kernelX;
            if (started) {
                const int py = t.y + pt, px = t.x + pl;
                const int r = py - inView.row0, c = px - inView.col0;
                if (r >= 0 && c >= 0 && r < in.rows && c < in.cols) {
                    quint8& f = in.flags[r * in.cols + c];
                    f = static_cast<quint8>((f & ~widgets::CellSkipped) | widgets::CellInWindow);
                    if (i == step.winner) f |= widgets::CellWinner;
                }
            }
            if (pooling) {
                kernel.values[cell] = t.value;
                if (i == step.winner) kernel.flags[cell] |= widgets::CellWinner;
                if (t.padded) kernel.flags[cell] |= widgets::CellPadded;
            } else {
                kernel.values[cell] = t.weight;
                products.values[cell] = started ? t.product : kNaN;
                sum += t.product;
            }
        }
        channelSums.push_back(sum);
        in.layoutRow = kernel.layoutRow = products.layoutRow = row;
        in.showIndices = true;
        kernel.firstRowIndex = kernel.firstColIndex = 0;
        if (pooling) {
            in.operatorAfter = QStringLiteral("→");
            kernel.operatorAfter =
                spec.op == conv::Operation::MaxPool ? QObject::tr("max") : QObject::tr("mean");
            frame.planes << in << kernel;
        } else {
            in.operatorAfter = QStringLiteral("⊙");
            kernel.operatorAfter = QStringLiteral("=");
            if (started && channels.size() > 1)
                products.title = QObject::tr("Products (Σ = %1)").arg(num(sum));
            frame.planes << in << kernel << products;
        }
    }

    // Output channel of the step, a viewport around the current element when large.
    const int oc = step.channel;
    const Viewport outView = viewportAround(out.height, out.width, step.y, step.y, step.x, step.x,
                                            summarised ? std::min(opt.maxPlaneCells, 16) : opt.maxPlaneCells);
    GridPlane output = planeFrom(partial, oc, outView, 0, 0);
    output.title = QObject::tr("Output c%1").arg(oc) +
                   (out.channels > 1 ? QObject::tr(" (of %1)").arg(out.channels) : QString()) +
                   viewportNote(outView, out.height, out.width, 0, 0);
    if (started) flag(output, outView, step.y, step.x, widgets::CellCurrent);
    output.layoutRow = shown;
    if (!pooling && channels.size() > 1) {
        // Y[c_out] = Σ_c (X_c ⊙ W_c) + b: the output sits right of the channel rows it sums, which also
        // leaves the rows more height than a fourth row below them would.
        output.besideRows = true;
        output.operatorBefore = trace.weights().hasBias() ? QObject::tr("Σ + b →") : QObject::tr("Σ →");
    }
    frame.planes << output;
    if (summarised)
        frame.channels =
            buildChannelSummaries(trace, started ? stepIndex : -1, channels.mid(firstRow, shown));

    if (!started) {
        frame.status = QObject::tr("Ready · %1 steps · press Play or Step").arg(total);
        frame.caption = QObject::tr("Output %1 = ?").arg(utf8(out.shapeText()));
        return frame;
    }
    frame.status = QObject::tr("Step %1 of %2 · output[%3, %4, %5]")
                       .arg(stepIndex + 1)
                       .arg(total)
                       .arg(step.channel)
                       .arg(step.y)
                       .arg(step.x);
    if (!pooling && channels.size() > 1 && channels.size() == shown) {
        // The seed's formula read aloud: one partial sum per input channel, then the bias.
        QStringList terms;
        for (int i = 0; i < channelSums.size(); ++i)
            terms << QObject::tr("Σc%1 %2")
                         .arg(channels[i])
                         .arg(utf8(conv::formatNumber(channelSums[i], true)));
        QString text = terms.join(QStringLiteral(" + "));
        if (trace.weights().hasBias())
            text += QObject::tr(" + %1 (bias)").arg(utf8(conv::formatNumber(step.bias, true)));
        frame.caption = text + QStringLiteral(" = ") + num(step.result);
    } else {
        // Too many channels to list their sums: the term-by-term arithmetic, elided, with the exact total.
        frame.caption = utf8(trace.arithmetic(step, opt.maxCaptionTerms));
    }
    return frame;
}

widgets::GridBoardFrame scatterFrame(const conv::ConvTrace& trace, int stepIndex,
                                     const ConvFrameOptions& opt) {
    const conv::ConvSpec& spec = trace.spec();
    const conv::FilterBank& w = trace.weights();
    const conv::Volume& in = trace.input();
    const conv::Volume& out = trace.output();
    const bool started = stepIndex >= 0;
    const conv::TraceStep step = trace.step(std::max(0, stepIndex));
    const int perGroup = w.inChannelsPerGroup;  // output channels per group (PyTorch's transposed layout)
    const int top = spec.padding.top, left = spec.padding.left;
    const int fullH = (in.height - 1) * spec.stride.y + spec.dilation.y * (w.kernelHeight - 1) + 1;
    const int fullW = (in.width - 1) * spec.stride.x + spec.dilation.x * (w.kernelWidth - 1) + 1;
    const int planeH = std::max(fullH, top + out.height);
    const int planeW = std::max(fullW, left + out.width);

    // Uncropped accumulation of every step so far, per output channel of this group.
    const int firstOut = step.group * perGroup;
    const int shown = std::min(perGroup, std::max(1, opt.maxChannelRows));
    conv::Volume acc(shown, planeH, planeW);
    for (int c = 0; c < shown; ++c)
        for (int y = 0; y < planeH; ++y)
            for (int x = 0; x < planeW; ++x) acc.at(c, y, x) = w.biasAt(firstOut + c);
    if (started) {
        for (int s = 0; s <= stepIndex; ++s) {
            const conv::TraceStep past = trace.step(s);
            for (const conv::Tap& t : past.taps) {
                const int c = t.channel - firstOut;
                if (c >= 0 && c < shown && t.y < planeH && t.x < planeW) acc.at(c, t.y, t.x) += t.product;
            }
        }
    }

    widgets::GridBoardFrame frame;
    const Viewport inView =
        viewportAround(in.height, in.width, step.y, step.y, step.x, step.x, opt.maxPlaneCells);
    int r0 = planeH, r1 = 0, c0 = planeW, c1 = 0;
    for (const conv::Tap& t : step.taps) {
        r0 = std::min(r0, t.y);
        r1 = std::max(r1, t.y);
        c0 = std::min(c0, t.x);
        c1 = std::max(c1, t.x);
    }
    const Viewport outView = viewportAround(planeH, planeW, r0, r1, c0, c1, opt.maxPlaneCells);
    for (int row = 0; row < shown; ++row) {
        const int oc = firstOut + row;
        GridPlane input = planeFrom(in, step.channel, inView, 0, 0);
        input.title =
            QObject::tr("Input c%1").arg(step.channel) + viewportNote(inView, in.height, in.width, 0, 0);
        if (started) flag(input, inView, step.y, step.x, widgets::CellCurrent);
        GridPlane kernel = smallPlane(QObject::tr("Kernel W[%1, %2]").arg(step.channel).arg(row),
                                      w.kernelHeight, w.kernelWidth);
        GridPlane scaled =
            smallPlane(QObject::tr("%1 × W").arg(num(step.result)), w.kernelHeight, w.kernelWidth);
        for (const conv::Tap& t : step.taps) {
            if (t.channel != oc) continue;
            const int cell = t.kernelY * w.kernelWidth + t.kernelX;
            kernel.values[cell] = t.weight;
            scaled.values[cell] = started ? t.product : kNaN;
            if (t.padded) scaled.flags[cell] |= widgets::CellCropped;
        }
        input.operatorAfter = QStringLiteral("×");
        kernel.operatorAfter = QStringLiteral("=");
        input.layoutRow = kernel.layoutRow = scaled.layoutRow = row;
        frame.planes << input << kernel << scaled;

        GridPlane output = planeFrom(acc, row, outView, -top, -left);
        output.title = QObject::tr("Output c%1 (before cropping)").arg(oc) +
                       viewportNote(outView, planeH, planeW, -top, -left);
        for (int y = 0; y < output.rows; ++y)
            for (int x = 0; x < output.cols; ++x) {
                const int uy = outView.row0 + y, ux = outView.col0 + x;
                if (uy < top || ux < left || uy >= top + out.height || ux >= left + out.width)
                    output.flags[y * output.cols + x] |= widgets::CellCropped;
            }
        if (started)
            for (const conv::Tap& t : step.taps)
                if (t.channel == oc) flag(output, outView, t.y, t.x, widgets::CellInWindow);
        output.layoutRow = shown;
        frame.planes << output;
    }
    const int total = trace.stepCount();
    if (!started) {
        frame.status = QObject::tr("Ready · %1 steps, one per input element · press Play or Step").arg(total);
        frame.caption =
            QObject::tr("Every output starts at its bias; each input value adds a scaled kernel.");
        return frame;
    }
    frame.status = QObject::tr("Step %1 of %2 · input[%3, %4, %5] = %6")
                       .arg(stepIndex + 1)
                       .arg(total)
                       .arg(step.channel)
                       .arg(step.y)
                       .arg(step.x)
                       .arg(num(step.result));
    frame.caption = utf8(trace.arithmetic(step, opt.maxCaptionTerms));
    return frame;
}

}  // namespace

widgets::GridBoardFrame buildConvFrame(const conv::ConvTrace& trace, int stepIndex,
                                       const ConvFrameOptions& options) {
    if (trace.stepCount() == 0) return {};
    stepIndex = std::clamp(stepIndex, -1, trace.stepCount() - 1);
    if (trace.spec().op == conv::Operation::Transposed) return scatterFrame(trace, stepIndex, options);
    if (conv::isUpsampling(trace.spec().op)) return buildUpsampleFrame(trace, stepIndex, options);
    return gatherFrame(trace, stepIndex, options);
}

}  // namespace convscope::gui
