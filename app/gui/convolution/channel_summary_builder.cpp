#include "app/gui/convolution/channel_summary_builder.h"

#include <QObject>
#include <algorithm>
#include <cmath>
#include <limits>

#include "core/conv/conv_trace.h"
#include "widgets/common/number_text.h"

namespace convscope::gui {

namespace {

constexpr int kSummaryThumbSide = 24;  // thumbnail cells per side at most: tiles are 14 to 48 px

// The channel area-averaged onto at most kSummaryThumbSide × kSummaryThumbSide cells.
void summaryThumbnail(const conv::Volume& v, int c, widgets::ChannelSummaryTile& tile) {
    tile.thumbRows = std::min(v.height, kSummaryThumbSide);
    tile.thumbCols = std::min(v.width, kSummaryThumbSide);
    tile.thumb.fill(0.0, tile.thumbRows * tile.thumbCols);
    QVector<int> counts(tile.thumbRows * tile.thumbCols, 0);
    for (int y = 0; y < v.height; ++y) {
        const int ty = y * tile.thumbRows / v.height;
        const double* row = &v.values[v.index(c, y, 0)];
        for (int x = 0; x < v.width; ++x) {
            const int i = ty * tile.thumbCols + x * tile.thumbCols / v.width;
            tile.thumb[i] += row[x];
            ++counts[i];
        }
    }
    for (int i = 0; i < tile.thumb.size(); ++i)
        if (counts[i] > 0) tile.thumb[i] /= counts[i];
}

}  // namespace

bool usesChannelSummaries(const conv::ConvTrace& trace, const ConvFrameOptions& options) {
    return trace.spec().op != conv::Operation::Transposed &&
           trace.input().channels > std::max(1, options.maxChannelRows);
}

int firstChannelRow(const QVector<int>& channels, int shown, int focusChannel) {
    const int at = channels.indexOf(focusChannel);
    if (at < 0 || shown >= channels.size()) return 0;
    return std::clamp(at, 0, int(channels.size()) - shown);
}

widgets::ChannelSummaryStrip buildChannelSummaries(const conv::ConvTrace& trace, int stepIndex,
                                                   const QVector<int>& drawnChannels) {
    widgets::ChannelSummaryStrip strip;
    const conv::Volume& in = trace.input();
    if (in.channels < 1 || in.height < 1 || in.width < 1 || trace.stepCount() == 0) return strip;
    const conv::TraceStep step = trace.step(std::clamp(stepIndex, 0, trace.stepCount() - 1));
    QVector<double> sums(in.channels, 0.0);
    QVector<bool> read(in.channels, false);
    for (const conv::Tap& t : step.taps) {
        if (t.channel < 0 || t.channel >= in.channels) continue;
        read[t.channel] = true;
        sums[t.channel] += t.product;
    }
    const bool showSums = stepIndex >= 0 && trace.spec().op == conv::Operation::Convolution;
    strip.low = std::numeric_limits<double>::infinity();
    strip.high = -strip.low;
    const double n = double(in.height) * in.width;
    strip.tiles.reserve(in.channels);
    for (int c = 0; c < in.channels; ++c) {
        widgets::ChannelSummaryTile tile;
        tile.channel = c;
        const double* first = &in.values[in.index(c, 0, 0)];
        const auto [lo, hi] = std::minmax_element(first, first + in.height * in.width);
        tile.min = *lo;
        tile.max = *hi;
        double total = 0.0;
        for (const double* p = first; p != first + in.height * in.width; ++p) total += *p;
        tile.mean = total / n;
        summaryThumbnail(in, c, tile);
        tile.inStep = read[c];
        if (showSums && read[c]) tile.stepSum = sums[c];
        tile.active = drawnChannels.contains(c);
        strip.low = std::min(strip.low, tile.min);
        strip.high = std::max(strip.high, tile.max);
        strip.tiles.push_back(std::move(tile));
    }
    strip.title = QObject::tr("All %1 input channels · colours %2 · framed: drawn as cells (click a tile)")
                      .arg(in.channels)
                      .arg(widgets::formatRange(strip.low, strip.high));
    return strip;
}

int stepReadingChannel(const conv::ConvTrace& trace, int current, int channel) {
    const conv::ConvSpec& spec = trace.spec();
    const conv::Volume& in = trace.input();
    if (spec.op == conv::Operation::Transposed || channel < 0 || channel >= in.channels ||
        trace.stepCount() == 0)
        return -1;
    const conv::TraceStep step = trace.step(std::clamp(current, 0, trace.stepCount() - 1));
    for (const conv::Tap& t : step.taps)
        if (t.channel == channel) return current;
    int outChannel = channel;  // pooling: channel to channel
    if (spec.op == conv::Operation::Convolution) {
        // The first output channel of the group that reads `channel`.
        const int groups = std::max(1, spec.groups);
        const int perGroupIn = in.channels / groups;
        const int perGroupOut = trace.output().channels / groups;
        outChannel = (channel / std::max(1, perGroupIn)) * perGroupOut;
    }
    const int index = trace.stepIndexOf(outChannel, step.y, step.x);
    return index >= 0 ? index : current;
}

}  // namespace convscope::gui
