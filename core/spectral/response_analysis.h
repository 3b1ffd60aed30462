#pragma once

#include <string>
#include <vector>

#include "core/spectral/frequency_response.h"

namespace convscope::spectral {

/// Mean |H| in `bins` rings of equal width covering radius 0 … 0.5 cycles/pixel (ring b holds radii
/// [b, b + 1)·0.5/bins); frequencies beyond 0.5 (the corners) are left out so every ring is a whole circle.
/// Empty rings (possible when bins > N/2) hold NaN. bins must be at least 1.
std::vector<double> radialProfile(const FrequencyResponse& response, int bins);

/// Share of the energy Σ|H|² per orientation, in `bins` sectors covering 0 … 180° (a real kernel's response
/// is symmetric through the origin, so θ and θ + 180° are the same orientation). θ is measured on screen,
/// counter-clockwise from +f_x: 0° is horizontal frequency (intensity changing along x, i.e. vertical edges),
/// 90° vertical frequency. DC and radii beyond 0.5 are left out. The shares sum to 1 (all 0 for a response
/// without energy off DC).
std::vector<double> angularProfile(const FrequencyResponse& response, int bins);

enum class ResponseKind {
    Zero,       ///< no gain anywhere
    AllPass,    ///< the same gain at every frequency (identity, a shift)
    LowPass,    ///< keeps DC and low frequencies, attenuates high ones (blurs)
    HighPass,   ///< blocks DC, passes high frequencies (edge and Laplacian detectors)
    BandPass,   ///< blocks DC and the highest frequencies, passes a band in between (Gabor, LoG)
    HighBoost,  ///< keeps DC and amplifies high frequencies (sharpening)
    Mixed,      ///< none of the above
};

/// What a response does, derived from the response itself (not from the kernel's name).
struct ResponseClass {
    ResponseKind kind = ResponseKind::Mixed;
    bool directional = false;       ///< one orientation holds most of the energy
    double orientationDeg = 0.0;    ///< that orientation (0 … 180°), meaningful when directional
    double dcGain = 0.0;            ///< H(0)
    double peakGain = 0.0;          ///< max |H|
    double peakRadius = 0.0;        ///< cycles/pixel at the ring of highest mean gain
    double lowGain = 0.0;           ///< mean |H| below 0.125 cycles/pixel
    double highGain = 0.0;          ///< mean |H| from 0.375 to 0.5 cycles/pixel
    double orientationShare = 0.0;  ///< energy share within ±15° of the orientation
    std::string summary;            ///< one sentence, e.g. "High-pass, directional at 0°: ..."
};

/// Classification rules (gains relative to the peak gain P; radial profile with N/4 rings):
/// Zero: P < 1e-12. AllPass: the radial profile varies by less than 5 % of P. LowPass: |H(0)| ≥ 0.7·P and
/// the high band ≤ 0.5 × the low band. HighPass: |H(0)| ≤ 0.1·P and the high band ≥ 0.5·P. BandPass:
/// |H(0)| ≤ 0.5·P, the best ring between 0.05 and 0.45 and the high band ≤ 0.7·P. HighBoost: |H(0)| > 0.1·P
/// and the high band ≥ 1.5 × the low band. Directional: the energy within ±15° of the best orientation is at
/// least 30 % of all energy off DC (a uniform spread gives 17 %; Sobel X has 36 %, a 21x21 Gabor 81 %).
ResponseClass classifyResponse(const FrequencyResponse& response);

std::string toString(ResponseKind kind);  ///< "low-pass", "high-pass", ...

}  // namespace convscope::spectral
