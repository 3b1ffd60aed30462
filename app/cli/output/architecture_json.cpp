#include "app/cli/output/architecture_json.h"

namespace convscope::cli {

namespace {

std::vector<int> ints(const std::vector<std::int64_t>& v) {
    return std::vector<int>(v.begin(), v.end());
}

}  // namespace

void writeArchitecture(JsonWriter& json, const nn::Architecture& a) {
    json.beginObject();
    json.key("model").value(a.model);
    json.key("title").value(a.title);
    json.key("input_shape").integers({a.inChannels, a.inputSize, a.inputSize});
    json.key("classes").value(a.classes);
    json.key("total_params").value(static_cast<long long>(a.totalParameters));
    // Every parameter of the zoo is trained (batch norm's running statistics are buffers, not parameters).
    json.key("trainable_params").value(static_cast<long long>(a.totalParameters));
    // In total_params but read by no operation (an imported model's auxiliary heads): in no node.
    json.key("unused_params").value(static_cast<long long>(a.unusedParameters));
    json.key("total_macs").value(static_cast<long long>(a.totalMacs));
    json.key("activation_bytes").value(static_cast<long long>(a.totalActivationBytes));
    json.key("scopes").beginArray();
    for (const nn::ArchScope& s : a.scopes) {
        json.beginObject();
        json.key("id").value(s.id);
        json.key("parent").value(s.parent);
        json.key("name").value(s.name);
        json.key("title").value(s.title);
        json.key("kind").value(nn::toString(s.kind));
        json.endObject();
    }
    json.endArray();
    json.key("nodes").beginArray();
    for (const nn::ArchNode& n : a.nodes) {
        json.beginObject();
        json.key("id").value(n.id);
        json.key("name").value(n.name);
        json.key("type").value(n.type);
        json.key("detail").value(n.detail);
        json.key("scope").value(n.scope);
        json.key("inputs").integers(n.inputs);
        json.key("output_shape").integers(ints(n.shape));
        json.key("params").value(static_cast<long long>(n.parameters));
        json.key("params_arithmetic").value(n.parameterArithmetic);
        json.key("macs").value(static_cast<long long>(n.macs));
        json.key("macs_arithmetic").value(n.macArithmetic);
        json.key("activation_bytes").value(static_cast<long long>(n.activationBytes));
        json.key("receptive_field").value(static_cast<long long>(n.receptiveField));
        json.key("jump").value(static_cast<long long>(n.jump));
        json.key("global").value(n.global);
        json.endObject();
    }
    json.endArray();
    json.key("taps").beginArray();
    for (const nn::ArchTap& t : a.taps) {
        json.beginObject();
        json.key("name").value(t.name);
        json.key("node").value(t.node);
        json.key("output_shape").integers(ints(t.shape));
        json.endObject();
    }
    json.endArray();
    json.endObject();
}

}  // namespace convscope::cli
