#include "core/conv/upsample_trace.h"

#include "core/conv/trace_kernels.h"

namespace convscope::conv::detail {

namespace {

std::string range(int first, int last) {
    return last == first ? std::to_string(first) : std::to_string(first) + "\u2013" + std::to_string(last);
}

std::string position(int y, int x) {
    return "(" + std::to_string(y) + ", " + std::to_string(x) + ")";
}

}  // namespace

void maxPoolWithIndices(const Volume& input, Pair2 scale, Volume& pooled, std::vector<int>& indices) {
    // The very loop (and tie rule) of the max-pooling trace, with window and stride S and no padding.
    ConvSpec poolSpec;
    poolSpec.op = Operation::MaxPool;
    poolSpec.poolKernel = scale;
    poolSpec.stride = scale;
    const FilterBank none;
    const TraceGeometry g(input, none, poolSpec);
    pooled = Volume(g.outC, g.outH, g.outW);
    indices.assign(pooled.values.size(), 0);
    for (int c = 0; c < g.outC; ++c) {
        for (int py = 0; py < g.outH; ++py) {
            for (int px = 0; px < g.outW; ++px) {
                const GatherResult r =
                    gatherElement<Operation::MaxPool, false>(g, input, none, c, py, px, nullptr);
                const int y = py * scale.y + r.winner / scale.x;
                const int x = px * scale.x + r.winner % scale.x;
                const std::size_t i = pooled.index(c, py, px);
                pooled.values[i] = r.result;
                indices[i] = y * input.width + x;
            }
        }
    }
}

void upsampleOutput(const Volume& input, const ConvSpec& spec, const std::vector<int>& indices,
                    const Volume& pooled, Volume& output) {
    const Pair2 s = spec.scale;
    if (spec.op == Operation::MaxUnpool) {
        std::fill(output.values.begin(), output.values.end(), 0.0);
        for (int c = 0; c < pooled.channels; ++c) {
            for (int i = 0; i < pooled.height * pooled.width; ++i) {
                const std::size_t p = pooled.index(c, 0, 0) + i;
                output.at(c, indices[p] / input.width, indices[p] % input.width) = pooled.values[p];
            }
        }
        return;
    }
    const bool nails = spec.op == Operation::BedOfNails;
    for (int c = 0; c < output.channels; ++c) {
        for (int y = 0; y < output.height; ++y) {
            for (int x = 0; x < output.width; ++x) {
                const bool nail = y % s.y == 0 && x % s.x == 0;
                output.at(c, y, x) = !nails || nail ? input.at(c, y / s.y, x / s.x) : 0.0;
            }
        }
    }
}

void upsampleStep(const Volume& input, const ConvSpec& spec, const Volume& pooled,
                  const std::vector<int>& indices, TraceStep& s) {
    const Pair2 k = spec.scale;
    const bool unpool = spec.op == Operation::MaxUnpool;
    int maxY = -1;
    int maxX = -1;
    if (unpool) {
        const int flat = indices[pooled.index(s.channel, s.y, s.x)];
        maxY = flat / input.width;
        maxX = flat % input.width;
        s.sum = pooled.at(s.channel, s.y, s.x);
    } else {
        s.sum = input.at(s.channel, s.y, s.x);
    }
    s.result = s.sum;
    s.winner = -1;
    s.taps.reserve(static_cast<std::size_t>(k.y) * k.x);
    for (int dy = 0; dy < k.y; ++dy) {
        for (int dx = 0; dx < k.x; ++dx) {
            Tap t;
            t.channel = s.channel;
            t.y = s.y * k.y + dy;
            t.x = s.x * k.x + dx;
            t.kernelY = dy;
            t.kernelX = dx;
            bool lands = true;
            if (unpool) {
                // The pooling window and the output cell cover the same coordinates.
                t.sourceY = t.y;
                t.sourceX = t.x;
                lands = t.y == maxY && t.x == maxX;
            } else {
                t.sourceY = s.y;
                t.sourceX = s.x;
                lands = spec.op == Operation::Nearest || (dy == 0 && dx == 0);
            }
            t.value = input.at(s.channel, t.sourceY, t.sourceX);
            t.weight = lands ? 1.0 : 0.0;
            t.product = lands ? t.value : 0.0;
            if (lands && spec.op != Operation::Nearest) s.winner = static_cast<int>(s.taps.size());
            s.taps.push_back(t);
        }
    }
}

std::string upsampleArithmetic(const TraceStep& step, const ConvSpec& spec, int maxTerms) {
    const Pair2 k = spec.scale;
    const std::string cell = "rows " + range(step.y * k.y, step.y * k.y + k.y - 1) + ", cols " +
                             range(step.x * k.x, step.x * k.x + k.x - 1);
    const std::string value = formatNumber(step.result);
    if (spec.op == Operation::Nearest) return value + " \u2192 " + cell;
    const bool single = k.y == 1 && k.x == 1;
    const Tap* target = step.winner >= 0 && step.winner < static_cast<int>(step.taps.size())
                            ? &step.taps[static_cast<std::size_t>(step.winner)]
                            : nullptr;
    const std::string where = target ? position(target->y, target->x) : std::string("?");
    const std::string zeros = single ? std::string() : ", zeros elsewhere in " + cell;
    if (spec.op == Operation::BedOfNails) return value + " \u2192 " + where + zeros;
    std::string terms;
    int shown = 0;
    for (const Tap& t : step.taps) {
        if (shown >= maxTerms) {
            terms += (shown > 0 ? ", " : "") + std::string("\u2026");
            break;
        }
        terms += (shown > 0 ? ", " : "") + formatNumber(t.value);
        ++shown;
    }
    const std::string from = target ? position(target->sourceY, target->sourceX) : std::string("?");
    return "max(" + terms + ") = " + value + " at " + from + " \u2192 " + where + zeros;
}

}  // namespace convscope::conv::detail
