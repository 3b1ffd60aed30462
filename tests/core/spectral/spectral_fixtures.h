#pragma once
// Readers for the numpy reference values in tests/data/spectral (made by make_fixtures.py there).

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace convscope::spectral::testing {

struct ResponseFixture {
    std::string name, origin, of;
    int size = 0;
    int rows = 0, cols = 0;
    std::vector<double> kernel, magnitude, phase;
};

struct SpectrumFixture {
    std::string name;
    bool hann = false;
    int rows = 0, cols = 0;
    std::vector<double> image, logmag;
};

inline std::string fixturePath(const char* file) {
    return std::string(CONVSCOPE_TEST_DATA_DIR) + "/spectral/" + file;
}

inline std::vector<double> readNumbers(std::istringstream& line) {
    std::vector<double> v;
    for (double x; line >> x;) v.push_back(x);
    return v;
}

inline std::vector<ResponseFixture> responseFixtures() {
    std::vector<ResponseFixture> all;
    std::ifstream in(fixturePath("frequency_fixtures.txt"));
    for (std::string text; std::getline(in, text);) {
        std::istringstream line(text);
        std::string tag;
        line >> tag;
        if (tag == "case") {
            all.emplace_back();
            line >> all.back().name >> all.back().origin >> all.back().of >> all.back().size;
        } else if (tag == "kernel") {
            line >> all.back().rows >> all.back().cols;
            all.back().kernel = readNumbers(line);
        } else if (tag == "magnitude") {
            all.back().magnitude = readNumbers(line);
        } else if (tag == "phase") {
            all.back().phase = readNumbers(line);
        }
    }
    return all;
}

inline std::vector<SpectrumFixture> spectrumFixtures() {
    std::vector<SpectrumFixture> all;
    std::ifstream in(fixturePath("spectrum_fixtures.txt"));
    for (std::string text; std::getline(in, text);) {
        std::istringstream line(text);
        std::string tag;
        line >> tag;
        if (tag == "spectrum") {
            all.emplace_back();
            int hann = 0;
            line >> all.back().name >> hann >> all.back().rows >> all.back().cols;
            all.back().hann = hann != 0;
        } else if (tag == "image") {
            all.back().image = readNumbers(line);
        } else if (tag == "logmag") {
            all.back().logmag = readNumbers(line);
        }
    }
    return all;
}

}  // namespace convscope::spectral::testing
