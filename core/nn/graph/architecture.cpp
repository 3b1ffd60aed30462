#include "core/nn/graph/architecture.h"

namespace convscope::nn {

bool isElementwise(const ArchNode& node) {
    static const char* const kinds[] = {"BatchNorm2d", "ReLU", "ReLU6", "SiLU", "Sigmoid", "Tanh", "Dropout"};
    for (const char* k : kinds)
        if (node.type == k) return true;
    return false;
}

std::string toString(ScopeKind kind) {
    switch (kind) {
        case ScopeKind::Model:
            return "model";
        case ScopeKind::Stage:
            return "stage";
        case ScopeKind::Block:
            return "block";
        case ScopeKind::Branch:
            return "branch";
        case ScopeKind::SidePath:
            return "side path";
        case ScopeKind::Shortcut:
            return "shortcut";
        case ScopeKind::SideExit:
            return "side exit";
    }
    return "scope";
}

std::string groupDigits(std::int64_t value) {
    std::string digits = std::to_string(value < 0 ? -value : value);
    std::string out;
    const int n = static_cast<int>(digits.size());
    for (int i = 0; i < n; ++i) {
        if (i > 0 && (n - i) % 3 == 0) out += ',';
        out += digits[static_cast<std::size_t>(i)];
    }
    return value < 0 ? "-" + out : out;
}

std::string shapeText(const std::vector<std::int64_t>& shape) {
    std::string out;
    for (std::size_t i = 0; i < shape.size(); ++i) out += (i ? "×" : "") + std::to_string(shape[i]);
    return out;
}

}  // namespace convscope::nn
