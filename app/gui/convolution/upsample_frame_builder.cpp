#include "app/gui/convolution/upsample_frame_builder.h"

#include <QObject>
#include <algorithm>

#include "core/conv/conv_trace.h"

namespace convscope::gui {

namespace {

// The part of a plane that is drawn. (Names distinct from conv_frame_builder.cpp's: unity builds share one
// anonymous namespace.)
struct UpsampleView {
    int row0 = 0;
    int col0 = 0;
    int rows = 0;
    int cols = 0;
    bool contains(int r, int c) const { return r >= row0 && c >= col0 && r < row0 + rows && c < col0 + cols; }
};

int upsampleFit(int size, int lo, int hi, int limit) {
    if (size <= limit) return 0;
    return std::clamp((lo + hi) / 2 - limit / 2, 0, size - limit);
}

UpsampleView upsampleViewAround(const conv::Volume& v, int r0, int r1, int c0, int c1, int limit) {
    UpsampleView view;
    view.rows = std::min(v.height, limit);
    view.cols = std::min(v.width, limit);
    view.row0 = upsampleFit(v.height, r0, r1, limit);
    view.col0 = upsampleFit(v.width, c0, c1, limit);
    return view;
}

widgets::GridPlane upsamplePlane(const conv::Volume& v, int channel, const UpsampleView& view,
                                 const QString& title) {
    widgets::GridPlane p;
    p.rows = view.rows;
    p.cols = view.cols;
    p.values.resize(p.rows * p.cols);
    p.flags.fill(widgets::CellNone, p.rows * p.cols);
    for (int r = 0; r < p.rows; ++r)
        for (int c = 0; c < p.cols; ++c)
            p.values[r * p.cols + c] = v.at(channel, view.row0 + r, view.col0 + c);
    p.firstRowIndex = view.row0;
    p.firstColIndex = view.col0;
    p.title = title;
    if (view.rows != v.height || view.cols != v.width)
        p.title += QObject::tr(" · rows %1–%2, cols %3–%4 of %5×%6")
                       .arg(view.row0)
                       .arg(view.row0 + view.rows - 1)
                       .arg(view.col0)
                       .arg(view.col0 + view.cols - 1)
                       .arg(v.height)
                       .arg(v.width);
    return p;
}

void upsampleFlag(widgets::GridPlane& p, const UpsampleView& view, int row, int col, quint8 bits) {
    if (!view.contains(row, col)) return;
    p.flags[(row - view.row0) * p.cols + (col - view.col0)] |= bits;
}

QString channelNote(const conv::Volume& v, int channel) {
    return v.channels > 1 ? QObject::tr(" c%1 (of %2)").arg(channel).arg(v.channels) : QString();
}

}  // namespace

widgets::GridBoardFrame buildUpsampleFrame(const conv::ConvTrace& trace, int stepIndex,
                                           const ConvFrameOptions& options) {
    const conv::ConvSpec& spec = trace.spec();
    const bool unpool = spec.op == conv::Operation::MaxUnpool;
    const conv::Volume& in = trace.input();
    const conv::Volume& out = trace.output();
    const bool started = stepIndex >= 0;
    const conv::TraceStep step = trace.step(std::max(0, stepIndex));
    const conv::Volume partial = trace.partialOutput(started ? stepIndex + 1 : 0);
    const int c = step.channel;
    const int sy = spec.scale.y, sx = spec.scale.x;
    const int cellTop = step.y * sy, cellLeft = step.x * sx;
    const int limit = std::max(4, options.maxPlaneCells);

    // The input around the step's cell (max unpooling: its window, which covers the output cell's rows).
    const int inR0 = unpool ? cellTop : step.y, inC0 = unpool ? cellLeft : step.x;
    const int inR1 = unpool ? cellTop + sy - 1 : step.y, inC1 = unpool ? cellLeft + sx - 1 : step.x;
    const UpsampleView inView = upsampleViewAround(in, inR0, inR1, inC0, inC1, limit);
    // Max unpooling's output has the input's shape: the same view keeps the arrows' ends at the same cells.
    const UpsampleView outView =
        unpool ? inView
               : upsampleViewAround(out, cellTop, cellTop + sy - 1, cellLeft, cellLeft + sx - 1, limit);

    widgets::GridBoardFrame frame;
    widgets::GridPlane input = upsamplePlane(in, c, inView, QObject::tr("Input") + channelNote(in, c));
    widgets::GridPlane output =
        upsamplePlane(partial, c, outView, QObject::tr("Output") + channelNote(out, c));
    if (started) {
        for (const conv::Tap& t : step.taps) {
            upsampleFlag(output, outView, t.y, t.x, widgets::CellInWindow);
            if (unpool) upsampleFlag(input, inView, t.sourceY, t.sourceX, widgets::CellInWindow);
        }
        if (step.winner >= 0) {
            const conv::Tap& w = step.taps[static_cast<std::size_t>(step.winner)];
            upsampleFlag(output, outView, w.y, w.x, widgets::CellWinner);
            upsampleFlag(input, inView, w.sourceY, w.sourceX,
                         unpool ? widgets::CellWinner : widgets::CellCurrent);
        } else {
            upsampleFlag(input, inView, step.y, step.x, widgets::CellCurrent);
        }
    }

    if (!unpool) {
        input.operatorAfter =
            spec.op == conv::Operation::Nearest ? QObject::tr("copy →") : QObject::tr("nail →");
        frame.planes << input << output;
    } else {
        const conv::Volume& pooled = trace.pooled();
        const UpsampleView poolView = upsampleViewAround(pooled, step.y, step.y, step.x, step.x, limit);
        // Pooled values appear as their steps run, like the output.
        conv::Volume shownPooled = pooled;
        const int plane = pooled.height * pooled.width;
        for (int i = 0; i < plane; ++i) {
            const int stepOf = c * plane + i;
            if (!started || stepOf > stepIndex)
                shownPooled.values[static_cast<std::size_t>(stepOf)] = qQNaN();
        }
        widgets::GridPlane pooledPlane =
            upsamplePlane(shownPooled, c, poolView, QObject::tr("Pooled (max %1×%2)").arg(sy).arg(sx));
        if (started) upsampleFlag(pooledPlane, poolView, step.y, step.x, widgets::CellCurrent);
        input.operatorAfter = QObject::tr("max →");
        output.layoutRow = 1;
        frame.planes << input << pooledPlane << output;
        // Every maximum found so far in this channel, from its input cell to the same cell of the output.
        if (started) {
            const int first = c * plane;
            for (int s = first; s <= stepIndex; ++s) {
                const int index = trace.poolIndices()[static_cast<std::size_t>(s)];
                const int y = index / in.width, x = index % in.width;
                if (!inView.contains(y, x) || !outView.contains(y, x)) continue;
                widgets::GridArrow arrow;
                arrow.fromPlane = 0;
                arrow.toPlane = 2;
                arrow.fromRow = arrow.toRow = y - inView.row0;
                arrow.fromCol = arrow.toCol = x - inView.col0;
                arrow.current = s == stepIndex;
                frame.arrows << arrow;
            }
        }
    }

    const int total = trace.stepCount();
    if (!started) {
        frame.status =
            unpool ? QObject::tr("Ready · %1 steps, one per pooling window · press Play or Step").arg(total)
                   : QObject::tr("Ready · %1 steps, one per input value · press Play or Step").arg(total);
        frame.caption = QObject::tr("Output %1 = ?").arg(QString::fromStdString(out.shapeText()));
        return frame;
    }
    frame.status = QObject::tr("Step %1 of %2 · %3[%4, %5, %6] = %7")
                       .arg(stepIndex + 1)
                       .arg(total)
                       .arg(unpool ? QObject::tr("pooled") : QObject::tr("input"))
                       .arg(c)
                       .arg(step.y)
                       .arg(step.x)
                       .arg(QString::fromStdString(conv::formatNumber(step.result)));
    frame.caption = QString::fromStdString(trace.arithmetic(step, options.maxCaptionTerms));
    return frame;
}

}  // namespace convscope::gui
