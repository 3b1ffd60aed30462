#include "core/spectral/response_analysis.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>

namespace convscope::spectral {

namespace {

constexpr double kPi = 3.14159265358979323846;
// Twice the share a uniform spread puts within ±15° (31 of 180 one-degree sectors, 17 %).
constexpr double kDirectionalShare = 0.3;

template <typename Visit>
void forEachInCircle(const FrequencyResponse& r, Visit&& visit) {
    const int n = r.size;
    for (int row = 0; row < n; ++row) {
        const double fy = FrequencyResponse::frequencyOf(row, n);
        for (int col = 0; col < n; ++col) {
            const double fx = FrequencyResponse::frequencyOf(col, n);
            const double radius = std::hypot(fx, fy);
            if (radius <= 0.5) visit(fx, fy, radius, r.magnitudeAt(row, col));
        }
    }
}

double meanOver(const std::vector<double>& profile, double r0, double r1) {
    const int bins = int(profile.size());
    double sum = 0.0;
    int count = 0;
    for (int b = 0; b < bins; ++b) {
        const double centre = (b + 0.5) * 0.5 / bins;
        if (centre >= r0 && centre <= r1 && !std::isnan(profile[std::size_t(b)])) {
            sum += profile[std::size_t(b)];
            ++count;
        }
    }
    return count ? sum / count : 0.0;
}

std::string number(double v, int digits = 3) {
    std::ostringstream s;
    s.precision(digits);
    s << v;
    return s.str();
}

}  // namespace

std::vector<double> radialProfile(const FrequencyResponse& response, int bins) {
    if (bins < 1) throw std::invalid_argument("a radial profile needs at least one ring");
    std::vector<double> sum(std::size_t(bins), 0.0);
    std::vector<int> count(std::size_t(bins), 0);
    forEachInCircle(response, [&](double, double, double radius, double mag) {
        const int b = std::min(bins - 1, int(radius / 0.5 * bins));
        sum[std::size_t(b)] += mag;
        ++count[std::size_t(b)];
    });
    for (int b = 0; b < bins; ++b)
        sum[std::size_t(b)] = count[std::size_t(b)] ? sum[std::size_t(b)] / count[std::size_t(b)]
                                                    : std::numeric_limits<double>::quiet_NaN();
    return sum;
}

std::vector<double> angularProfile(const FrequencyResponse& response, int bins) {
    if (bins < 1) throw std::invalid_argument("an angular profile needs at least one sector");
    std::vector<double> energy(std::size_t(bins), 0.0);
    double total = 0.0;
    forEachInCircle(response, [&](double fx, double fy, double radius, double mag) {
        if (radius == 0.0) return;
        double theta = std::atan2(-fy, fx) * 180.0 / kPi;  // on screen, counter-clockwise
        if (theta < 0.0) theta += 180.0;
        if (theta >= 180.0) theta -= 180.0;
        const int b = std::min(bins - 1, int(theta / 180.0 * bins));
        energy[std::size_t(b)] += mag * mag;
        total += mag * mag;
    });
    if (total > 0.0)
        for (double& e : energy) e /= total;
    return energy;
}

ResponseClass classifyResponse(const FrequencyResponse& response) {
    ResponseClass c;
    c.dcGain = response.dcGain;
    c.peakGain = response.peakGain;
    const double p = response.peakGain;
    if (p < 1e-12) {
        c.kind = ResponseKind::Zero;
        c.summary = "Zero: the kernel removes everything.";
        return c;
    }
    const std::vector<double> radial = radialProfile(response, std::max(4, response.size / 4));
    double lo = std::numeric_limits<double>::infinity(), hi = 0.0;
    int best = 0;
    for (int b = 0; b < int(radial.size()); ++b) {
        const double v = radial[std::size_t(b)];
        if (std::isnan(v)) continue;
        lo = std::min(lo, v);
        hi = std::max(hi, v);
        if (v > radial[std::size_t(best)]) best = b;
    }
    c.peakRadius = (best + 0.5) * 0.5 / double(radial.size());
    c.lowGain = meanOver(radial, 0.0, 0.125);
    c.highGain = meanOver(radial, 0.375, 0.5);
    const double dc = std::abs(response.dcGain);

    if (hi - lo < 0.05 * p) {
        c.kind = ResponseKind::AllPass;
    } else if (dc >= 0.7 * p && c.highGain <= 0.5 * c.lowGain) {
        c.kind = ResponseKind::LowPass;
    } else if (dc <= 0.1 * p && c.highGain >= 0.5 * p) {
        c.kind = ResponseKind::HighPass;
    } else if (dc <= 0.5 * p && c.peakRadius > 0.05 && c.peakRadius < 0.45 && c.highGain <= 0.7 * p) {
        c.kind = ResponseKind::BandPass;
    } else if (dc > 0.1 * p && c.highGain >= 1.5 * c.lowGain) {
        c.kind = ResponseKind::HighBoost;
    } else {
        c.kind = ResponseKind::Mixed;
    }

    // Orientation: 1° sectors, the best ±15° window (wrapping at 180°).
    const std::vector<double> angular = angularProfile(response, 180);
    double bestShare = 0.0;
    for (int centre = 0; centre < 180; ++centre) {
        double share = 0.0;
        for (int d = -15; d <= 15; ++d) share += angular[std::size_t((centre + d + 180) % 180)];
        bestShare = std::max(bestShare, share);
    }
    c.orientationShare = bestShare;
    // The orientation is the energy-weighted circular mean of all sectors (angles doubled, since θ and
    // θ + 180° are one orientation): a lobe centred on 0° reads 0°, not the edge of a sector. It is only
    // reported for directional responses, where one lobe dominates the mean.
    double sx = 0.0, sy = 0.0;
    for (int sector = 0; sector < 180; ++sector) {
        const double angle = 2.0 * (sector + 0.5) * kPi / 180.0;
        sx += angular[std::size_t(sector)] * std::cos(angle);
        sy += angular[std::size_t(sector)] * std::sin(angle);
    }
    double orientation = 0.5 * std::atan2(sy, sx) * 180.0 / kPi;
    if (orientation < 0.0) orientation += 180.0;
    c.orientationDeg = orientation >= 179.95 ? 0.0 : orientation;
    c.directional = c.kind != ResponseKind::AllPass && bestShare >= kDirectionalShare;

    std::string text;
    switch (c.kind) {
        case ResponseKind::AllPass:
            text = "All-pass: every frequency keeps a gain of " + number(p) + ".";
            break;
        case ResponseKind::LowPass:
            text = "Low-pass: keeps slow changes (gain " + number(dc) + " at DC), attenuates fine detail (" +
                   number(c.highGain) + " near Nyquist): it blurs.";
            break;
        case ResponseKind::HighPass:
            text = "High-pass: blocks flat areas (gain " + number(dc) + " at DC), passes fine detail (" +
                   number(c.highGain) + " near Nyquist): it finds edges.";
            break;
        case ResponseKind::BandPass:
            text = "Band-pass: strongest around " + number(c.peakRadius, 2) +
                   " cycles/pixel, weak at DC (flat areas) and near Nyquist (pixel-to-pixel changes).";
            break;
        case ResponseKind::HighBoost:
            text = "High-boost: keeps DC (gain " + number(dc) + ") and amplifies fine detail (" +
                   number(c.highGain) + " near Nyquist): it sharpens.";
            break;
        case ResponseKind::Mixed:
        default:
            text = "Mixed response: DC gain " + number(dc) + ", peak " + number(p) + ".";
            break;
        case ResponseKind::Zero:
            break;
    }
    if (c.directional) {
        const int deg = int(std::lround(c.orientationDeg)) % 180;
        const std::string along = std::to_string(deg) + "°";
        const std::string across = std::to_string((deg + 90) % 180) + "°";
        text +=
            " Directional: " + number(100.0 * bestShare, 2) + "% of its energy lies within ±15° of " + along;
        // A directional blur keeps the changes along its orientation and smooths those across it.
        text += c.kind == ResponseKind::LowPass ? ": it keeps intensity changes along " + along +
                                                      " and smooths those along " + across + "."
                                                : ", so it responds to intensity changes along " + along +
                                                      " (edges running at " + across + ").";
    }
    c.summary = text;
    return c;
}

std::string toString(ResponseKind kind) {
    switch (kind) {
        case ResponseKind::Zero:
            return "zero";
        case ResponseKind::AllPass:
            return "all-pass";
        case ResponseKind::LowPass:
            return "low-pass";
        case ResponseKind::HighPass:
            return "high-pass";
        case ResponseKind::BandPass:
            return "band-pass";
        case ResponseKind::HighBoost:
            return "high-boost";
        case ResponseKind::Mixed:
        default:
            return "mixed";
    }
}

}  // namespace convscope::spectral
