// The Convolution panel with many channels, driven as a learner would: the notes' worked examples from the
// menu (6×6×3 with twenty 3×3×3 filters → 4×4×20; 56×56×64 with thirty-two 1×1 filters → 56×56×32), the
// channel tiles of a 64-channel board (and cells, not tiles, for three channels), and the channel shuffle
// after a grouped convolution. Expected numbers come from naive loops written here.
#include <QCheckBox>
#include <QElapsedTimer>
#include <QMenu>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTest>
#include <QToolButton>
#include <cmath>

#include "app/gui/convolution/conv_controls.h"
#include "app/gui/convolution/conv_frame_builder.h"
#include "app/gui/convolution/conv_input_box.h"
#include "app/gui/convolution/conv_step_page.h"
#include "app/gui/convolution/convolution_panel.h"
#include "app/gui/document/image_document.h"
#include "core/conv/conv_trace.h"
#include "tests/support/test_main.h"
#include "widgets/board/channel_summary_painter.h"
#include "widgets/board/channel_wiring_view.h"
#include "widgets/board/grid_board_view.h"

using namespace convscope;

namespace {

// Cross-correlation, stride 1, no padding, groups 1: the reference for a worked example's output.
double naiveOutput(const conv::Volume& in, const conv::FilterBank& w, int o, int y, int x) {
    double sum = w.biasAt(o);
    for (int c = 0; c < in.channels; ++c)
        for (int i = 0; i < w.kernelHeight; ++i)
            for (int j = 0; j < w.kernelWidth; ++j) sum += in.at(c, y + i, x + j) * w.at(o, c, i, j);
    return sum;
}

}  // namespace

class TestConvChannels : public QObject {
    Q_OBJECT

    std::unique_ptr<gui::ImageDocument> m_document;
    std::unique_ptr<gui::ConvolutionPanel> m_panel;

    gui::ConvStepPage* page() const { return m_panel->stepPage(); }
    bool waitForTrace() {
        return QTest::qWaitFor([this] { return !m_panel->isTracing() && page()->trace() != nullptr; }, 20000);
    }
    // The worked-examples menu entry a learner clicks, found by its text.
    bool chooseExample(const QString& title) {
        QMenu* menu = m_panel->controls()->examplesButton()->menu();
        if (!menu) return false;
        for (QAction* action : menu->actions()) {
            if (action->text() != title) continue;
            action->trigger();
            return true;
        }
        return false;
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init() {
        m_document = std::make_unique<gui::ImageDocument>();
        m_panel = std::make_unique<gui::ConvolutionPanel>(m_document.get());
        m_panel->resize(1400, 900);
        m_panel->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
        QVERIFY(waitForTrace());
    }

    void cleanup() {
        m_panel.reset();
        m_document.reset();
    }

    void twentyFiltersGiveFourByFourByTwenty() {
        QVERIFY(chooseExample(QStringLiteral("6×6×3 input, twenty 3×3×3 filters → 4×4×20")));
        QVERIFY(waitForTrace());
        QTRY_COMPARE(page()->trace()->output().channels, 20);
        const conv::ConvTrace& trace = *page()->trace();
        QCOMPARE(trace.output().height, 4);
        QCOMPARE(trace.output().width, 4);
        QCOMPARE(trace.input().shapeText(), std::string("3x6x6"));
        QCOMPARE(trace.weights().inChannelsPerGroup, 3);
        for (int o : {0, 7, 19})
            for (int y = 0; y < 4; ++y)
                for (int x = 0; x < 4; ++x)
                    QCOMPARE(trace.output().at(o, y, x),
                             naiveOutput(trace.input(), trace.weights(), o, y, x));
        // Three channels: cells for every channel, no tiles.
        page()->setStep(5);
        QVERIFY(page()->board()->frame().channels.isEmpty());
    }

    void sixtyFourChannelsShowTiles() {
        QVERIFY(chooseExample(QStringLiteral("56×56×64 input, thirty-two 1×1 filters → 56×56×32")));
        QVERIFY(waitForTrace());
        QTRY_COMPARE(page()->trace()->input().channels, 64);
        const conv::ConvTrace& trace = *page()->trace();
        QCOMPARE(trace.output().shapeText(), std::string("32x56x56"));
        QCOMPARE(m_panel->controls()->inputBox()->channelsBox()->value(), 64);

        page()->setStep(57);  // output[0, 1, 1]
        widgets::GridBoardFrame frame = page()->board()->frame();
        QCOMPARE(frame.channels.tiles.size(), 64);
        // The step reads all 64 channels; each tile's partial sum is that channel's value times its weight.
        for (int c : {0, 13, 63}) {
            const widgets::ChannelSummaryTile& tile = frame.channels.tiles[c];
            QCOMPARE(tile.channel, c);
            QVERIFY(tile.inStep);
            QCOMPARE(tile.stepSum, trace.input().at(c, 1, 1) * trace.weights().at(0, c, 0, 0));
            double lo = 1e300, hi = -1e300, sum = 0;
            for (int y = 0; y < 56; ++y)
                for (int x = 0; x < 56; ++x) {
                    lo = std::min(lo, trace.input().at(c, y, x));
                    hi = std::max(hi, trace.input().at(c, y, x));
                    sum += trace.input().at(c, y, x);
                }
            QCOMPARE(tile.min, lo);
            QCOMPARE(tile.max, hi);
            QVERIFY(std::abs(tile.mean - sum / (56 * 56)) < 1e-9);
        }
        QVERIFY(frame.channels.tiles[0].active);
        QVERIFY(!frame.channels.tiles[10].active);
        // Cells are still drawn for a couple of channels, readable beside the strip.
        QVERIFY(!frame.planes.isEmpty());
        QVERIFY(frame.planes[0].title.startsWith(QStringLiteral("Input c0")));
        QVERIFY(frame.planes[0].rows <= 8);

        // Clicking tile 13 draws channel 13's cells.
        widgets::GridBoardView* board = page()->board();
        const QRect strip = widgets::ChannelSummaryPainter::split(board->rect(), frame.channels, nullptr);
        const QRect tile = widgets::ChannelSummaryPainter::tileRect(strip, frame.channels, 13);
        QVERIFY(!tile.isNull());
        QTest::mouseClick(board, Qt::LeftButton, Qt::NoModifier, tile.center());
        QTRY_VERIFY(page()->board()->frame().planes[0].title.startsWith(QStringLiteral("Input c13")));
        QVERIFY(page()->board()->frame().channels.tiles[13].active);
        QCOMPARE(page()->currentStep(), 57);

        // Rough cost of one frame of the 56×56×64 board (reported, never asserted).
        QElapsedTimer clock;
        clock.start();
        for (int s = 100; s < 110; ++s) page()->setStep(s);
        const double stepMs = clock.nsecsElapsed() / 1e6 / 10;
        clock.restart();
        for (int s = 200; s < 210; ++s) gui::buildConvFrame(trace, s, page()->frameOptions());
        const double buildMs = clock.nsecsElapsed() / 1e6 / 10;
        clock.restart();
        const QImage image = board->render(QSize(1100, 800));
        const double paintMs = clock.nsecsElapsed() / 1e6;
        QVERIFY(!image.isNull());
        // The same frame without its strip, for comparison.
        widgets::GridBoardFrame cellsOnly = board->frame();
        cellsOnly.channels = {};
        widgets::GridBoardView plain;
        plain.setFrame(cellsOnly);
        clock.restart();
        plain.render(QSize(1100, 800));
        const double plainMs = clock.nsecsElapsed() / 1e6;
        qInfo(
            "56x56x64 board: %.2f ms per step (frame built, board repainted), %.2f ms to build a frame, %.2f "
            "ms "
            "to paint the board at 1100x800 (%.2f ms without the channel strip)",
            stepMs, buildMs, paintMs, plainMs);
    }

    void shuffleAfterGroupedConvolution() {
        gui::ConvControls* controls = m_panel->controls();
        controls->selectMode(gui::ConvMode::Grouped);  // 4 channels, 4 filters, groups 2
        QVERIFY(waitForTrace());
        QTRY_COMPARE(page()->trace()->spec().groups, 2);
        QCheckBox* shuffle = page()->shuffleCheck();
        QVERIFY(shuffle->isVisible());
        QVERIFY(page()->wiring()->wiring().shuffle.isEmpty());
        shuffle->click();
        QCOMPARE(page()->wiring()->wiring().shuffle, (QVector<int>{0, 2, 1, 3}));
        QVERIFY(page()->wiring()->drawsShuffle());
        QVERIFY(page()->wiring()->wiring().caption.contains(QStringLiteral("shuffle")));

        controls->groupsBox()->setValue(
            4);  // 4 groups of one: the order is the identity written as a shuffle
        QTRY_COMPARE(page()->trace()->spec().groups, 4);
        QCOMPARE(page()->wiring()->wiring().shuffle, (QVector<int>{0, 1, 2, 3}));

        controls->selectMode(gui::ConvMode::MaxPool);
        QVERIFY(waitForTrace());
        QTRY_VERIFY(page()->trace()->spec().op == conv::Operation::MaxPool);
        QVERIFY(!shuffle->isVisible());
        QVERIFY(page()->wiring()->wiring().shuffle.isEmpty());
    }
};

CONVSCOPE_TEST_MAIN(TestConvChannels)
#include "test_conv_channels.moc"
