// How attribution maps are shown: bilinear resizing against torch.nn.functional.interpolate (fixture
// tests/data/common/resize_reference.txt, made by make_resize_reference.py next to it), the ReLU and
// scaling choices, and blending that lets the picture show through where the map is weak.
#include <QTest>
#include <cmath>
#include <fstream>
#include <sstream>

#include "core/common/attribution_display.h"
#include "tests/support/test_main.h"

using namespace convscope::common;

class TestAttributionDisplay : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void resizeMatchesPyTorch() {
        std::ifstream in(std::string(CONVSCOPE_TEST_DATA_DIR) + "/common/resize_reference.txt");
        QVERIFY(in.good());
        int cases = 0;
        for (std::string header, source, expected;
             std::getline(in, header) && std::getline(in, source) && std::getline(in, expected);) {
            int h = 0, w = 0, H = 0, W = 0;
            std::istringstream(header) >> h >> w >> H >> W;
            std::vector<float> src;
            std::istringstream s(source);
            for (double v; s >> v;) src.push_back(float(v));
            std::vector<double> ref;
            std::istringstream e(expected);
            for (double v; e >> v;) ref.push_back(v);
            const std::vector<float> out = resizeBilinear(src, h, w, H, W);
            QCOMPARE(out.size(), ref.size());
            for (std::size_t i = 0; i < out.size(); ++i)
                QVERIFY2(std::abs(out[i] - ref[i]) < 1e-5, qPrintable(QString("%1: %2 against %3")
                                                                          .arg(QString::fromStdString(header))
                                                                          .arg(out[i])
                                                                          .arg(ref[i])));
            ++cases;
        }
        QCOMPARE(cases, 5);
    }

    void reluAndScaling() {
        const std::vector<float> raw = {-2.0f, 1.0f, 4.0f, 0.0f};
        AttributionDisplayOptions options;
        DisplayMap m = prepareDisplayMap(raw, 2, 2, 2, 2, options);
        QCOMPARE(m.scale, 4.0);
        QVERIFY(!m.diverging);
        QCOMPARE(m.values, std::vector<float>({0.0f, 0.25f, 1.0f, 0.0f}));
        options.relu = false;
        options.diverging = true;
        m = prepareDisplayMap(raw, 2, 2, 2, 2, options);
        QCOMPARE(m.scale, 4.0);
        QCOMPARE(m.values, std::vector<float>({-0.5f, 0.25f, 1.0f, 0.0f}));
        // An all-zero (or all-negative under ReLU) map stays zero instead of dividing by zero.
        options = AttributionDisplayOptions{};
        m = prepareDisplayMap({-1.0f, -3.0f}, 1, 2, 1, 2, options);
        QCOMPARE(m.scale, 0.0);
        QCOMPARE(m.values, std::vector<float>({0.0f, 0.0f}));
    }

    void blendingLetsThePictureShowThrough() {
        AttributionDisplayOptions options;
        options.opacity = 0.5;
        // 1×2 grey picture; the map is 0 on the left (the picture unchanged) and 1 on the right.
        const OverlayPicture p = renderOverlay({0.5f, 0.5f}, 1, 1, 2, {0.0f, 2.0f}, 1, 2, options, 1);
        QCOMPARE(p.width, 2);
        QCOMPARE(int(p.pixels[0].r), 128);
        QCOMPARE(int(p.pixels[0].g), 128);
        const Rgb top = displayColour(1.0f, false);  // Viridis' yellow end
        QCOMPARE(int(p.pixels[1].r), int(std::lround((0.5 * 0.5 + 0.5 * top.r / 255.0) * 255)));
        // Enlarging repeats each picture pixel as a block.
        const OverlayPicture big = renderOverlay({0.0f, 1.0f}, 1, 1, 2, {0.0f, 0.0f}, 1, 2, options, 4);
        QCOMPARE(big.width, 8);
        QCOMPARE(big.height, 4);
        QCOMPARE(int(big.pixels[3].r), 0);
        QCOMPARE(int(big.pixels[4].r), 255);
    }

    void divergingColoursSayTheSign() {
        const Rgb negative = displayColour(-1.0f, true), positive = displayColour(1.0f, true);
        QVERIFY(negative.b > negative.r);
        QVERIFY(positive.r > positive.b);
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestAttributionDisplay)
#include "test_attribution_display.moc"
