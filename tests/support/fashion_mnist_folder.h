#pragma once
// A small folder in Fashion-MNIST's format for GUI tests (IDX files written byte by byte): class c is a
// horizontal bar at a row that depends on c, on noise, so that a tiny network learns it in one epoch.
#include <QString>
#include <cstdint>
#include <fstream>
#include <random>
#include <vector>

namespace convscope::testing {

inline void writeIdxFile(const QString& path, const std::vector<std::uint32_t>& dims,
                         const std::vector<std::uint8_t>& data) {
    std::vector<std::uint8_t> b{0, 0, 8, std::uint8_t(dims.size())};
    for (std::uint32_t d : dims)
        for (int s = 24; s >= 0; s -= 8) b.push_back(std::uint8_t(d >> s));
    b.insert(b.end(), data.begin(), data.end());
    std::ofstream(path.toStdString(), std::ios::binary)
        .write(reinterpret_cast<const char*>(b.data()), std::streamsize(b.size()));
}

inline void writeFashionMnistFolder(const QString& dir, int trainCount = 300, int testCount = 100) {
    std::mt19937 rng(5);
    std::uniform_int_distribution<int> noise(0, 40);
    for (const auto& [prefix, n] :
         {std::pair<const char*, int>{"train", trainCount}, std::pair<const char*, int>{"t10k", testCount}}) {
        std::vector<std::uint8_t> images(std::size_t(n) * 784);
        std::vector<std::uint8_t> labels(static_cast<std::size_t>(n));
        for (int i = 0; i < n; ++i) {
            const int c = i % 10;
            labels[std::size_t(i)] = std::uint8_t(c);
            for (int y = 0; y < 28; ++y)
                for (int x = 0; x < 28; ++x)
                    images[std::size_t(i) * 784 + std::size_t(y * 28 + x)] =
                        std::uint8_t((y >= 2 + 2 * c && y < 4 + 2 * c ? 200 : 20) + noise(rng));
        }
        writeIdxFile(dir + "/" + prefix + "-images-idx3-ubyte", {std::uint32_t(n), 28, 28}, images);
        writeIdxFile(dir + "/" + prefix + "-labels-idx1-ubyte", {std::uint32_t(n)}, labels);
    }
}

}  // namespace convscope::testing
