#pragma once
// Frames for the grid board tests, built with plain loops independently of the widgets.
#include <QString>
#include <QStringList>
#include <limits>

#include "widgets/board/grid_board_frame.h"

namespace convscope::widgets::testing {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
inline const QString kMinus(QChar(0x2212));
inline constexpr int kSobelX[9] = {-1, 0, 1, -2, 0, 2, -1, 0, 1};

// The seed's example: the 6x6 input 1..36 padded by 1, a 3x3 kernel with dilation `dilation`, the window of
// output element (outRow, outCol) (steps before it computed, the rest NaN). Everything computed here with
// plain loops, independently of the widgets.
inline GridBoardFrame seedFrame(int outRow, int outCol, int dilation = 1) {
    const int n = 6;
    const int pad = dilation;  // "same" output size for a 3x3 kernel
    const int side = n + 2 * pad;
    auto input = [&](int r, int c) {
        return (r < 0 || c < 0 || r >= n || c >= n) ? 0.0 : double(r * n + c + 1);
    };

    GridPlane in;
    in.title = QStringLiteral("Input (padded)");
    in.rows = in.cols = side;
    in.firstRowIndex = in.firstColIndex = -pad;
    in.operatorAfter = QStringLiteral("⊙");
    for (int r = 0; r < side; ++r)
        for (int c = 0; c < side; ++c) {
            in.values << input(r - pad, c - pad);
            const bool padded = r < pad || c < pad || r >= n + pad || c >= n + pad;
            quint8 f = padded ? CellPadded : CellNone;
            const int dr = r - outRow;
            const int dc = c - outCol;
            const int extent = 2 * dilation;
            if (dr >= 0 && dc >= 0 && dr <= extent && dc <= extent)
                f |= (dr % dilation == 0 && dc % dilation == 0) ? CellInWindow : CellSkipped;
            in.flags << f;
        }
    GridPlane kernel;
    kernel.title = QStringLiteral("Kernel");
    kernel.rows = kernel.cols = 3;
    kernel.operatorAfter = QStringLiteral("=");
    GridPlane products;
    products.title = QStringLiteral("Products");
    products.rows = products.cols = 3;
    for (int i = 0; i < 9; ++i) {
        kernel.values << kSobelX[i];
        products.values << kSobelX[i] *
                               input(outRow + (i / 3) * dilation - pad, outCol + (i % 3) * dilation - pad);
    }
    GridPlane out;
    out.title = QStringLiteral("Output");
    out.rows = out.cols = n;
    out.layoutRow = 1;
    const int step = outRow * n + outCol;
    for (int r = 0; r < n; ++r)
        for (int c = 0; c < n; ++c) {
            double sum = 0.0;
            for (int i = 0; i < 9; ++i)
                sum += kSobelX[i] * input(r + (i / 3) * dilation - pad, c + (i % 3) * dilation - pad);
            out.values << (r * n + c <= step ? sum : kNaN);
            out.flags << (r * n + c == step ? CellCurrent : CellNone);
        }
    GridBoardFrame frame;
    frame.planes << in << kernel << products << out;
    frame.status = QStringLiteral("Step %1 of 36 · output[0, %2, %3]").arg(step + 1).arg(outRow).arg(outCol);
    QStringList terms;
    double total = 0.0;
    for (int i = 0; i < 9; ++i) {
        const double x = input(outRow + (i / 3) * dilation - pad, outCol + (i % 3) * dilation - pad);
        terms << QStringLiteral("%1·%2").arg(x).arg(kSobelX[i] < 0 ? QStringLiteral("(−%1)").arg(-kSobelX[i])
                                                                   : QString::number(kSobelX[i]));
        total += x * kSobelX[i];
    }
    frame.caption = terms.join(QStringLiteral(" + ")) + QStringLiteral(" = ") + QString::number(total);
    return frame;
}

// A frame of three `side` x `side` input planes (one per colour channel) with an 11x11 window, as for
// AlexNet.
inline GridBoardFrame largeFrame(int side) {
    GridBoardFrame frame;
    for (int ch = 0; ch < 3; ++ch) {
        GridPlane in;
        in.title = QStringLiteral("Input c%1 (padded)").arg(ch);
        in.rows = in.cols = side;
        in.layoutRow = ch;
        in.firstRowIndex = in.firstColIndex = -2;
        in.operatorAfter = QStringLiteral("⊙");
        for (int i = 0; i < side * side; ++i) {
            in.values << double((i * 37 + ch * 11) % 256);
            const int r = i / side;
            const int c = i % side;
            in.flags << quint8((r >= 40 && r < 51 && c >= 80 && c < 91) ? CellInWindow : CellNone);
        }
        GridPlane kernel;
        kernel.title = QStringLiteral("Kernel W[0, %1]").arg(ch);
        kernel.rows = kernel.cols = 11;
        kernel.layoutRow = ch;
        kernel.operatorAfter = QStringLiteral("=");
        GridPlane products = kernel;
        products.title = QStringLiteral("Products");
        products.operatorAfter.clear();
        for (int i = 0; i < 121; ++i) {
            kernel.values << (i % 7 - 3) * 0.01;
            products.values << (i % 5 - 2) * 1.5;
        }
        frame.planes << in << kernel << products;
    }
    GridPlane out;
    out.title = QStringLiteral("Output c0");
    out.rows = out.cols = 55;
    out.layoutRow = 3;
    for (int i = 0; i < 55 * 55; ++i) out.values << (i < 400 ? i * 0.5 : kNaN);
    frame.planes << out;
    frame.status = QStringLiteral("Step 401 of 290400");
    frame.caption = QStringLiteral("a long caption ").repeated(40);
    return frame;
}

}  // namespace convscope::widgets::testing
