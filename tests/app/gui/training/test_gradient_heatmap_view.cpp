// The depth × step heatmap of gradient norms: rows are the conv/linear weights (rank ≥ 2) in the frame's
// order, columns the frames, values log10 of the given norms; past maxColumns() columns neighbours merge
// into geometric means and the column count stays bounded; hover names parameter, step and norm.
#include <QTest>
#include <cmath>

#include "app/gui/training/gradient_heatmap_view.h"
#include "tests/support/test_main.h"
#include "widgets/plot/heatmap_view.h"

using namespace convscope;
using gui::GradientHeatmapView;
using gui::InstrumentFrame;

namespace {

// conv1.weight (rank 4), conv1.bias (1), bn1.weight (1), fc.weight (2), fc.bias (1).
InstrumentFrame frame(qint64 step, double convNorm, double fcNorm, bool ranks = true) {
    InstrumentFrame f;
    f.step = step;
    f.epoch = 1;
    f.parameters = {QStringLiteral("conv1.weight"), QStringLiteral("conv1.bias"),
                    QStringLiteral("bn1.weight"), QStringLiteral("fc.weight"), QStringLiteral("fc.bias")};
    f.gradNorms = {convNorm, 5.0, 7.0, fcNorm, 9.0};
    if (ranks) f.parameterRanks = {4, 1, 1, 2, 1};
    return f;
}

}  // namespace

class TestGradientHeatmapView : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void emptyShowsNothing() {
        GradientHeatmapView view;
        QCOMPARE(view.heatmap()->rows(), 0);
        view.setFrames({});
        QCOMPARE(view.heatmap()->cols(), 0);
    }

    void rowsColumnsAndValues() {
        GradientHeatmapView view;
        view.setFrames({frame(10, 0.5, 2.0), frame(20, 1e-3, 40.0), frame(30, 0.0, 1.0)});
        widgets::HeatmapView* h = view.heatmap();
        QCOMPARE(h->rows(), 2);
        QCOMPARE(h->cols(), 3);
        const double expected[2][3] = {{std::log10(0.5), -3.0, GradientHeatmapView::kLog10Floor},
                                       {std::log10(2.0), std::log10(40.0), 0.0}};
        for (int r = 0; r < 2; ++r)
            for (int c = 0; c < 3; ++c) QVERIFY(std::abs(h->valueAt(r, c) - expected[r][c]) < 1e-5);
        // The x axis is in steps, the y axis counts layers from 1.
        QCOMPARE(h->xOfCol(0), 10.0);
        QCOMPARE(h->xOfCol(2), 30.0);
        QCOMPARE(h->yOfRow(1), 2.0);
        const QString hover = h->hoverLabel(1, 1);
        QVERIFY2(hover.contains(QStringLiteral("fc.weight")), qPrintable(hover));
        QVERIFY2(hover.contains(QStringLiteral("step 20")), qPrintable(hover));
        QVERIFY2(hover.contains(QStringLiteral("= 40")), qPrintable(hover));
    }

    void withoutRanksNamesDecide() {
        GradientHeatmapView view;
        view.setFrames({frame(1, 0.1, 0.2, false)});
        QCOMPARE(view.heatmap()->rows(), 2);  // conv1.weight and fc.weight; bn1.weight is a norm's
        QVERIFY(std::abs(view.heatmap()->valueAt(0, 0) + 1.0) < 1e-5);
    }

    void addFrameRepaintsLater() {
        GradientHeatmapView view;
        view.addFrame(frame(1, 1.0, 1.0));
        view.addFrame(frame(2, 10.0, 1.0));
        QTRY_COMPARE(view.heatmap()->cols(), 2);
        QVERIFY(std::abs(view.heatmap()->valueAt(0, 1) - 1.0) < 1e-5);
        view.clear();
        QCOMPARE(view.heatmap()->cols(), 0);
    }

    void mergingKeepsColumnsBounded() {
        GradientHeatmapView view;
        const int n = 3 * GradientHeatmapView::maxColumns() + 17;
        QVector<InstrumentFrame> frames;
        for (int i = 0; i < n; ++i) frames.push_back(frame(i + 1, std::pow(10.0, -(i % 4)), 1.0));
        view.setFrames(frames);
        widgets::HeatmapView* h = view.heatmap();
        QVERIFY(h->cols() <= GradientHeatmapView::maxColumns());
        QVERIFY(h->cols() > GradientHeatmapView::maxColumns() / 4);
        // Every column now covers 4 frames (n > 2·max → merged twice): the mean of log10 over 0, −1, −2, −3.
        QVERIFY(std::abs(h->valueAt(0, 0) + 1.5) < 1e-5);
        QVERIFY(std::abs(h->valueAt(1, 5) - 0.0) < 1e-6);
        // The columns are the frames in groups of four, in order: the last one holds what is left.
        QCOMPARE(h->cols(), (n + 3) / 4);
        QVERIFY(h->hoverLabel(0, 0).contains(QStringLiteral("4 logged steps")));
        // Live frames too: the count stays bounded.
        GradientHeatmapView live;
        for (const InstrumentFrame& f : frames) live.addFrame(f);
        QTRY_COMPARE(live.heatmap()->cols(), (n + 3) / 4);
    }

    void sharedRange() {
        GradientHeatmapView view;
        view.setValueRange(-6.0, 1.0);
        view.setFrames({frame(1, 0.1, 0.2)});
        QCOMPARE(view.heatmap()->rangeLow(), -6.0);
        QCOMPARE(view.heatmap()->rangeHigh(), 1.0);
        // Back to the data's range, widened to round steps: log10 0.1 = −1 and log10 0.2 ≈ −0.7.
        view.setAutoRange();
        const double low = view.heatmap()->rangeLow(), high = view.heatmap()->rangeHigh();
        QVERIFY(low <= -1.0 && high >= std::log10(0.2));
        QVERIFY(high - low < 1.0);
        const double step = (high - low) / 4.0;
        QVERIFY(std::abs(low / step - std::round(low / step)) < 1e-6);  // the ends sit on whole steps
    }
};

CONVSCOPE_TEST_MAIN(TestGradientHeatmapView)
#include "test_gradient_heatmap_view.moc"
