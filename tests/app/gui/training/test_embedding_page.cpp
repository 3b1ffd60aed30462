// The Training panel's Embedding tab. The worker's subset (seeded, spread over the classes); its PCA on the
// bundled LeNet-5 checkpoint against core/embedding's PCA of the activations core/nn computes for the same
// images (and its kNN accuracies against core/embedding's); t-SNE's frame; a newer request cancelling an
// older t-SNE; and the tab after a tiny run: refreshed per epoch, points, the kNN subtitle, the axis
// titles, the layers listed.
// Data: a small Fashion-MNIST-format folder written by the test.
#include <QComboBox>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

#include "app/gui/training/embedding_controller.h"
#include "app/gui/training/embedding_page.h"
#include "app/gui/training/embedding_worker.h"
#include "app/gui/training/training_form.h"
#include "app/gui/training/training_panel.h"
#include "core/embedding/knn_accuracy.h"
#include "core/embedding/pca.h"
#include "core/embedding/tsne.h"
#include "core/nn/data/image_dataset.h"
#include "core/nn/embed/embedding_activations.h"
#include "core/nn/models/model_factory.h"
#include "core/nn/train/checkpoint.h"
#include "tests/support/fashion_mnist_folder.h"
#include "tests/support/test_main.h"
#include "widgets/plot/scatter_plot_view.h"

using namespace convscope;

namespace {
const QString kCheckpoint =
    QStringLiteral(CONVSCOPE_TEST_DATA_DIR "/../../assets/models/lenet5_fashion_mnist.ckpt");
}  // namespace

class TestEmbeddingPage : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    // The reference: the same checkpoint and images through core/nn directly.
    nn::EmbeddingActivations referenceActivations() {
        const nn::CheckpointState state = nn::readCheckpointState(kCheckpoint.toStdString());
        const nn::Classifier model = nn::makeModel(state.config.model);
        nn::loadCheckpoint(kCheckpoint.toStdString(), *model, nullptr, state.config.model);
        const nn::ImageDataset test = nn::loadFashionMnist(m_dir.filePath("data").toStdString(), false);
        return nn::embeddingActivations(*model, test, state.config.input, torch::Device(torch::kCPU));
    }

    gui::EmbeddingFrame compute(gui::EmbeddingController& c, const gui::EmbeddingRequest& r) {
        QSignalSpy ready(&c, &gui::EmbeddingController::ready);
        QSignalSpy failed(&c, &gui::EmbeddingController::failed);
        c.request(r);
        [&] { QTRY_VERIFY_WITH_TIMEOUT(ready.count() + failed.count() > 0, 120000); }();
        if (!failed.isEmpty()) qWarning() << failed.first().at(0).toString();
        return ready.isEmpty() ? gui::EmbeddingFrame() : ready.first().at(0).value<gui::EmbeddingFrame>();
    }

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(QDir().mkpath(m_dir.filePath("data")));
        testing::writeFashionMnistFolder(m_dir.filePath("data"));
    }

    void subsetIsSpreadAndSeeded() {
        // 10 classes; class 9 has only 3 images.
        QVector<int> labels;
        for (int i = 0; i < 500; ++i) labels << (i % 10 == 9 && i > 30 ? i % 9 : i % 10);
        const QVector<int> s = gui::EmbeddingWorker::spreadSubset(labels, 48, 7);
        QCOMPARE(s.size(), 48);
        QVERIFY(std::is_sorted(s.begin(), s.end()));
        QVector<int> perClass(10, 0);
        for (int i : s) ++perClass[labels[i]];
        QCOMPARE(perClass[9], 3);  // all it has
        for (int c = 0; c < 9; ++c) QCOMPARE(perClass[c], 5);
        QCOMPARE(gui::EmbeddingWorker::spreadSubset(labels, 48, 7), s);
        QVERIFY(gui::EmbeddingWorker::spreadSubset(labels, 48, 8) != s);
        QCOMPARE(gui::EmbeddingWorker::spreadSubset(labels, 900, 1).size(), 500);
    }

    void pcaMatchesTheEngine() {
        gui::EmbeddingController controller;
        gui::EmbeddingRequest r;
        r.checkpointPath = kCheckpoint;
        r.dataDirectory = m_dir.filePath("data");
        const gui::EmbeddingFrame f = compute(controller, r);
        QCOMPARE(f.points.size(), 100);  // the folder's whole test set (fewer than 1,000)
        QCOMPARE(f.indices.first(), 0);
        QCOMPARE(f.indices.last(), 99);
        QCOMPARE(f.thumbnails.size(), 100);
        QCOMPARE(f.thumbnails[3].size(), QSize(28, 28));
        QCOMPARE(f.classNames.size(), 10);
        QVERIFY(f.taps.contains(f.tap));
        QCOMPARE(f.defaultTap, f.tap);

        const nn::EmbeddingActivations a = referenceActivations();
        QCOMPARE(f.tap, QString::fromStdString(a.tap));
        QCOMPARE(f.dims, a.dims);
        embedding::PointSet points(a.count, a.dims);
        std::copy(a.values.begin(), a.values.end(), points.values.begin());
        const embedding::PcaResult p = embedding::pca(points, 2);
        for (int i = 0; i < 100; ++i) {
            QVERIFY(std::abs(f.points[i].x() - p.projected.at(i, 0)) < 1e-6);
            QVERIFY(std::abs(f.points[i].y() - p.projected.at(i, 1)) < 1e-6);
            QCOMPARE(f.labels[i], a.labels[std::size_t(i)]);
            QCOMPARE(f.labels[i], i % 10);  // the folder's labels
        }
        QCOMPARE(f.explainedVarianceRatio.size(), int(p.explainedVarianceRatio.size()));
        QVERIFY(std::abs(f.explainedVarianceRatio[0] - p.explainedVarianceRatio[0]) < 1e-12);
        QCOMPARE(f.knnAccuracy, embedding::knnAccuracy(points, a.labels, 5));
        QCOMPARE(f.knnAccuracy2d, embedding::knnAccuracy(p.projected, a.labels, 5));

        // An earlier tap: other dimensions, the same images.
        r.tap = f.taps.first();
        const gui::EmbeddingFrame early = compute(controller, r);
        QCOMPARE(early.tap, f.taps.first());
        QCOMPARE(early.defaultTap, f.tap);
        QCOMPARE(early.points.size(), 100);
        // A tap the model does not have: a sentence, no frame.
        QSignalSpy failed(&controller, &gui::EmbeddingController::failed);
        r.tap = QStringLiteral("nowhere");
        controller.request(r);
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 60000);
        QVERIFY(failed.first().at(0).toString().contains(QStringLiteral("nowhere")));
    }

    void tsneAndCancellation() {
        gui::EmbeddingController controller;
        gui::EmbeddingRequest r;
        r.checkpointPath = kCheckpoint;
        r.dataDirectory = m_dir.filePath("data");
        r.method = gui::EmbeddingMethod::Tsne;
        r.iterations = 300;
        const gui::EmbeddingFrame f = compute(controller, r);
        QCOMPARE(f.points.size(), 100);
        QVERIFY(!f.barnesHut);  // the exact gradient up to 2,000 points, as the CLI
        QCOMPARE(f.perplexity, 30.0);
        // The same points as core/embedding's t-SNE with the same options on core/nn's activations.
        const nn::EmbeddingActivations a = referenceActivations();
        embedding::PointSet points(a.count, a.dims);
        std::copy(a.values.begin(), a.values.end(), points.values.begin());
        embedding::TsneOptions options;
        options.iterations = 300;
        const embedding::TsneResult t = embedding::tsne(points, options);
        for (int i = 0; i < 100; ++i) {
            QCOMPARE(f.points[i].x(), t.embedding.at(i, 0));
            QCOMPARE(f.points[i].y(), t.embedding.at(i, 1));
        }
        QCOMPARE(f.klDivergence, t.klDivergence);
        QVERIFY(f.explainedVarianceRatio.isEmpty());
        QVERIFY(f.knnAccuracy2d > 0.0 && f.knnAccuracy2d <= 1.0);

        // A long t-SNE, then at once a PCA: only the PCA's frame arrives.
        QSignalSpy ready(&controller, &gui::EmbeddingController::ready);
        QSignalSpy failed(&controller, &gui::EmbeddingController::failed);
        r.iterations = 100000;
        controller.request(r);
        QTRY_VERIFY(controller.isBusy());
        r.method = gui::EmbeddingMethod::Pca;
        controller.request(r);
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, 60000);
        QCOMPARE(ready.first().at(0).value<gui::EmbeddingFrame>().request.method, gui::EmbeddingMethod::Pca);
        QCOMPARE(failed.count(), 0);
        QVERIFY(!controller.isBusy());
    }

    // With CONVSCOPE_EMBEDDING_GRABS set and Debian's Fashion-MNIST installed: the bundled model on 1,000
    // real test images, timed, and pictures of both projections (for a person to look at).
    void realFashionMnist() {
        const QString grabs = qEnvironmentVariable("CONVSCOPE_EMBEDDING_GRABS");
        const QString data = QStringLiteral("/usr/share/datasets/fashion-mnist");
        if (grabs.isEmpty() || !QFileInfo::exists(data)) QSKIP("set CONVSCOPE_EMBEDDING_GRABS to look");
        QDir().mkpath(grabs);
        gui::EmbeddingController controller;
        gui::EmbeddingRequest r;
        r.checkpointPath = kCheckpoint;
        r.dataDirectory = data;
        for (const gui::EmbeddingMethod m : {gui::EmbeddingMethod::Pca, gui::EmbeddingMethod::Tsne}) {
            r.method = m;
            const gui::EmbeddingFrame f = compute(controller, r);
            QCOMPARE(f.points.size(), 1000);
            QVector<int> perClass(10, 0);
            for (int label : f.labels) ++perClass[label];
            QCOMPARE(perClass, QVector<int>(10, 100));
            qInfo("%s of 1,000 images at %s: %.2f s, kNN %.3f (%d-D), %.3f (2-D)",
                  m == gui::EmbeddingMethod::Pca ? "PCA" : "t-SNE", qPrintable(f.tap), f.seconds,
                  f.knnAccuracy, f.dims, f.knnAccuracy2d);
            widgets::ScatterPlotView view;
            view.resize(760, 520);
            view.setClassNames(f.classNames);
            view.setPoints(f.points, f.labels);
            view.setTitle(QStringLiteral("real Fashion-MNIST"));
            QVERIFY(view.exportImage(grabs + (m == gui::EmbeddingMethod::Pca
                                                  ? QStringLiteral("/real_pca.png")
                                                  : QStringLiteral("/real_tsne.png"))));
        }
    }

    void tabAfterARun() {
        gui::TrainingPanel panel(m_dir.filePath("runs"));
        panel.resize(1400, 900);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        auto* page = panel.findChild<gui::EmbeddingPage*>();
        QVERIFY(page);
        QCOMPARE(panel.viewTabs()->tabText(panel.viewTabs()->indexOf(page)), QStringLiteral("Embedding"));
        panel.viewTabs()->setCurrentWidget(page);
        QCOMPARE(page->view()->count(), 0);
        QVERIFY(!page->view()->emptyText().isEmpty());

        gui::TrainingForm* form = panel.form();
        form->setDataDirectory(m_dir.filePath("data"));
        nn::TrainConfig c = gui::TrainingForm::preset(QStringLiteral("quick"));
        c.model.name = "lenet5";
        c.model.stem = nn::Stem::Small;
        c.epochs = 2;
        c.batchSize = 30;
        c.learningRate = 0.003;
        c.limitTrain = 300;
        c.limitTest = 100;
        c.threads = 1;
        form->setConfig(c);
        panel.start();
        QTRY_VERIFY_WITH_TIMEOUT(!panel.isRunning(), 120000);
        QTRY_COMPARE_WITH_TIMEOUT(page->view()->count(), 100, 120000);
        QCOMPARE(page->checkpointPath(), panel.runs().first().checkpointPath());
        // Refreshed after each epoch: the last one's checkpoint is on show.
        QTRY_VERIFY_WITH_TIMEOUT(page->statusLabel()->text().contains(QStringLiteral("after epoch 2")),
                                 60000);
        QVERIFY(page->view()->subtitle().startsWith(QStringLiteral("kNN accuracy (k = 5): ")));
        QVERIFY2(page->view()->xTitle().startsWith(QStringLiteral("PC 1 (")) &&
                     page->view()->xTitle().endsWith(QStringLiteral("% of variance)")),
                 qPrintable(page->view()->xTitle()));
        QVERIFY(page->tapCombo()->count() > 2);
        QVERIFY(page->tapCombo()->currentText().endsWith(QStringLiteral("(penultimate)")));
        QCOMPARE(page->tapCombo()->currentData().toString(), QString());
        const QString grabs = qEnvironmentVariable("CONVSCOPE_EMBEDDING_GRABS");
        if (!grabs.isEmpty()) {
            QDir().mkpath(grabs);
            // Hover the first point, so that the grab shows the popup too.
            QTest::mouseMove(page->view(), page->view()->mapToWidget(0).toPoint());
            QTRY_COMPARE(page->view()->hoveredIndex(), 0);
            panel.grab().save(grabs + QStringLiteral("/embedding_pca.png"));
        }

        // t-SNE from the combo: other axis titles and the note.
        page->methodCombo()->setCurrentIndex(1);
        QTRY_VERIFY_WITH_TIMEOUT(page->frame().request.method == gui::EmbeddingMethod::Tsne, 120000);
        QCOMPARE(page->view()->xTitle(), QStringLiteral("t-SNE 1 (no units)"));
        QCOMPARE(page->view()->count(), 100);
        QVERIFY(page->findChild<QLabel*>(QStringLiteral("embeddingNote"))->isVisible());
        if (!grabs.isEmpty()) panel.grab().save(grabs + QStringLiteral("/embedding_tsne.png"));

        // An earlier layer from the combo.
        page->methodCombo()->setCurrentIndex(0);
        QTRY_VERIFY_WITH_TIMEOUT(page->frame().request.method == gui::EmbeddingMethod::Pca, 120000);
        const QString first = page->tapCombo()->itemData(0).toString();
        page->tapCombo()->setCurrentIndex(0);
        QTRY_COMPARE_WITH_TIMEOUT(page->frame().tap, first, 120000);
        QCOMPARE(page->tapCombo()->currentData().toString(), first);

        // A restart: a new panel's tab shows the newest stored run on demand (when shown).
        gui::TrainingPanel again(m_dir.filePath("runs"));
        again.resize(1200, 800);
        again.show();
        QVERIFY(QTest::qWaitForWindowExposed(&again));
        again.form()->setDataDirectory(m_dir.filePath("data"));  // as restoreState would
        auto* later = again.findChild<gui::EmbeddingPage*>();
        QCOMPARE(later->view()->count(), 0);  // a hidden tab computes nothing
        again.viewTabs()->setCurrentWidget(later);
        QTRY_COMPARE_WITH_TIMEOUT(later->view()->count(), 100, 120000);
        QCOMPARE(later->checkpointPath(), again.runs().first().checkpointPath());
    }
};

CONVSCOPE_TEST_MAIN(TestEmbeddingPage)
#include "test_embedding_page.moc"
