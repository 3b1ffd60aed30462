#pragma once

// Internal to core/nn/imported: what an operation of an imported graph is, for the description: its type
// in the zoo's words ("Conv2d", "Add"), detail, parameters with their arithmetic, multiply-accumulates and
// receptive field, read from the node's constant arguments and the parameters it uses.

#include <torch/torch.h>

#include <map>
#include <string>
#include <vector>

#include "core/nn/graph/architecture.h"
#include "core/nn/imported/script_graph.h"

namespace convscope::nn::script {

/// Fills `node` (whose id, name, inputs and shape are set) from `op`. `nodes` holds the earlier nodes
/// (their receptive fields and shapes); `parameters` maps qualified names to the model's tensors.
void describeOperation(const ScriptOp& op, ArchNode& node, const std::vector<ArchNode>& nodes,
                       const std::map<std::string, torch::Tensor>& parameters);

}  // namespace convscope::nn::script
