#pragma once

#include <string>
#include <vector>

#include "core/conv/volume3d.h"

namespace convscope::conv {

/// One value per axis of a 3-D convolution: d = depth (planes, frames), y = rows, x = columns.
struct Triple {
    int d = 1;
    int y = 1;
    int x = 1;
    bool operator==(const Triple& o) const { return d == o.d && y == o.y && x == o.x; }
};

/// The geometry of conv3d (groups = 1, zeros padding on both sides of each axis, as PyTorch's
/// padding=(pd,ph,pw)).
struct Conv3dSpec {
    Triple padding{0, 0, 0};
    Triple stride{1, 1, 1};
    Triple dilation{1, 1, 1};
};

/// One multiplication of a step: (channel, z, y, x) in UNPADDED input coordinates (negative or >= size inside
/// the padding, whose value is 0).
struct Tap3d {
    int channel = 0;
    int z = 0;
    int y = 0;
    int x = 0;
    int kernelZ = 0;
    int kernelY = 0;
    int kernelX = 0;
    bool padded = false;
    double value = 0.0;
    double weight = 0.0;
    double product = 0.0;
};

/// One step: the output element (channel, z, y, x) and every product that made it.
struct Conv3dStep {
    int index = 0;
    int channel = 0;
    int z = 0;
    int y = 0;
    int x = 0;
    std::vector<Tap3d> taps;  ///< in order: input channel, kernel plane, kernel row, kernel column
    double sum = 0.0;         ///< the sum of the products
    double bias = 0.0;
    double result = 0.0;  ///< sum + bias
};

/// A 3-D convolution (PyTorch's conv3d, cross-correlation, batch of one), replayable step by step like
/// ConvTrace: the kernel moves along depth, rows and columns; one step per output element, in the order
/// channel, plane, row, column.
///
/// Construction validates everything (throws ConvError with one sentence) and computes the whole output with
/// the same sums, in the same order, that step() lists. Immutable; may be read from several threads.
class Conv3dTrace {
public:
    Conv3dTrace(Volume3d input, FilterBank3d weights, Conv3dSpec spec);

    /// The output shape (values empty) of `spec` on `input` with `weights`, after the same validation the
    /// constructor does. Throws ConvError.
    static Volume3d outputShape(const Volume3d& input, const FilterBank3d& weights, const Conv3dSpec& spec);

    const Volume3d& input() const { return m_input; }
    const FilterBank3d& weights() const { return m_weights; }
    const Conv3dSpec& spec() const { return m_spec; }
    const Volume3d& output() const { return m_output; }

    int stepCount() const { return static_cast<int>(m_output.size()); }
    /// The i-th step. Throws std::out_of_range.
    Conv3dStep step(int index) const;
    /// The step that writes output (c, z, y, x); −1 when out of range.
    int stepIndexOf(int c, int z, int y, int x) const;
    /// The output after `stepsDone` steps (0..stepCount()): finished elements hold their value, the others
    /// NaN.
    Volume3d partialOutput(int stepsDone) const;
    /// The input with its zero padding around every plane and in front of and behind the planes.
    Volume3d paddedInput() const;

    /// "1·1 + 2·1 + … = 378", with at most `maxTerms` products before an ellipsis; " + 0.5 (bias)" when the
    /// weights have a bias.
    std::string arithmetic(const Conv3dStep& step, int maxTerms = 12) const;

private:
    Volume3d m_input;
    FilterBank3d m_weights;
    Conv3dSpec m_spec;
    Volume3d m_output;
};

}  // namespace convscope::conv
