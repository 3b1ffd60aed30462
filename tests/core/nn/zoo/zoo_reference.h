#pragma once

// Reads tests/data/nn/zoo_reference.txt (made by make_zoo_reference.py there from torchvision and independent
// PyTorch definitions): per model its parameter count, multiply-accumulates at 3x224x224, and the output
// shape of every convolution and linear layer by module path.

#include <cstdint>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

struct ZooReference {
    std::int64_t params = 0;
    std::int64_t macs = 0;
    std::vector<std::pair<std::string, std::vector<std::int64_t>>> layers;
};

inline std::map<std::string, ZooReference> loadZooReference() {
    std::map<std::string, ZooReference> out;
    std::ifstream in(std::string(CONVSCOPE_TEST_DATA_DIR) + "/nn/zoo_reference.txt");
    for (std::string line; std::getline(in, line);) {
        std::istringstream s(line);
        std::string kind, model;
        s >> kind >> model;
        if (kind == "model") {
            std::string word;
            s >> word >> out[model].params >> word >> out[model].macs;
        } else if (kind == "layer") {
            std::string path;
            s >> path;
            std::vector<std::int64_t> shape;
            for (std::int64_t d; s >> d;) shape.push_back(d);
            out[model].layers.emplace_back(path, shape);
        }
    }
    return out;
}
