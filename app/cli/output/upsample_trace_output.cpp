#include "app/cli/output/upsample_trace_output.h"

#include <algorithm>
#include <vector>

#include "app/cli/output/json_writer.h"
#include "core/conv/conv_trace.h"

namespace convscope::cli {

namespace {

// One channel plane of right-aligned cells, the same look as the report's other grids.
void writeCells(std::ostream& out, const std::vector<std::string>& cells, int cols) {
    std::size_t width = 1;
    for (const std::string& c : cells) width = std::max(width, c.size());
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i % static_cast<std::size_t>(cols) == 0) out << " ";
        out << std::string(width - cells[i].size() + 1, ' ') << cells[i];
        if ((i + 1) % static_cast<std::size_t>(cols) == 0) out << "\n";
    }
}

}  // namespace

void writeUpsampleJson(JsonWriter& json, const conv::ConvTrace& trace) {
    const conv::ConvSpec& spec = trace.spec();
    json.key("scale").integers({spec.scale.y, spec.scale.x});
    if (spec.op != conv::Operation::MaxUnpool) return;
    const conv::Volume& pooled = trace.pooled();
    json.key("pooled_shape").integers({pooled.channels, pooled.height, pooled.width});
    for (const bool indices : {false, true}) {
        json.key(indices ? "indices" : "pooled").beginArray();
        for (int c = 0; c < pooled.channels; ++c) {
            json.beginArray();
            for (int y = 0; y < pooled.height; ++y) {
                json.beginArray();
                for (int x = 0; x < pooled.width; ++x) {
                    const std::size_t i = pooled.index(c, y, x);
                    if (indices)
                        json.value(trace.poolIndices()[i]);
                    else
                        json.value(pooled.values[i]);
                }
                json.endArray();
            }
            json.endArray();
        }
        json.endArray();
    }
}

void writeUpsampleText(const conv::ConvTrace& trace, std::ostream& out) {
    const conv::ConvSpec& spec = trace.spec();
    const std::string scale = spec.scale.y == spec.scale.x
                                  ? std::to_string(spec.scale.y)
                                  : std::to_string(spec.scale.y) + "x" + std::to_string(spec.scale.x);
    switch (spec.op) {
        case conv::Operation::Nearest:
            out << "scale " << scale << ": every value fills its " << spec.scale.y << "x" << spec.scale.x
                << " cell of the output\n";
            return;
        case conv::Operation::BedOfNails:
            out << "scale " << scale << ": every value goes to the top-left of its " << spec.scale.y << "x"
                << spec.scale.x << " cell, zeros elsewhere\n";
            return;
        default:
            break;
    }
    const conv::Volume& pooled = trace.pooled();
    out << "scale " << scale << ": max pooling with a " << spec.scale.y << "x" << spec.scale.x
        << " window and stride, then every maximum goes back to where it was found\n";
    out << "pooled " << pooled.shapeText() << ":\n";
    const int width = trace.input().width;
    for (int c = 0; c < pooled.channels; ++c) {
        if (pooled.channels > 1) out << "channel " << c << ":\n";
        std::vector<std::string> values;
        std::vector<std::string> where;
        for (int i = 0; i < pooled.height * pooled.width; ++i) {
            const std::size_t p = pooled.index(c, 0, 0) + static_cast<std::size_t>(i);
            const int index = trace.poolIndices()[p];
            values.push_back(conv::formatNumber(pooled.values[p]));
            where.push_back("(" + std::to_string(index / width) + "," + std::to_string(index % width) + ")");
        }
        writeCells(out, values, pooled.width);
        out << "indices (row,column of each maximum in the input):\n";
        writeCells(out, where, pooled.width);
    }
}

const char* upsampleStepIndexKey(conv::Operation op, const char* otherwise) {
    if (op == conv::Operation::MaxUnpool) return "pooled_index";
    if (conv::isUpsampling(op)) return "input_index";
    return otherwise;
}

}  // namespace convscope::cli
