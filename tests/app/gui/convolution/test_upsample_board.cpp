// The upsampling modes of the Convolution panel: frames built from real traces (nearest, bed of nails, max
// unpooling with its arrows) checked against numbers computed here with plain loops, and the panel driven as
// a learner would: the mode chosen with the keyboard on the mode combo, the scale typed, the output awaited.
#include <QComboBox>
#include <QLabel>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTest>
#include <QToolButton>
#include <cmath>

#include "app/gui/convolution/conv_controls.h"
#include "app/gui/convolution/conv_frame_builder.h"
#include "app/gui/convolution/conv_geometry_box.h"
#include "app/gui/convolution/conv_step_page.h"
#include "app/gui/convolution/convolution_panel.h"
#include "app/gui/document/image_document.h"
#include "core/conv/conv_trace.h"
#include "tests/support/test_main.h"
#include "widgets/board/grid_board_view.h"
#include "widgets/board/grid_plane_painter.h"

using namespace convscope;

namespace {

const widgets::GridPlane* planeTitled(const widgets::GridBoardFrame& frame, const QString& prefix) {
    for (const widgets::GridPlane& p : frame.planes)
        if (p.title.startsWith(prefix)) return &p;
    return nullptr;
}

conv::ConvTrace upsampling(conv::Operation op, const conv::Volume& input, int scale) {
    conv::ConvSpec spec;
    spec.op = op;
    spec.scale = {scale, scale};
    return conv::ConvTrace(input, conv::FilterBank{}, spec);
}

// Max unpooling written out: for each S×S window the first largest value, kept at its place.
std::vector<double> naiveUnpool(const conv::Volume& in, int s) {
    std::vector<double> out(in.values.size(), 0.0);
    for (int c = 0; c < in.channels; ++c)
        for (int py = 0; py + s <= in.height; py += s)
            for (int px = 0; px + s <= in.width; px += s) {
                int best = -1;
                for (int y = py; y < py + s; ++y)
                    for (int x = px; x < px + s; ++x) {
                        const int i = (c * in.height + y) * in.width + x;
                        if (best < 0 || in.values[i] > in.values[best]) best = i;
                    }
                out[best] = in.values[best];
            }
    return out;
}

int accentPixels(const QImage& image) {
    const QColor a = widgets::GridPlanePainter::kAccent;
    int n = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const QRgb p = image.pixel(x, y);
            if (std::abs(qRed(p) - a.red()) < 20 && std::abs(qGreen(p) - a.green()) < 20 &&
                std::abs(qBlue(p) - a.blue()) < 20)
                ++n;
        }
    return n;
}

}  // namespace

class TestUpsampleBoard : public QObject {
    Q_OBJECT

    std::unique_ptr<gui::ImageDocument> m_document;
    std::unique_ptr<gui::ConvolutionPanel> m_panel;

    gui::ConvStepPage* page() const { return m_panel->stepPage(); }
    bool waitForTrace() {
        return QTest::qWaitFor([this] { return !m_panel->isTracing() && page()->trace() != nullptr; }, 10000);
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void nearestFrame() {
        const conv::ConvTrace t = upsampling(conv::Operation::Nearest, conv::Volume::sequence(1, 2, 2), 2);
        const widgets::GridBoardFrame frame = gui::buildConvFrame(t, 1);
        const widgets::GridPlane* in = planeTitled(frame, QStringLiteral("Input"));
        const widgets::GridPlane* out = planeTitled(frame, QStringLiteral("Output"));
        QVERIFY(in && out);
        QCOMPARE(out->rows, 4);
        QCOMPARE(out->cols, 4);
        // Steps 0 and 1 done: the top two rows hold 1 1 2 2, the rest is not computed yet.
        const double top[8] = {1, 1, 2, 2, 1, 1, 2, 2};
        for (int i = 0; i < 8; ++i) QCOMPARE(out->values[i], top[i]);
        for (int i = 8; i < 16; ++i) QVERIFY(std::isnan(out->values[i]));
        QVERIFY(in->flags[1] & widgets::CellCurrent);  // in[0][1] = 2
        for (int y = 0; y < 4; ++y)
            for (int x = 0; x < 4; ++x)
                QCOMPARE(bool(out->flags[y * 4 + x] & widgets::CellInWindow), y < 2 && x >= 2);
        QCOMPARE(frame.caption, QStringLiteral("2 → rows 0–1, cols 2–3"));
        QVERIFY(frame.arrows.isEmpty());
        const widgets::GridBoardFrame ready = gui::buildConvFrame(t, -1);
        QVERIFY(ready.status.startsWith(QStringLiteral("Ready")));
    }

    void bedOfNailsFrame() {
        const conv::ConvTrace t = upsampling(conv::Operation::BedOfNails, conv::Volume::sequence(1, 2, 2), 2);
        const widgets::GridBoardFrame frame = gui::buildConvFrame(t, 3);
        const widgets::GridPlane* out = planeTitled(frame, QStringLiteral("Output"));
        QVERIFY(out);
        const double expected[16] = {1, 0, 2, 0, 0, 0, 0, 0, 3, 0, 4, 0, 0, 0, 0, 0};
        for (int i = 0; i < 16; ++i) QCOMPARE(out->values[i], expected[i]);
        QVERIFY(out->flags[2 * 4 + 2] & widgets::CellWinner);  // the nail of step 3
        QVERIFY(!(out->flags[2 * 4 + 3] & widgets::CellWinner));
        QCOMPARE(frame.caption, QStringLiteral("4 → (2, 2), zeros elsewhere in rows 2–3, cols 2–3"));
    }

    void maxUnpoolFrameHasArrows() {
        const conv::Volume in(1, 4, 4, {1, 9, 4, 3, 7, 2, 4, 8, 0, 0, 5, 1, 6, 0, 1, 5});
        const conv::ConvTrace t = upsampling(conv::Operation::MaxUnpool, in, 2);
        const std::vector<double> expected = naiveUnpool(in, 2);
        QVERIFY(t.output().values == expected);
        const widgets::GridBoardFrame frame = gui::buildConvFrame(t, 2);
        QCOMPARE(frame.planes.size(), 3);
        const widgets::GridPlane* pooled = planeTitled(frame, QStringLiteral("Pooled"));
        QVERIFY(pooled);
        QCOMPARE(pooled->values[0], 9.0);
        QCOMPARE(pooled->values[2], 6.0);
        QVERIFY(std::isnan(pooled->values[3]));  // step 3 not run yet
        // One arrow per maximum found so far, from its input cell to the same output cell; the last is
        // current.
        QCOMPARE(frame.arrows.size(), 3);
        const int cells[3][2] = {{0, 1}, {1, 3}, {3, 0}};  // 9 at (0,1), 8 at (1,3), 6 at (3,0)
        for (int i = 0; i < 3; ++i) {
            const widgets::GridArrow& a = frame.arrows[i];
            QCOMPARE(a.fromRow, cells[i][0]);
            QCOMPARE(a.fromCol, cells[i][1]);
            QCOMPARE(a.toRow, cells[i][0]);
            QCOMPARE(a.toCol, cells[i][1]);
            QVERIFY(frame.planes[a.fromPlane].title.startsWith(QStringLiteral("Input")));
            QVERIFY(frame.planes[a.toPlane].title.startsWith(QStringLiteral("Output")));
            QCOMPARE(a.current, i == 2);
        }
        QVERIFY2(frame.caption.startsWith(QStringLiteral("max(0, 0, 6, 0) = 6 at (3, 0) → (3, 0)")),
                 qPrintable(frame.caption));
        widgets::GridBoardView view;
        view.resize(700, 600);
        view.setFrame(frame);
        QVERIFY(accentPixels(view.render()) > 0);
        QVERIFY(gui::buildConvFrame(t, -1).arrows.isEmpty());
    }

    void panelChoosesTheModesWithTheKeyboard() {
        m_document = std::make_unique<gui::ImageDocument>();
        m_panel = std::make_unique<gui::ConvolutionPanel>(m_document.get());
        m_panel->resize(1300, 800);
        m_panel->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
        QVERIFY(waitForTrace());
        QComboBox* mode = m_panel->controls()->modeCombo();
        gui::ConvGeometryBox* geometry = m_panel->controls()->geometryBox();
        mode->setFocus();
        QTRY_VERIFY(mode->hasFocus());

        // Max unpooling is the last mode.
        QTest::keyClick(mode, Qt::Key_End);
        QCOMPARE(mode->currentData().toString(), QStringLiteral("max-unpool"));
        QVERIFY(waitForTrace());
        QTRY_VERIFY(page()->trace()->spec().op == conv::Operation::MaxUnpool);
        QVERIFY(geometry->scaleBox()->isVisible());
        QVERIFY(!geometry->strideBox()->isVisible());
        QVERIFY(!geometry->paddingBox()->isVisible());
        const conv::Volume input = page()->trace()->input();
        QVERIFY(page()->trace()->output().values == naiveUnpool(input, 2));
        QTest::mouseClick(page()->findChild<QToolButton*>(QStringLiteral("convLast")), Qt::LeftButton);
        QCOMPARE(page()->currentStep(), page()->stepCount() - 1);
        QCOMPARE(page()->board()->frame().arrows.size(), page()->stepCount());
        QVERIFY2(page()->generalFormulaLabel()->text().contains(QStringLiteral("unpool")),
                 qPrintable(page()->generalFormulaLabel()->text()));

        QTest::keyClick(mode, Qt::Key_Up);
        QCOMPARE(mode->currentData().toString(), QStringLiteral("bed-of-nails"));
        QTRY_VERIFY(!m_panel->isTracing() && page()->trace()->spec().op == conv::Operation::BedOfNails);

        QTest::keyClick(mode, Qt::Key_Up);
        QCOMPARE(mode->currentData().toString(), QStringLiteral("nearest"));
        QTRY_VERIFY(!m_panel->isTracing() && page()->trace()->spec().op == conv::Operation::Nearest);
        QCOMPARE(page()->trace()->output().height, 6);  // 3·2

        // Type a scale of 3: the 3×3 input becomes 9×9, in[y/3][x/3].
        QSpinBox* scale = geometry->scaleBox();
        scale->setFocus();
        scale->selectAll();
        QTest::keyClicks(scale, QStringLiteral("3"));
        QTest::keyClick(scale, Qt::Key_Enter);
        QTRY_VERIFY(!m_panel->isTracing() && page()->trace()->output().height == 9);
        const conv::Volume& in = page()->trace()->input();
        const conv::Volume& out = page()->trace()->output();
        for (int y = 0; y < 9; ++y)
            for (int x = 0; x < 9; ++x) QCOMPARE(out.at(0, y, x), in.at(0, y / 3, x / 3));
        // The page keeps its position across setups: back to the start, then one step.
        QTest::mouseClick(page()->findChild<QToolButton*>(QStringLiteral("convFirst")), Qt::LeftButton);
        QTest::mouseClick(page()->findChild<QToolButton*>(QStringLiteral("convForward")), Qt::LeftButton);
        QCOMPARE(page()->board()->frame().caption, QStringLiteral("1 → rows 0–2, cols 0–2"));
        m_panel.reset();
        m_document.reset();
    }
};

CONVSCOPE_TEST_MAIN(TestUpsampleBoard)
#include "test_upsample_board.moc"
