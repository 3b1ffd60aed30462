// The Explain panel driven as a learner would: a first start explains the pretrained LeNet-5 of assets/ on a
// Fashion-MNIST-format folder the test writes; another target class is asked for, a Grad-CAM cell is
// hovered and its terms add up to its value; a broken checkpoint or a missing dataset says so; exports and
// the panel's state come back.
#include <QComboBox>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QRadioButton>
#include <QScrollArea>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include <algorithm>
#include <cmath>
#include <memory>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "app/gui/document/image_document.h"
#include "app/gui/explain/explain_maps_view.h"
#include "app/gui/explain/explain_overlay_tile.h"
#include "app/gui/explain/explain_panel.h"
#include "app/gui/explain/explain_terms_view.h"
#include "app/gui/features/feature_prediction_box.h"
#include "app/gui/features/feature_source_box.h"
#include "tests/app/gui/features/feature_maps_fixture.h"
#include "tests/support/test_main.h"

using namespace convscope;

class TestExplainPanel : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    gui::ImageDocument m_document;
    std::unique_ptr<gui::ExplainPanel> m_panel;

    QString dataDir() const { return m_dir.filePath(QStringLiteral("data")); }
    static QString bundled() {
        return QFileInfo(
                   QStringLiteral(CONVSCOPE_TEST_DATA_DIR "/../../assets/models/lenet5_fashion_mnist.ckpt"))
            .canonicalFilePath();
    }

    std::unique_ptr<gui::ExplainPanel> startPanel() {
        auto panel = std::make_unique<gui::ExplainPanel>(&m_document);
        panel->setDataDirectory(dataDir());
        panel->restoreState();  // as the main window does at start-up
        panel->resize(1500, 1000);
        panel->show();
        return panel;
    }
    static bool settled(const gui::ExplainPanel& p) {
        return QTest::qWaitFor(
            [&p] { return !p.isComputing() && (!p.frame().isEmpty() || p.isShowingError()); }, 120000);
    }
    // Scrolls `tile` into view, as a learner would before pointing at it.
    void reveal(gui::ExplainOverlayTile* tile) {
        if (auto* scroll = qobject_cast<QScrollArea*>(m_panel->mapsView()->parentWidget()->parentWidget()))
            scroll->ensureWidgetVisible(tile);
    }
    // Hovers cell (row, col) of map `index` and checks the terms listed add up to the cell's value.
    void hoverAndCheck(int index, int row, int col) {
        gui::ExplainOverlayTile* tile = m_panel->mapsView()->tile(index);
        QVERIFY(tile);
        reveal(tile);
        gui::ExplainTermsView* terms = m_panel->termsView();
        // Under load a move can arrive before the scrolled tile is exposed and be dropped: move again (one
        // pixel off and back, as a hand would) until the tile reports the cell.
        QTRY_VERIFY_WITH_TIMEOUT(!tile->visibleRegion().isEmpty(), 30000);
        const QPoint at = tile->cellCenter(row, col);
        QTRY_VERIFY_WITH_TIMEOUT((QTest::mouseMove(tile, at + QPoint(1, 0)), QTest::mouseMove(tile, at),
                                  terms->hasCell() && terms->row() == row && terms->col() == col),
                                 30000);
        const gui::ExplainMap& map = m_panel->frame().map(index);
        QCOMPARE(terms->cellValue(), double(map.value(row, col)));
        QVERIFY(!terms->terms().isEmpty());
        double sum = 0.0, largest = 0.0;
        for (int i = 0; i < terms->terms().size(); ++i) {
            const gui::ExplainTerm& t = terms->terms()[i];
            sum += t.term;
            largest = std::max(largest, double(std::abs(t.term)));
            // Largest magnitude first; a channel's term is its weight times its activation.
            if (i > 0 && terms->terms()[i - 1].channel >= 0 && t.channel >= 0)
                QVERIFY(std::abs(terms->terms()[i - 1].term) >= std::abs(t.term));
            if (t.channel >= 0)
                QVERIFY(std::abs(t.term - t.weight * t.activation) <= 1e-5 * (1.0 + std::abs(t.term)));
        }
        QVERIFY2(std::abs(sum - terms->cellValue()) <= 1e-4 * (1.0 + largest),
                 qPrintable(QStringLiteral("Σ terms %1 ≠ cell %2").arg(sum).arg(terms->cellValue())));
        QCOMPARE(terms->list()->topLevelItemCount(), int(terms->terms().size()));
        QVERIFY(tile->toolTip().size() > 0);
    }

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        qunsetenv("CONVSCOPE_ASSETS_DIR");
        QVERIFY(m_dir.isValid());
        const tests::SmallFashionMnist data = tests::writeSmallFashionMnist(dataDir());
        QVERIFY2(data.error.isEmpty(), qPrintable(data.error));
    }

    void firstStartExplainsTheBundledModel() {
        m_panel = startPanel();
        QCOMPARE(m_panel->title(), QStringLiteral("Explain"));
        QCOMPARE(QFileInfo(m_panel->checkpoint()).canonicalFilePath(), bundled());
        QVERIFY(settled(*m_panel));
        QVERIFY2(!m_panel->isShowingError(), qPrintable(m_panel->message()));
        const gui::ExplainFrame& f = m_panel->frame();
        QVERIFY2(f.modelSource.contains(QStringLiteral("LeNet-5")), qPrintable(f.modelSource));
        QVERIFY(f.source.startsWith(QStringLiteral("test image 0 ")));
        QCOMPARE(f.target, f.predicted);
        QCOMPARE(f.probabilities.size(), 10);
        QVERIFY(!m_panel->predictionBox()->predictionText().isEmpty());
        // Seven methods, each an overlay labelled with its title and display convention.
        const QStringList titles{QStringLiteral("Grad-CAM"),   QStringLiteral("Grad-CAM++"),
                                 QStringLiteral("HiResCAM"),   QStringLiteral("Saliency"),
                                 QStringLiteral("SmoothGrad"), QStringLiteral("Integrated gradients"),
                                 QStringLiteral("Occlusion")};
        QCOMPARE(f.methods.size(), titles.size());
        for (int i = 0; i < titles.size(); ++i) {
            const gui::ExplainOverlayTile* tile = m_panel->mapsView()->tile(i);
            QVERIFY(tile->title().startsWith(titles[i]));
            QVERIFY(!tile->picture().isNull());
            QCOMPARE(tile->picture().size(), QSize(168, 168));
        }
        QVERIFY2(m_panel->mapsView()->tile(0)->subtitle().startsWith(QStringLiteral("ReLU, scaled to max ")),
                 qPrintable(m_panel->mapsView()->tile(0)->subtitle()));
        QVERIFY(m_panel->mapsView()->tile(5)->subtitle().startsWith(QStringLiteral("signed, ±")));
        QVERIFY(m_panel->mapsView()->tile(6)->subtitle().startsWith(QStringLiteral("signed, ±")));
        // The layer strip: Grad-CAM at every spatial tap, named with its resolution; the last tap is the
        // main Grad-CAM's layer.
        QVERIFY(f.strip.size() >= 2);
        QCOMPARE(m_panel->mapsView()->tileCount(), f.mapCount());
        const gui::ExplainOverlayTile* first = m_panel->mapsView()->tile(f.methods.size());
        QVERIFY2(first->title().startsWith(f.strip.first().layer + QStringLiteral(" · ")),
                 qPrintable(first->title()));
        QCOMPARE(f.strip.last().layer, f.methods.first().layer);
        QVERIFY(m_panel->targetCombo()->itemText(0).startsWith(QStringLiteral("Predicted class (")));
        QCOMPARE(m_panel->targetCombo()->count(), 11);
        QVERIFY(m_panel->canExport());
    }

    void anotherTargetClassIsExplained() {
        const gui::ExplainFrame before = m_panel->frame();
        // Not the prediction: the class that comes second, "why not …?".
        int other = before.predicted == 0 ? 1 : 0;
        for (int c = 0; c < before.probabilities.size(); ++c)
            if (c != before.predicted && before.probabilities[c] > before.probabilities[other]) other = c;
        QComboBox* combo = m_panel->targetCombo();
        combo->setFocus();
        // The learner steps through the list with the keyboard until the class is chosen.
        while (combo->currentData().toInt() != other) QTest::keyClick(combo, Qt::Key_Down);
        QTRY_VERIFY_WITH_TIMEOUT(!m_panel->isComputing() && m_panel->frame().target == other, 120000);
        QCOMPARE(m_panel->target(), other);
        QCOMPARE(m_panel->frame().predicted, before.predicted);
        QVERIFY(m_panel->frame().methods[3].values != before.methods[3].values);  // saliency of another score
        QCOMPARE(combo->currentData().toInt(), other);
        // Back to the predicted class.
        combo->setCurrentIndex(1);
        QTest::keyClick(combo, Qt::Key_Up);
        QCOMPARE(combo->currentData().toInt(), -1);
        QTRY_VERIFY_WITH_TIMEOUT(!m_panel->isComputing() && m_panel->frame().target == before.predicted,
                                 120000);
    }

    void hoveringAGradCamCellListsItsTerms() {
        const gui::ExplainFrame& f = m_panel->frame();
        // The main Grad-CAM's strongest cell, then a cell of every strip layer.
        const gui::ExplainMap& cam = f.methods.first();
        const int peak = int(std::max_element(cam.values.begin(), cam.values.end()) - cam.values.begin());
        hoverAndCheck(0, peak / cam.cols, peak % cam.cols);
        hoverAndCheck(2, 1, 1);  // HiResCAM: per-cell weights
        for (int s = 0; s < f.strip.size(); ++s)
            hoverAndCheck(f.methods.size() + s, f.strip[s].rows / 2, f.strip[s].cols / 3);
    }

    void exportsThePicturesAndTheSelectedMap() {
        const QString png = m_dir.filePath(QStringLiteral("explain.png"));
        QCOMPARE(m_panel->exportTo(png), QString());
        const QImage picture(png);
        QVERIFY(picture.width() >= 4 * 168 && picture.height() >= 2 * 168);
        // A click chooses the map the CSV holds: occlusion, 28 × 28 values.
        gui::ExplainOverlayTile* occlusion = m_panel->mapsView()->tile(6);
        reveal(occlusion);
        QTest::mouseClick(occlusion, Qt::LeftButton, {}, occlusion->cellCenter(3, 3));
        QCOMPARE(m_panel->selectedMap(), 6);
        QVERIFY(occlusion->isSelected() && !m_panel->mapsView()->tile(0)->isSelected());
        const QString csv = m_dir.filePath(QStringLiteral("occlusion.csv"));
        QCOMPARE(m_panel->exportTo(csv), QString());
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QStringList lines =
            QString::fromUtf8(file.readAll()).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
        const gui::ExplainMap& map = m_panel->frame().methods[6];
        QCOMPARE(lines.size(), map.rows + 1);
        const QStringList row5 = lines[6].split(QLatin1Char(','));
        QCOMPARE(row5.size(), map.cols + 1);
        QCOMPARE(row5[0], QStringLiteral("5"));
        QCOMPARE(row5[10].toFloat(), map.value(5, 9));
        QVERIFY(!m_panel->imageToCopy().isNull());
        // The selected map over the image, and alone: occlusion is signed, so its largest |value| is drawn
        // with the diverging map's end colour, its cells as blocks of 6 pixels (168 / 28).
        const QString overlay = m_dir.filePath(QStringLiteral("occlusion.overlay.png"));
        QCOMPARE(m_panel->exportTo(overlay), QString());
        QCOMPARE(QImage(overlay).size(), map.overlay.size());
        const QString alone = m_dir.filePath(QStringLiteral("occlusion.map.png"));
        QCOMPARE(m_panel->exportTo(alone), QString());
        const QImage mapPicture(alone);
        QCOMPARE(mapPicture.size(), QSize(28 * 6, 28 * 6));
        int peak = 0;
        for (int i = 1; i < map.values.size(); ++i)
            if (std::abs(map.values[i]) > std::abs(map.values[peak])) peak = i;
        const QColor end = mapPicture.pixelColor((peak % map.cols) * 6 + 3, (peak / map.cols) * 6 + 3);
        QVERIFY2(map.values[peak] > 0 ? end.red() > end.blue() : end.blue() > end.red(),
                 qPrintable(end.name()));
    }

    void theOpenImageIsExplained() {
        cv::Mat photo(90, 60, CV_8UC3, cv::Scalar(230, 230, 230));
        cv::rectangle(photo, cv::Rect(15, 20, 30, 50), cv::Scalar(40, 60, 90), cv::FILLED);
        m_document.setImage(photo, QString(), QStringLiteral("coat.png"));
        m_panel->sourceBox()->openImageButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(
            !m_panel->isComputing() && m_panel->frame().source.startsWith(QStringLiteral("coat.png: ")),
            120000);
        QCOMPARE(m_panel->frame().trueLabel, -1);
        QCOMPARE(m_panel->frame().methods.size(), 7);
        m_panel->selectTestImage(0);
        QVERIFY(settled(*m_panel));
    }

    void aBadCheckpointSaysSoWithoutCrashing() {
        const QString bad = m_dir.filePath(QStringLiteral("garbage.ckpt"));
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(4096, 'x'));
        f.close();
        m_panel->setCheckpoint(bad);
        QTRY_VERIFY_WITH_TIMEOUT(m_panel->isShowingError(), 60000);
        QVERIFY2(m_panel->message().contains(QStringLiteral("garbage.ckpt could not be opened")),
                 qPrintable(m_panel->message()));
        QVERIFY(m_panel->frame().isEmpty());
        QVERIFY(!m_panel->canExport());
        m_panel->setCheckpoint(m_dir.filePath(QStringLiteral("nowhere.ckpt")));
        QTRY_VERIFY_WITH_TIMEOUT(m_panel->message().contains(QStringLiteral("does not exist")), 60000);
        // A good model afterwards works as before.
        m_panel->setCheckpoint(bundled());
        QVERIFY(settled(*m_panel));
        QVERIFY(!m_panel->isShowingError());
    }

    void aMissingDatasetSaysSo() {
        const QString missing = m_dir.filePath(QStringLiteral("no-dataset"));
        m_panel->setDataDirectory(missing);
        QTRY_VERIFY_WITH_TIMEOUT(m_panel->isShowingError(), 60000);
        QVERIFY2(m_panel->message().contains(QStringLiteral("Fashion-MNIST")) &&
                     m_panel->message().contains(missing),
                 qPrintable(m_panel->message()));
        m_panel->setDataDirectory(dataDir());
        QVERIFY(settled(*m_panel));
        QVERIFY(!m_panel->isShowingError());
    }

    void theStateComesBack() {
        m_panel->selectTestImage(3);
        m_panel->setTarget(2);
        QTRY_VERIFY_WITH_TIMEOUT(!m_panel->isComputing() && m_panel->frame().target == 2, 120000);
        m_panel->selectMap(1);
        m_panel->saveState();
        m_panel.reset();
        m_panel = startPanel();
        QVERIFY(settled(*m_panel));
        QCOMPARE(m_panel->selectedTestIndex(), 3);
        QCOMPARE(m_panel->target(), 2);
        QCOMPARE(m_panel->frame().target, 2);
        QCOMPARE(m_panel->targetCombo()->currentData().toInt(), 2);
        QCOMPARE(m_panel->selectedMap(), 1);
        QVERIFY(m_panel->mapsView()->tile(1)->isSelected());
        QCOMPARE(QFileInfo(m_panel->checkpoint()).canonicalFilePath(), bundled());
        // A learner who cleared the model keeps none: the bundled one is for a first start only.
        m_panel->setCheckpoint(QString());
        QTRY_VERIFY(m_panel->message().contains(QStringLiteral("Choose a checkpoint")));
        m_panel->saveState();
        m_panel = startPanel();
        QVERIFY(m_panel->checkpoint().isEmpty());
    }

    void cleanupTestCase() { m_panel.reset(); }
};

CONVSCOPE_TEST_MAIN(TestExplainPanel)
#include "test_explain_panel.moc"
