// The Feature maps panel driven as a learner would: choose a checkpoint and a test image, step through the
// images, pick a tap and a channel, run the open picture through the model, send a learned filter to the
// Frequency panel, watch a live frame, and meet the errors. The checkpoint is trained here by convscope-cli
// on a small Fashion-MNIST-format folder written here, so the test needs neither the Debian package nor a
// LibTorch include. The reference for conv1: LeNet-5's conv1 tap is tanh(w ∗ x + b), so atanh of two of its
// values differ by the correlation of the filter with the difference of the two input patches (the bias
// cancels), computed here from the bytes this test wrote.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <cmath>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "app/gui/document/image_document.h"
#include "app/gui/features/feature_kernel_box.h"
#include "app/gui/features/feature_maps_panel.h"
#include "app/gui/features/feature_prediction_box.h"
#include "app/gui/features/feature_source_box.h"
#include "app/gui/features/feature_tap_table.h"
#include "tests/app/gui/features/feature_maps_fixture.h"
#include "tests/support/test_main.h"
#include "widgets/image/tile_grid_view.h"
#include "widgets/plot/heatmap_view.h"

using namespace convscope;

using tests::kSide;
constexpr double kStdev = 0.3530;  // InputTransform's default, which convscope-cli train uses

class TestFeatureMapsPanel : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_checkpoint;
    QString m_corrupt;
    QVector<QByteArray> m_testImages;
    QVector<int> m_testLabels;
    std::unique_ptr<gui::ImageDocument> m_document;
    std::unique_ptr<gui::FeatureMapsPanel> m_panel;

    QString dataDir() const { return m_dir.filePath(QStringLiteral("data")); }

    // Waits until the panel has settled on a frame that satisfies `ok`.
    bool waitFor(const std::function<bool(const gui::FeatureFrame&)>& ok) {
        return QTest::qWaitFor([&] { return !m_panel->isComputing() && ok(m_panel->frame()); }, 30000);
    }
    bool waitForError() {
        return QTest::qWaitFor([&] { return !m_panel->isComputing() && m_panel->isShowingError(); }, 30000);
    }
    void chooseCheckpointByTyping(const QString& path) {
        QLineEdit* edit = m_panel->sourceBox()->checkpointEdit();
        edit->setFocus();
        edit->selectAll();
        QTest::keyClicks(edit, path);
        QTest::keyClick(edit, Qt::Key_Return);
    }
    // On the indicator: a radio button answers clicks on its circle and label only, not its whole width.
    static void clickRadio(QRadioButton* button) {
        QTest::mouseClick(button, Qt::LeftButton, {}, QPoint(8, button->height() / 2));
    }
    void clickTap(const QString& name) {
        gui::FeatureTapTable* t = m_panel->tapTable();
        for (int r = 0; r < t->rowCount(); ++r) {
            if (t->item(r, 0)->text() == name) {
                QTest::mouseClick(t->viewport(), Qt::LeftButton, {},
                                  t->visualItemRect(t->item(r, 1)).center());
                return;
            }
        }
        QFAIL(qPrintable(QStringLiteral("no tap %1").arg(name)));
    }
    static const gui::TapFrame* tap(const gui::FeatureFrame& f, const QString& name) {
        for (const gui::TapFrame& t : f.taps)
            if (t.name == name) return &t;
        return nullptr;
    }

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        const tests::SmallFashionMnist data = tests::writeSmallFashionMnist(dataDir());
        QVERIFY2(data.error.isEmpty(), qPrintable(data.error));
        m_testImages = data.testImages;
        m_testLabels = data.testLabels;
        m_checkpoint = m_dir.filePath(QStringLiteral("lenet.ckpt"));
        const QString trained = tests::trainLeNet(dataDir(), m_checkpoint);
        QVERIFY2(trained.isEmpty(), qPrintable(trained));
        m_corrupt = m_dir.filePath(QStringLiteral("corrupt.ckpt"));
        QFile bad(m_corrupt);
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write(QByteArray("PK\x03\x04 this is not a checkpoint at all"));  // (AddressSanitizer: not 40 bytes)
    }

    void init() {
        m_document = std::make_unique<gui::ImageDocument>();
        // A light background with a dark garment-like blob, as a photograph would be.
        cv::Mat photo(60, 90, CV_8UC3, cv::Scalar(230, 230, 230));
        cv::rectangle(photo, cv::Rect(30, 10, 30, 40), cv::Scalar(40, 60, 90), cv::FILLED);
        m_document->setImage(photo, {}, QStringLiteral("generated.png"));
        m_panel = std::make_unique<gui::FeatureMapsPanel>(m_document.get());
        m_panel->setDataDirectory(dataDir());
        m_panel->resize(1400, 900);
        m_panel->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
    }
    void cleanup() {
        m_panel.reset();
        m_document.reset();
    }

    void startsWithAHint() {
        QVERIFY(QTest::qWaitFor([&] { return !m_panel->isComputing(); }, 5000));
        QVERIFY(m_panel->frame().isEmpty());
        QVERIFY(!m_panel->isShowingError());
        QVERIFY2(m_panel->message().contains(QStringLiteral("checkpoint")), qPrintable(m_panel->message()));
        QVERIFY(!m_panel->sourceBox()->liveButton()->isEnabled());
    }

    void checkpointAndTestImage() {
        chooseCheckpointByTyping(m_checkpoint);
        m_panel->sourceBox()->indexSpin()->setValue(3);
        QVERIFY(waitFor(
            [](const gui::FeatureFrame& f) { return f.source.startsWith(QStringLiteral("test image 3 ")); }));
        const gui::FeatureFrame f = m_panel->frame();
        QCOMPARE(m_panel->selectedTestIndex(), 3);
        QVERIFY(m_panel->message().isEmpty());
        const QStringList names = {"conv1", "conv2", "fc1", "fc2", "fc"};
        const QVector<QVector<int>> shapes = {{6, 28, 28}, {16, 10, 10}, {120, 1, 1}, {84, 1, 1}, {10, 1, 1}};
        QCOMPARE(f.taps.size(), names.size());
        for (int i = 0; i < names.size(); ++i) {
            QCOMPARE(f.taps[i].name, names[i]);
            QCOMPARE(QVector<int>({f.taps[i].channels, f.taps[i].height, f.taps[i].width}), shapes[i]);
            QCOMPARE(f.taps[i].shownChannels(), std::min(shapes[i][0], 64));
        }
        QCOMPARE(m_panel->tapTable()->rowCount(), 5);
        QCOMPARE(m_panel->tapTable()->item(1, 1)->text(), QStringLiteral("16×10×10"));
        QCOMPARE(f.trueLabel, m_testLabels[3]);
        QCOMPARE(f.classNames.size(), 10);
        QCOMPARE(f.scores.size(), 10);
        QVERIFY(f.modelSource.contains(m_checkpoint));
        // The input as the model sees it is the test image's bytes.
        QCOMPARE(f.input.size(), QSize(kSide, kSide));
        for (int y = 0; y < kSide; ++y)
            QCOMPARE(QByteArray(reinterpret_cast<const char*>(f.input.constScanLine(y)), kSide),
                     m_testImages[3].mid(y * kSide, kSide));
        const QString prediction = m_panel->predictionBox()->predictionText();
        QVERIFY2(prediction.contains(QStringLiteral("True class: ") + f.classNames[m_testLabels[3]]),
                 qPrintable(prediction));
        QCOMPARE(prediction.split(QLatin1Char('\n')).size(), 4);  // the top 3, then the truth
        QVERIFY(prediction.contains(f.prediction == f.trueLabel ? QStringLiteral("(right)")
                                                                : QStringLiteral("(wrong)")));
    }

    void nextButtonChangesTheFrame() {
        m_panel->setCheckpoint(m_checkpoint);
        m_panel->selectTestImage(5);
        QVERIFY(waitFor(
            [](const gui::FeatureFrame& f) { return f.source.startsWith(QStringLiteral("test image 5 ")); }));
        const gui::FeatureFrame before = m_panel->frame();
        QTest::mouseClick(m_panel->sourceBox()->nextButton(), Qt::LeftButton);
        QCOMPARE(m_panel->selectedTestIndex(), 6);
        QVERIFY(waitFor(
            [](const gui::FeatureFrame& f) { return f.source.startsWith(QStringLiteral("test image 6 ")); }));
        const gui::FeatureFrame after = m_panel->frame();
        QCOMPARE(after.trueLabel, m_testLabels[6]);
        QVERIFY(after.taps[0].channelValues[0] != before.taps[0].channelValues[0]);
        QVERIFY(after.input != before.input);
        QTest::mouseClick(m_panel->sourceBox()->previousButton(), Qt::LeftButton);
        QVERIFY(waitFor(
            [](const gui::FeatureFrame& f) { return f.source.startsWith(QStringLiteral("test image 5 ")); }));
        QCOMPARE(m_panel->frame().taps[0].channelValues, before.taps[0].channelValues);
    }

    void tapFillsTheGrid_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("tiles");
        QTest::newRow("conv1") << "conv1" << 6;
        QTest::newRow("conv2") << "conv2" << 16;
        QTest::newRow("fc1 (120, 64 shown)") << "fc1" << 64;
        QTest::newRow("fc") << "fc" << 10;
    }
    void tapFillsTheGrid() {
        QFETCH(QString, name);
        QFETCH(int, tiles);
        m_panel->setCheckpoint(m_checkpoint);
        QVERIFY(waitFor([](const gui::FeatureFrame& f) { return !f.isEmpty(); }));
        clickTap(name);
        QCOMPARE(m_panel->tapTable()->selectedName(), name);
        widgets::TileGridView* grid = m_panel->channelGrid();
        QCOMPARE(grid->tileCount(), tiles);
        QCOMPARE(grid->tile(1).title, QStringLiteral("ch 1"));
        // Small maps are enlarged with sharp pixels before they become tiles.
        QVERIFY(grid->tile(0).image.width() >= 96);
        const gui::TapFrame* t = tap(m_panel->frame(), name);
        QVERIFY(t);
        const QImage& image = grid->tile(0).image;
        if (t->height > 1) {
            const int f = image.width() / t->width;
            QCOMPARE(image.pixel(0, 0), t->channelImages[0].pixel(0, 0));
            QCOMPARE(image.pixel(f * 2 + f / 2, f * 3), t->channelImages[0].pixel(2, 3));
        }
        if (name == QLatin1String("fc"))
            QVERIFY(grid->tile(2).subtitle.startsWith(m_panel->frame().classNames[2]));
    }

    void tileShowsItsValues() {
        m_panel->setCheckpoint(m_checkpoint);
        m_panel->selectTestImage(2);
        QVERIFY(waitFor(
            [](const gui::FeatureFrame& f) { return f.source.startsWith(QStringLiteral("test image 2 ")); }));
        clickTap(QStringLiteral("conv2"));
        widgets::TileGridView* grid = m_panel->channelGrid();
        QTest::mouseClick(grid, Qt::LeftButton, {}, grid->tileRect(5).center());
        QCOMPARE(m_panel->selectedChannel(), 5);
        const gui::TapFrame* t = tap(m_panel->frame(), QStringLiteral("conv2"));
        widgets::HeatmapView* h = m_panel->channelHeatmap();
        QCOMPARE(h->rows(), 10);
        QCOMPARE(h->cols(), 10);
        for (int r = 0; r < 10; ++r)
            for (int c = 0; c < 10; ++c) QCOMPARE(float(h->valueAt(r, c)), t->channelValues[5][r * 10 + c]);
        QVERIFY(h->title().contains(QStringLiteral("conv2")));
        QVERIFY(h->title().contains(QStringLiteral("5")));
        QVERIFY(h->hoverLabel(3, 4).contains(QStringLiteral("activation")));
        // The channel stays chosen when the next image arrives.
        QTest::mouseClick(m_panel->sourceBox()->nextButton(), Qt::LeftButton);
        QVERIFY(waitFor(
            [](const gui::FeatureFrame& f) { return f.source.startsWith(QStringLiteral("test image 3 ")); }));
        QCOMPARE(m_panel->tapTable()->selectedName(), QStringLiteral("conv2"));
        QCOMPARE(m_panel->selectedChannel(), 5);
        QCOMPARE(float(h->valueAt(0, 0)),
                 tap(m_panel->frame(), QStringLiteral("conv2"))->channelValues[5][0]);
        // fc's channels are single values: the heatmap shows all ten side by side.
        clickTap(QStringLiteral("fc"));
        QTest::mouseClick(grid, Qt::LeftButton, {}, grid->tileRect(7).center());
        const gui::TapFrame* fc = tap(m_panel->frame(), QStringLiteral("fc"));
        QCOMPARE(h->rows(), 1);
        QCOMPARE(h->cols(), 10);
        for (int c = 0; c < 10; ++c) QCOMPARE(float(h->valueAt(0, c)), fc->channelValues[c][0]);
        QVERIFY(h->hoverLabel(0, 7).contains(m_panel->frame().classNames[7]));
    }

    void learnedFiltersGoToTheFrequencyPanel() {
        m_panel->setCheckpoint(m_checkpoint);
        m_panel->selectTestImage(0);
        QVERIFY(waitFor(
            [](const gui::FeatureFrame& f) { return f.source.startsWith(QStringLiteral("test image 0 ")); }));
        gui::FeatureKernelBox* box = m_panel->kernelBox();
        QCOMPARE(box->kernelCount(), 6);
        QCOMPARE(box->grid()->tileCount(), 6);
        QTest::mouseClick(box->grid(), Qt::LeftButton, {}, box->grid()->tileRect(4).center());
        QCOMPARE(box->selectedIndex(), 4);
        QSignalSpy spy(m_panel.get(), &gui::FeatureMapsPanel::openKernelInFrequency);
        QTest::mouseClick(box->openButton(), Qt::LeftButton);
        QCOMPARE(spy.size(), 1);
        QCOMPARE(spy[0][1].toString(), QStringLiteral("conv1 filter 4 (lenet.ckpt)"));
        const auto sent = spy[0][0].value<common::Kernel>();
        QCOMPARE(sent.rows(), 5);
        QCOMPARE(sent.cols(), 5);
        // Every filter is 5×5 and they differ (the initialisation is random, training moved them).
        const QVector<common::Kernel>& all = box->kernels();
        for (const common::Kernel& k : all) QCOMPARE(QSize(k.cols(), k.rows()), QSize(5, 5));
        QVERIFY(all[0] != all[1] && all[1] != all[2] && all[4] != all[5]);

        // The sent filter is conv1's filter 4: the activation of channel 4 is tanh(filter ∗ input + bias).
        const gui::TapFrame* conv1 = tap(m_panel->frame(), QStringLiteral("conv1"));
        const QByteArray& img = m_testImages[0];
        const auto pixel = [&](int y, int x) {  // zero padding happens after normalisation: 0 is the mean
            if (y < 0 || x < 0 || y >= kSide || x >= kSide) return 0.2860 * 255.0;
            return double(quint8(img[y * kSide + x]));
        };
        const auto pre = [&](int y, int x) {
            return std::atanh(double(conv1->channelValues[4][y * kSide + x]));
        };
        const auto correlation = [&](int y, int x) {
            double s = 0;
            for (int i = 0; i < 5; ++i)
                for (int j = 0; j < 5; ++j) s += sent.at(i, j) * pixel(y + i - 2, x + j - 2);
            return s / (255.0 * kStdev);
        };
        int checked = 0;
        for (int y = 0; y < kSide; y += 3) {
            for (int x = 1; x < kSide; x += 3) {
                const float a = conv1->channelValues[4][y * kSide + x],
                            b = conv1->channelValues[4][y * kSide];
                if (std::abs(a) > 0.95f || std::abs(b) > 0.95f)
                    continue;  // atanh of a saturated tanh is noise
                const double expected = correlation(y, x) - correlation(y, 0);
                QVERIFY2(std::abs((pre(y, x) - pre(y, 0)) - expected) < 1e-3 + 1e-3 * std::abs(expected),
                         qPrintable(QStringLiteral("at (%1, %2): %3 against %4")
                                        .arg(x)
                                        .arg(y)
                                        .arg(pre(y, x) - pre(y, 0))
                                        .arg(expected)));
                ++checked;
            }
        }
        QVERIFY(checked > 20);
    }

    void openImageIsConverted() {
        m_panel->setCheckpoint(m_checkpoint);
        clickRadio(m_panel->sourceBox()->openImageButton());
        QVERIFY(waitFor([](const gui::FeatureFrame& f) {
            return f.source.startsWith(QStringLiteral("generated.png: "));
        }));
        const gui::FeatureFrame f = m_panel->frame();
        QCOMPARE(f.trueLabel, -1);
        QVERIFY2(f.source.contains(QStringLiteral("28×28")), qPrintable(f.source));
        QVERIFY(f.source.contains(QStringLiteral("inverted")));  // a light background
        QLabel* conversion = m_panel->sourceBox()->conversionLabel();
        QVERIFY(conversion->isVisible());
        QCOMPARE(conversion->text(), f.source);
        QVERIFY(!m_panel->predictionBox()->predictionText().contains(QStringLiteral("True class")));
        QCOMPARE(f.input.size(), QSize(kSide, kSide));
        // The garment is dark on light: inverted, its centre is brighter than the corner.
        QVERIFY(qGray(f.input.pixel(14, 14)) > qGray(f.input.pixel(0, 0)) + 100);
        // A new picture in the document is run through the model at once.
        const QImage firstInput = f.input;
        cv::Mat other(80, 80, CV_8UC1, cv::Scalar(20));
        cv::circle(other, {40, 40}, 25, cv::Scalar(220), cv::FILLED);
        m_document->setImage(other, {}, QStringLiteral("disc.png"));
        QVERIFY(waitFor(
            [](const gui::FeatureFrame& f) { return f.source.startsWith(QStringLiteral("disc.png: ")); }));
        QVERIFY(m_panel->frame().input != firstInput);
        // An empty document is a sentence, not a crash.
        m_document->setImage(cv::Mat(), {}, {});
        QVERIFY(waitForError());
        QVERIFY2(m_panel->message().contains(QStringLiteral("no open image")),
                 qPrintable(m_panel->message()));
    }

    void liveFrameIsShown() {
        QSignalSpy status(m_panel.get(), &gui::FeatureMapsPanel::statusMessage);
        m_panel->setLiveAvailable(true);
        QVERIFY(m_panel->sourceBox()->liveButton()->isChecked());  // no checkpoint chosen: live it is
        QVERIFY(
            QTest::qWaitFor([&] { return m_panel->message().contains(QStringLiteral("Waiting")); }, 2000));
        QVERIFY(!m_panel->sourceBox()->indexSpin()->isEnabled());

        gui::FeatureFrame f;
        f.source = QStringLiteral("test image 12 (Sneaker)");
        f.modelSource = QStringLiteral("training run (step 340)");
        f.step = 340;
        f.classNames = {QStringLiteral("a"), QStringLiteral("b")};
        f.scores = {0.25f, 0.75f};
        f.prediction = 1;
        f.trueLabel = 1;
        f.input = QImage(4, 4, QImage::Format_Grayscale8);
        f.input.fill(128);
        gui::TapFrame t;
        t.name = QStringLiteral("conv1");
        t.channels = 3;
        t.height = 2;
        t.width = 2;
        for (int c = 0; c < 3; ++c) {
            t.channelValues << QVector<float>{float(c), 1, 2, 3};
            t.channelMin << 0;
            t.channelMax << 3;
            QImage image(2, 2, QImage::Format_RGB32);
            image.fill(Qt::green);
            t.channelImages << image;
        }
        t.max = 3;
        f.taps << t;
        f.firstLayerKernels << common::Kernel(3, 3, {1, 0, -1, 2, 0, -2, 1, 0, -1});
        // Several frames in quick succession: the latest is the one shown.
        gui::FeatureFrame older = f;
        older.source = QStringLiteral("older");
        m_panel->showLiveFrame(older);
        m_panel->showLiveFrame(f);
        QVERIFY(waitFor([&](const gui::FeatureFrame& shown) { return shown.source == f.source; }));
        QCOMPARE(m_panel->channelGrid()->tileCount(), 3);
        QCOMPARE(m_panel->channelHeatmap()->rows(), 2);
        QVERIFY(m_panel->predictionBox()->predictionText().startsWith(QStringLiteral("b 75.0 %")));
        QSignalSpy spy(m_panel.get(), &gui::FeatureMapsPanel::openKernelInFrequency);
        QTest::mouseClick(m_panel->kernelBox()->openButton(), Qt::LeftButton);
        QCOMPARE(spy.size(), 1);
        QCOMPARE(spy[0][1].toString(), QStringLiteral("conv1 filter 0 (step 340)"));
        QCOMPARE(spy[0][0].value<common::Kernel>(), f.firstLayerKernels[0]);
        // The run ends: its last frame stays on screen.
        m_panel->setLiveAvailable(false);
        QVERIFY(QTest::qWaitFor([&] { return !m_panel->isComputing(); }, 2000));
        QCOMPARE(m_panel->frame().source, f.source);
        QVERIFY(!m_panel->sourceBox()->liveButton()->isEnabled());
    }

    void liveStaysWhenACheckpointWasChosen() {
        m_panel->setCheckpoint(m_checkpoint);
        QVERIFY(waitFor([](const gui::FeatureFrame& f) { return !f.isEmpty(); }));
        m_panel->setLiveAvailable(true);
        QVERIFY(m_panel->sourceBox()->checkpointButton()->isChecked());
        clickRadio(m_panel->sourceBox()->liveButton());
        QVERIFY(QTest::qWaitFor([&] { return m_panel->frame().isEmpty(); }, 2000));
        clickRadio(m_panel->sourceBox()->checkpointButton());
        QVERIFY(waitFor([](const gui::FeatureFrame& f) { return !f.isEmpty(); }));
    }

    void errorsAreSentences() {
        // A corrupt checkpoint.
        chooseCheckpointByTyping(m_corrupt);
        QVERIFY(waitForError());
        QVERIFY2(m_panel->message().contains(QStringLiteral("corrupt.ckpt")), qPrintable(m_panel->message()));
        QVERIFY(m_panel->message().contains(QStringLiteral("checkpoint")));
        QVERIFY(m_panel->frame().isEmpty());
        QCOMPARE(m_panel->channelGrid()->tileCount(), 0);
        // A good one afterwards works.
        m_panel->setCheckpoint(m_checkpoint);
        QVERIFY(waitFor([](const gui::FeatureFrame& f) { return !f.isEmpty(); }));
        QVERIFY(!m_panel->isShowingError());
        // A missing file.
        m_panel->setCheckpoint(m_dir.filePath(QStringLiteral("nothing-here.ckpt")));
        QVERIFY(waitForError());
        QVERIFY2(m_panel->message().contains(QStringLiteral("does not exist")),
                 qPrintable(m_panel->message()));
        // A test image the set does not have.
        m_panel->setCheckpoint(m_checkpoint);
        m_panel->selectTestImage(9999);
        QVERIFY(waitForError());
        QVERIFY2(m_panel->message().contains(QStringLiteral("40 images")), qPrintable(m_panel->message()));
        // A folder without the dataset.
        m_panel->selectTestImage(1);
        m_panel->setDataDirectory(m_dir.filePath(QStringLiteral("no-such-folder")));
        QVERIFY(waitForError());
        QVERIFY2(m_panel->message().contains(QStringLiteral("Fashion-MNIST")),
                 qPrintable(m_panel->message()));
        m_panel->setDataDirectory(dataDir());
        QVERIFY(waitFor(
            [](const gui::FeatureFrame& f) { return f.source.startsWith(QStringLiteral("test image 1 ")); }));
    }

    // Not a check: with CONVSCOPE_SHOT_DIR and CONVSCOPE_SHOT_CHECKPOINT set, renders the panel for a person
    // to look at (the real Fashion-MNIST unless CONVSCOPE_SHOT_DATA names another folder).
    void screenshot() {
        const QString dir = qEnvironmentVariable("CONVSCOPE_SHOT_DIR");
        const QString checkpoint = qEnvironmentVariable("CONVSCOPE_SHOT_CHECKPOINT");
        if (dir.isEmpty() || checkpoint.isEmpty())
            QSKIP("CONVSCOPE_SHOT_DIR and CONVSCOPE_SHOT_CHECKPOINT not set");
        m_panel->setDataDirectory(qEnvironmentVariable("CONVSCOPE_SHOT_DATA"));
        const QStringList size =
            qEnvironmentVariable("CONVSCOPE_SHOT_SIZE", QStringLiteral("1600x1000")).split('x');
        m_panel->resize(size.value(0).toInt(), size.value(1).toInt());
        m_panel->setCheckpoint(checkpoint);
        m_panel->selectTestImage(7);
        QVERIFY(waitFor(
            [](const gui::FeatureFrame& f) { return f.source.startsWith(QStringLiteral("test image 7 ")); }));
        const QStringList taps =
            qEnvironmentVariable("CONVSCOPE_SHOT_TAPS", QStringLiteral("conv1,fc")).split(',');
        for (const QString& name : taps) {
            clickTap(name);
            QTest::mouseClick(m_panel->channelGrid(), Qt::LeftButton, {},
                              m_panel->channelGrid()->tileRect(3).center());
            QTest::qWait(100);
            QVERIFY(
                m_panel->grab().save(QDir(dir).filePath(QStringLiteral("feature-maps-%1.png").arg(name))));
        }
        clickRadio(m_panel->sourceBox()->openImageButton());
        QVERIFY(waitFor([](const gui::FeatureFrame& f) { return f.trueLabel < 0; }));
        QVERIFY(m_panel->grab().save(QDir(dir).filePath(QStringLiteral("feature-maps-open-image.png"))));
    }
};

CONVSCOPE_TEST_MAIN(TestFeatureMapsPanel)
#include "test_feature_maps_panel.moc"
