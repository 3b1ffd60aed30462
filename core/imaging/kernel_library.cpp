#include "core/imaging/kernel_library.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <sstream>
#include <stdexcept>

#include <opencv2/imgproc.hpp>

namespace convscope::imaging {

using common::Kernel;

namespace {

constexpr double kPi = 3.14159265358979323846;

// Angles of the oriented presets (gabor, motion-blur) are measured counter-clockwise as seen on screen, from
// the +x axis (pointing right) towards +y pointing UP. Image rows grow downwards, so kernel element (r, c)
// sits at x = c - anchorCol, y = anchorRow - r. The grating test pattern uses the same convention, so a
// grating at angle θ excites the Gabor filter at the same θ most strongly.
double xAt(int c, int size) {
    return c - (size - 1) / 2;
}
double yAt(int r, int size) {
    return (size - 1) / 2 - r;
}

Kernel fromRows(int rows, int cols, std::initializer_list<double> values) {
    return Kernel(rows, cols, std::vector<double>(values));
}

std::vector<double> gaussian1d(int size, double sigma) {
    const cv::Mat g = cv::getGaussianKernel(size, sigma, CV_64F);
    return std::vector<double>(g.begin<double>(), g.end<double>());
}

// Outer product g * g^T, one multiplication per element, exactly as numpy's (n x 1) @ (1 x n).
Kernel outer(const std::vector<double>& g) {
    const int n = static_cast<int>(g.size());
    std::vector<double> v(g.size() * g.size());
    for (int r = 0; r < n; ++r)
        for (int c = 0; c < n; ++c)
            v[static_cast<size_t>(r * n + c)] = g[static_cast<size_t>(r)] * g[static_cast<size_t>(c)];
    return Kernel(n, n, std::move(v));
}

Kernel identityKernel(int size) {
    Kernel k = Kernel::zeros(size, size);
    k.set(size / 2, size / 2, 1.0);
    return k;
}

Kernel gaborKernel(int size, double sigma, double thetaDeg, double lambda, double gamma, double psiDeg) {
    const double theta = thetaDeg * kPi / 180.0;
    const double psi = psiDeg * kPi / 180.0;
    const double ct = std::cos(theta), st = std::sin(theta);
    Kernel k = Kernel::zeros(size, size);
    for (int r = 0; r < size; ++r) {
        for (int c = 0; c < size; ++c) {
            const double x = xAt(c, size), y = yAt(r, size);
            const double xr = x * ct + y * st;
            const double yr = -x * st + y * ct;
            const double envelope = std::exp(-(xr * xr + gamma * gamma * yr * yr) / (2.0 * sigma * sigma));
            k.set(r, c, envelope * std::cos(2.0 * kPi * xr / lambda + psi));
        }
    }
    return k;
}

// Sampled Laplacian of Gaussian: (x^2 + y^2 - 2 sigma^2) / sigma^4 * G(x, y), G the unit-integral Gaussian.
// The truncated samples do not sum to 0, which would make flat regions respond; subtracting the mean from
// every element restores the zero sum (to rounding) while keeping the shape.
Kernel logKernel(int size, double sigma) {
    const double s2 = sigma * sigma;
    std::vector<double> v(static_cast<size_t>(size) * static_cast<size_t>(size));
    double total = 0.0;
    for (int r = 0; r < size; ++r) {
        for (int c = 0; c < size; ++c) {
            const double x = xAt(c, size), y = yAt(r, size);
            const double q = x * x + y * y;
            const double value = (q - 2.0 * s2) / (s2 * s2) * std::exp(-q / (2.0 * s2)) / (2.0 * kPi * s2);
            v[static_cast<size_t>(r * size + c)] = value;
            total += value;
        }
    }
    const double mean = total / static_cast<double>(v.size());
    for (double& x : v) x -= mean;
    return Kernel(size, size, std::move(v));
}

Kernel unsharpKernel(int size, double sigma, double amount) {
    const Kernel g = outer(gaussian1d(size, sigma));
    const Kernel id = identityKernel(size);
    Kernel k = Kernel::zeros(size, size);
    for (int r = 0; r < size; ++r)
        for (int c = 0; c < size; ++c) k.set(r, c, id.at(r, c) + amount * (id.at(r, c) - g.at(r, c)));
    return k;
}

// Length of the segment p0 + t (p1 - p0), t in [0, 1], inside the axis-aligned box [x0, x1] x [y0, y1]
// (Liang-Barsky clipping).
double clippedLength(double ax, double ay, double bx, double by, double x0, double x1, double y0, double y1) {
    const double dx = bx - ax, dy = by - ay;
    double t0 = 0.0, t1 = 1.0;
    const double p[4] = {-dx, dx, -dy, dy};
    const double q[4] = {ax - x0, x1 - ax, ay - y0, y1 - ay};
    for (int i = 0; i < 4; ++i) {
        if (p[i] == 0.0) {
            if (q[i] < 0.0) return 0.0;
            continue;
        }
        const double t = q[i] / p[i];
        if (p[i] < 0.0) {
            t0 = std::max(t0, t);
        } else {
            t1 = std::min(t1, t);
        }
        if (t0 >= t1) return 0.0;
    }
    return (t1 - t0) * std::hypot(dx, dy);
}

// An anti-aliased line: each pixel's weight is the length of the segment that crosses its unit square (area
// sampling of an infinitely thin line). The segment is `length` pixels long and centred on the kernel centre,
// so at 0° a length-L kernel is a row of L equal weights (halves at the ends for even L).
Kernel motionBlurKernel(int length, double angleDeg) {
    const int size = length % 2 == 1 ? length : length + 1;
    const double a = angleDeg * kPi / 180.0;
    const double hx = 0.5 * length * std::cos(a), hy = 0.5 * length * std::sin(a);
    Kernel k = Kernel::zeros(size, size);
    for (int r = 0; r < size; ++r) {
        for (int c = 0; c < size; ++c) {
            const double x = xAt(c, size), y = yAt(r, size);
            k.set(r, c, clippedLength(-hx, -hy, hx, hy, x - 0.5, x + 0.5, y - 0.5, y + 0.5));
        }
    }
    // Rounding in the clipping can make mirrored pixels differ in the last bit; averaging with the 180°
    // rotation makes the kernel exactly symmetric, as a line through the centre is.
    const Kernel flipped = k.flipped();
    for (int r = 0; r < size; ++r)
        for (int c = 0; c < size; ++c) k.set(r, c, 0.5 * (k.at(r, c) + flipped.at(r, c)));
    return k.normalized();
}

ParamSpec sizeParam(double minimum, double maximum, double defaultValue, bool oddOnly) {
    ParamSpec p;
    p.key = "size";
    p.label = "Size";
    p.unit = "px";
    p.minimum = minimum;
    p.maximum = maximum;
    p.step = oddOnly ? 2.0 : 1.0;
    p.defaultValue = defaultValue;
    p.integer = true;
    p.oddOnly = oddOnly;
    return p;
}

ParamSpec realParam(std::string key, std::string label, std::string unit, double minimum, double maximum,
                    double step, double defaultValue) {
    ParamSpec p;
    p.key = std::move(key);
    p.label = std::move(label);
    p.unit = std::move(unit);
    p.minimum = minimum;
    p.maximum = maximum;
    p.step = step;
    p.defaultValue = defaultValue;
    return p;
}

ParamSpec sigmaParam(double minimum, double maximum, double defaultValue) {
    return realParam("sigma", "σ", "px", minimum, maximum, 0.1, defaultValue);
}

using Builder = std::function<Kernel(const ParamValues&)>;

struct Preset {
    PresetInfo info;
    Builder build;
};

Preset fixed(std::string name, std::string title, std::string description, bool fromSeed, Kernel kernel) {
    return Preset{PresetInfo{std::move(name), std::move(title), std::move(description), {}, fromSeed},
                  [kernel](const ParamValues&) { return kernel; }};
}

int asInt(const ParamValues& p, const char* key) {
    return static_cast<int>(std::lround(p.at(key)));
}

std::vector<Preset> buildPresets() {
    std::vector<Preset> presets;
    presets.push_back(
        fixed("gaussian-blur", "Gaussian blur",
              "Weighted 3x3 average (σ = 1): smooths noise and fine detail, flat regions unchanged", true,
              outer(gaussian1d(3, 1.0))));
    presets.push_back(fixed("sharpen", "Sharpen",
                            "The pixel plus its difference from its four neighbours: boosts edges and fine "
                            "detail, flat regions unchanged",
                            true, fromRows(3, 3, {0, -1, 0, -1, 5, -1, 0, -1, 0})));
    presets.push_back(
        fixed("edge-detection", "Edge detection",
              "The pixel minus its eight neighbours: responds to edges, lines and spots in every "
              "direction, zero on flat regions",
              true, fromRows(3, 3, {-1, -1, -1, -1, 8, -1, -1, -1, -1})));
    presets.push_back(fixed("emboss", "Emboss",
                            "Diagonal difference added to the pixel: brighter where the image gets brighter "
                            "towards the lower right, a relief look",
                            true, fromRows(3, 3, {-2, -1, 0, -1, 1, 1, 0, 1, 2})));
    presets.push_back(
        fixed("sobel-x", "Sobel X",
              "Horizontal intensity changes, i.e. vertical edges; positive where the image gets "
              "brighter to the right (correlation)",
              true, fromRows(3, 3, {-1, 0, 1, -2, 0, 2, -1, 0, 1})));
    presets.push_back(
        fixed("sobel-y", "Sobel Y",
              "Vertical intensity changes, i.e. horizontal edges; positive where the image gets "
              "brighter downwards (correlation)",
              false, fromRows(3, 3, {-1, -2, -1, 0, 0, 0, 1, 2, 1})));
    presets.push_back(
        fixed("laplacian", "Laplacian",
              "Second derivative in all directions (4-neighbour): spots, lines and both sides of "
              "edges; zero on flat regions and linear ramps",
              false, fromRows(3, 3, {0, 1, 0, 1, -4, 1, 0, 1, 0})));

    presets.push_back(
        {{"box",
          "Box blur",
          "Plain average of a size x size square: blurs, but lets some fine detail through with "
          "inverted contrast",
          {sizeParam(1, 31, 5, false)},
          false},
         [](const ParamValues& p) {
             const int n = asInt(p, "size");
             return Kernel(n, n, std::vector<double>(static_cast<size_t>(n * n), 1.0 / (n * n)));
         }});
    presets.push_back(
        {{"gaussian",
          "Gaussian",
          "Normalised sampled Gaussian: smooths away detail finer than about σ pixels without "
          "ringing",
          {sizeParam(1, 31, 7, true), sigmaParam(0.1, 20, 1.5)},
          false},
         [](const ParamValues& p) { return outer(gaussian1d(asInt(p, "size"), p.at("sigma"))); }});
    presets.push_back(
        {{"gabor",
          "Gabor",
          "Stripes of wavelength λ under a Gaussian envelope; θ is the direction of the wave "
          "vector, counter-clockwise from +x (0°: vertical stripes), like a V1 simple cell",
          {sizeParam(3, 31, 21, true), sigmaParam(0.5, 20, 4), realParam("theta", "θ", "°", -180, 180, 5, 0),
           realParam("lambda", "λ", "px", 2, 60, 0.5, 10), realParam("gamma", "γ", "", 0.1, 2, 0.05, 0.5),
           realParam("psi", "ψ", "°", -180, 180, 15, 0)},
          false},
         [](const ParamValues& p) {
             return gaborKernel(asInt(p, "size"), p.at("sigma"), p.at("theta"), p.at("lambda"), p.at("gamma"),
                                p.at("psi"));
         }});
    presets.push_back({{"log",
                        "Laplacian of Gaussian",
                        "Sampled ∇²G shifted to sum exactly to 0: blobs about 2.8σ across and edges (as zero "
                        "crossings); negative centre",
                        {sizeParam(3, 31, 9, true), sigmaParam(0.5, 10, 1.4)},
                        false},
                       [](const ParamValues& p) { return logKernel(asInt(p, "size"), p.at("sigma")); }});
    presets.push_back(
        {{"unsharp",
          "Unsharp mask",
          "Identity + amount·(identity − Gaussian): adds back detail finer than σ; sums to 1 so "
          "flat regions are unchanged",
          {sizeParam(3, 31, 5, true), sigmaParam(0.1, 20, 1),
           realParam("amount", "Amount", "", 0, 5, 0.1, 1)},
          false},
         [](const ParamValues& p) {
             return unsharpKernel(asInt(p, "size"), p.at("sigma"), p.at("amount"));
         }});
    ParamSpec length = sizeParam(1, 31, 9, false);
    length.key = "length";
    length.label = "Length";
    presets.push_back(
        {{"motion-blur",
          "Motion blur",
          "Average along an anti-aliased line of the given length and angle (counter-clockwise "
          "from +x): the smear of a camera moving that way",
          {length, realParam("angle", "Angle", "°", -180, 180, 5, 0)},
          false},
         [](const ParamValues& p) { return motionBlurKernel(asInt(p, "length"), p.at("angle")); }});
    presets.push_back({{"identity",
                        "Identity",
                        "1 at the centre: leaves the image unchanged, so only the border rule is visible",
                        {sizeParam(1, 31, 3, true)},
                        false},
                       [](const ParamValues& p) { return identityKernel(asInt(p, "size")); }});
    return presets;
}

const std::vector<Preset>& presets() {
    static const std::vector<Preset> all = buildPresets();
    return all;
}

std::string formatNumber(double v) {
    std::ostringstream out;
    out << v;
    return out.str();
}

void checkValue(const std::string& preset, const ParamSpec& spec, double value) {
    const bool inRange = std::isfinite(value) && value >= spec.minimum && value <= spec.maximum;
    const bool whole = std::isfinite(value) && value == std::floor(value);
    const bool odd = whole && std::fmod(std::abs(value), 2.0) == 1.0;
    if (inRange && (!spec.integer || whole) && (!spec.oddOnly || odd)) return;
    const std::string kind = spec.oddOnly   ? "an odd whole number"
                             : spec.integer ? "a whole number"
                                            : "a number";
    throw std::invalid_argument(preset + ": parameter '" + spec.key + "' must be " + kind + " from " +
                                formatNumber(spec.minimum) + " to " + formatNumber(spec.maximum) + ", got " +
                                formatNumber(value));
}

}  // namespace

const std::vector<PresetInfo>& kernelPresets() {
    static const std::vector<PresetInfo> infos = [] {
        std::vector<PresetInfo> v;
        for (const Preset& p : presets()) v.push_back(p.info);
        return v;
    }();
    return infos;
}

const PresetInfo* findPreset(const std::string& name) {
    for (const PresetInfo& info : kernelPresets()) {
        if (info.name == name) return &info;
    }
    return nullptr;
}

Kernel makeKernel(const std::string& name, const ParamValues& params) {
    const auto& all = presets();
    const auto it =
        std::find_if(all.begin(), all.end(), [&](const Preset& p) { return p.info.name == name; });
    if (it == all.end()) {
        std::string known;
        for (const Preset& p : all) known += (known.empty() ? "" : ", ") + p.info.name;
        throw std::invalid_argument("unknown kernel preset '" + name + "'; known presets: " + known);
    }
    const PresetInfo& info = it->info;
    for (const auto& [key, value] : params) {
        const auto spec = std::find_if(info.params.begin(), info.params.end(),
                                       [&key = key](const ParamSpec& s) { return s.key == key; });
        if (spec == info.params.end()) {
            std::string keys;
            for (const ParamSpec& s : info.params) keys += (keys.empty() ? "" : ", ") + s.key;
            throw std::invalid_argument(name + " has no parameter '" + key + "'; " +
                                        (keys.empty() ? "it takes none" : "its parameters are: " + keys));
        }
        checkValue(name, *spec, value);
    }
    ParamValues complete;
    for (const ParamSpec& s : info.params) {
        const auto given = params.find(s.key);
        complete[s.key] = given != params.end() ? given->second : s.defaultValue;
    }
    return it->build(complete);
}

}  // namespace convscope::imaging
