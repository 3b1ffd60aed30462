#pragma once

#include <string>
#include <vector>

namespace convscope::imaging {

/// Correlation slides the kernel as it is (what CNN layers compute); convolution flips it first (the DSP
/// definition): (I*K)(y,x) = sum_m sum_n I(y-m, x-n) K(m,n), with K's origin at its anchor.
enum class CorrelationMode { Correlate, Convolve };

/// How pixels outside the image are invented.
enum class BorderMode {
    Zero,        ///< 0 outside (what CNN zero padding does)
    Reflect101,  ///< gfedcb|abcdefgh|gfedcba (mirror without repeating the edge pixel). A kernel reaching
                 ///< farther than the image keeps reflecting (period 2(n-1), OpenCV's borderInterpolate);
                 ///< a side of length 1 repeats its only pixel
    Replicate,   ///< aaaaaa|abcdefgh|hhhhhhh
    Wrap,        ///< cdefgh|abcdefgh|abcdefg (periodic, as the DFT assumes, for any kernel size)
};

/// How a kernel is applied: direct summation (cv::filter2D) or the FFT (spectral::fftFilter, overlap-save
/// tiles). Both give the same result to float rounding; Automatic asks the active FilterCostModel which is
/// faster for the image and kernel at hand.
enum class FilterMethod { Automatic, Direct, Fft };

struct FilterOptions {
    CorrelationMode mode = CorrelationMode::Correlate;
    BorderMode border = BorderMode::Reflect101;
    bool grayscale = false;  ///< convert a colour image to one luminance channel before filtering
    FilterMethod method = FilterMethod::Automatic;
};

/// How a float result becomes an 8-bit picture.
enum class SignedDisplay {
    Clip,       ///< values clipped to 0..255 (right for non-negative kernels such as blurs)
    Absolute,   ///< |v| clipped to 0..255 (edge strength regardless of sign)
    Offset,     ///< 128 + v/2 clipped to 0..255: zero is mid-grey, the sign stays visible
    Diverging,  ///< cool-warm colormap symmetric around zero, scaled to max|v|; single-channel results only
};

struct DisplayOptions {
    SignedDisplay mode = SignedDisplay::Clip;
    /// Scale by the result's true range instead of the fixed 0..255 scale (Clip: min..max to 0..255,
    /// Absolute: 0..max|v|, Offset: -max|v|..max|v|). Diverging is always scaled to max|v|.
    bool stretch = false;
};

// Stable names used by the command line and the settings file.
std::string toString(CorrelationMode mode);   ///< "correlate" | "convolve"
std::string toString(BorderMode border);      ///< "zero" | "reflect101" | "replicate" | "wrap"
std::string toString(SignedDisplay display);  ///< "clip" | "abs" | "offset" | "diverging"
std::string toString(FilterMethod method);    ///< "auto" | "direct" | "fft"
/// Parsers throw std::invalid_argument naming the valid choices.
CorrelationMode parseCorrelationMode(const std::string& text);
BorderMode parseBorderMode(const std::string& text);
SignedDisplay parseSignedDisplay(const std::string& text);
FilterMethod parseFilterMethod(const std::string& text);
std::vector<BorderMode> allBorderModes();

}  // namespace convscope::imaging
