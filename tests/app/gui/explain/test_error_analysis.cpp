// The Explain panel's error page driven as a learner would: the bundled LeNet-5 over a Fashion-MNIST-format
// test set the test writes. A confusion cell's gallery holds exactly the images an independent evaluation
// (core/nn/train/evaluation, torch's cross_entropy) puts there; the top losses are the largest, sorted;
// clicking a most-confused pair opens its cell; clicking an image explains it on the first page; a missing
// data set, a broken checkpoint or a model for other classes says so.
#include <torch/torch.h>

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>
#include <algorithm>
#include <map>
#include <memory>
#include <set>

#include "app/gui/document/image_document.h"
#include "app/gui/explain/error_analysis_view.h"
#include "app/gui/explain/explain_panel.h"
#include "core/nn/data/batch_transform.h"
#include "core/nn/data/image_dataset.h"
#include "core/nn/models/model_factory.h"
#include "core/nn/train/checkpoint.h"
#include "core/nn/train/evaluation.h"
#include "tests/support/fashion_mnist_folder.h"
#include "tests/support/test_main.h"
#include "widgets/image/tile_grid_view.h"

using namespace convscope;

namespace {
constexpr int kTestImages = 100;
}

class TestErrorAnalysis : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    gui::ImageDocument m_document;
    std::unique_ptr<gui::ExplainPanel> m_panel;
    // The independent reference: the bundled model evaluated by core/nn/train/evaluation.
    std::vector<int> m_labels, m_predicted;
    std::vector<float> m_losses;
    std::vector<std::int64_t> m_confusion;

    QString dataDir() const { return m_dir.filePath(QStringLiteral("data")); }
    static QString bundled() {
        return QFileInfo(
                   QStringLiteral(CONVSCOPE_TEST_DATA_DIR "/../../assets/models/lenet5_fashion_mnist.ckpt"))
            .canonicalFilePath();
    }
    gui::ErrorAnalysisView* view() const { return m_panel->errorView(); }
    static bool settled(const gui::ErrorAnalysisView& v) {
        return QTest::qWaitFor(
            [&v] { return !v.isComputing() && (!v.frame().isEmpty() || v.isShowingError()); }, 120000);
    }
    std::set<int> cell(int t, int p) const {
        std::set<int> s;
        for (int i = 0; i < kTestImages; ++i)
            if (m_labels[std::size_t(i)] == t && m_predicted[std::size_t(i)] == p) s.insert(i);
        return s;
    }
    // The off-diagonal cells with images, largest first (ties: true, then predicted class).
    std::vector<std::pair<int, int>> pairsBySize() const {
        std::vector<std::pair<int, int>> pairs;
        for (int t = 0; t < 10; ++t)
            for (int p = 0; p < 10; ++p)
                if (t != p && m_confusion[std::size_t(t * 10 + p)] > 0) pairs.push_back({t, p});
        std::stable_sort(pairs.begin(), pairs.end(), [this](auto a, auto b) {
            return m_confusion[std::size_t(a.first * 10 + a.second)] >
                   m_confusion[std::size_t(b.first * 10 + b.second)];
        });
        return pairs;
    }
    void checkCell(int t, int p) {
        const gui::ErrorAnalysisFrame& f = view()->frame();
        QCOMPARE(f.request.mode, gui::ErrorMode::Cell);
        QCOMPARE(f.request.trueClass, t);
        QCOMPARE(f.request.predictedClass, p);
        const std::set<int> expected = cell(t, p);
        std::set<int> shown;
        for (const gui::ErrorTile& tile : f.tiles) {
            QCOMPARE(tile.label, t);
            QCOMPARE(tile.predicted, p);
            QVERIFY(!tile.overlay.isNull());
            shown.insert(tile.index);
        }
        QCOMPARE(shown, expected);
        QCOMPARE(f.matching, qint64(expected.size()));
        QCOMPARE(view()->gallery()->tileCount(), int(expected.size()));
        if (!expected.empty())
            QVERIFY2(view()->countText().contains(QStringLiteral("showing %1 of %1").arg(expected.size())),
                     qPrintable(view()->countText()));
        for (int i = 1; i < f.tiles.size(); ++i)
            QVERIFY(f.tiles[i - 1].probability >= f.tiles[i].probability);
    }

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(QDir().mkpath(dataDir()));
        testing::writeFashionMnistFolder(dataDir(), 10, kTestImages);
        QVERIFY(QFile::exists(bundled()));
        const nn::CheckpointState state = nn::readCheckpointState(bundled().toStdString());
        nn::Classifier model = nn::makeModel(state.config.model);
        nn::loadCheckpoint(bundled().toStdString(), *model, nullptr, state.config.model);
        const nn::ImageDataset test = nn::loadFashionMnist(dataDir().toStdString(), false);
        const torch::Device cpu(torch::kCPU);
        const nn::Evaluation e = nn::evaluate(*model, test, state.config.input, cpu, 64, kTestImages);
        m_predicted = e.predictions;
        m_confusion = e.confusion;
        for (int i = 0; i < kTestImages; ++i) m_labels.push_back(int(test.labels[i].item<std::int64_t>()));
        torch::NoGradGuard noGrad;
        model->eval();
        const nn::InputTransform& t = state.config.input;
        const torch::Tensor logits =
            model->forward(nn::prepareBatch(test.images, nn::evaluationTransform(t), 0, cpu));
        const torch::Tensor losses = torch::nn::functional::cross_entropy(
            logits, test.labels, torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kNone));
        for (int i = 0; i < kTestImages; ++i) m_losses.push_back(losses[i].item<float>());
        // The bars are not clothes: the model confuses them, so that there are pairs to look at.
        QVERIFY(pairsBySize().size() >= 3);
    }

    void init() {
        m_panel = std::make_unique<gui::ExplainPanel>(&m_document);
        m_panel->setDataDirectory(dataDir());
        m_panel->resize(1500, 1000);
        m_panel->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
    }
    void cleanup() { m_panel.reset(); }

    void hiddenPageComputesNothing() {
        m_panel->setCheckpoint(bundled());
        QVERIFY(!view()->isVisible());
        // The page's coalescing timer fires, and the hidden page posts nothing (a frame would say otherwise).
        QTRY_VERIFY(!view()->isComputing());
        QVERIFY(view()->frame().isEmpty());
        QVERIFY(view()->message().isEmpty() || !view()->isShowingError());
    }

    void cellGalleryMatchesEvaluation() {
        const auto [t, p] = pairsBySize().front();
        m_panel->showErrors(bundled(), dataDir(), t, p);
        QCOMPARE(m_panel->pages()->currentWidget(), static_cast<QWidget*>(view()));
        QCOMPARE(m_panel->checkpoint(), bundled());
        QVERIFY(settled(*view()));
        QVERIFY2(!view()->isShowingError(), qPrintable(view()->message()));
        checkCell(t, p);
        QVERIFY(view()->cellButton()->isChecked());
        QCOMPARE(view()->trueCombo()->currentData().toInt(), t);
        QCOMPARE(view()->predictedCombo()->currentData().toInt(), p);
        // The whole test set's outcome: the same confusion matrix and pairs as the evaluation.
        const gui::ErrorAnalysisFrame& f = view()->frame();
        QCOMPARE(f.testCount, qint64(kTestImages));
        for (int i = 0; i < 100; ++i) QCOMPARE(f.confusion.value(i), qint64(m_confusion[std::size_t(i)]));
        // The diagonal: images recognised correctly, chosen with the combo boxes.
        int right = -1;
        for (int i = 0; i < kTestImages && right < 0; ++i)
            if (m_labels[std::size_t(i)] == m_predicted[std::size_t(i)]) right = m_labels[std::size_t(i)];
        if (right >= 0) {
            view()->trueCombo()->setCurrentIndex(view()->trueCombo()->findData(right));
            Q_EMIT view()->trueCombo()->activated(view()->trueCombo()->currentIndex());
            view()->predictedCombo()->setCurrentIndex(view()->predictedCombo()->findData(right));
            Q_EMIT view()->predictedCombo()->activated(view()->predictedCombo()->currentIndex());
            QVERIFY(settled(*view()));
            QTRY_COMPARE(view()->frame().request.predictedClass, right);
            checkCell(right, right);
        }
    }

    void topLossesAreSorted() {
        m_panel->showErrors(bundled(), dataDir(), 0, 0);
        QVERIFY(settled(*view()));
        QTest::mouseClick(view()->topLossesButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(
            !view()->isComputing() && view()->frame().request.mode == gui::ErrorMode::TopLosses, 120000);
        const gui::ErrorAnalysisFrame& f = view()->frame();
        QCOMPARE(f.tiles.size(), 48);
        QCOMPARE(f.matching, qint64(kTestImages));
        std::vector<float> reference = m_losses;
        std::sort(reference.begin(), reference.end(), std::greater<float>());
        for (int i = 0; i < f.tiles.size(); ++i) {
            const gui::ErrorTile& tile = f.tiles[i];
            if (i > 0) QVERIFY(f.tiles[i - 1].loss >= tile.loss);
            // Each shown loss is the image's own, and the i-th largest of the set.
            QVERIFY(std::abs(tile.loss - m_losses[std::size_t(tile.index)]) <
                    1e-4f * std::max(1.0f, tile.loss));
            QVERIFY(std::abs(tile.loss - reference[std::size_t(i)]) < 1e-4f * std::max(1.0f, tile.loss));
            QCOMPARE(tile.label, m_labels[std::size_t(tile.index)]);
            QCOMPARE(tile.predicted, m_predicted[std::size_t(tile.index)]);
        }
        QVERIFY(view()->countText().contains(QStringLiteral("48")));
        QVERIFY(!view()->cellButton()->isChecked());
    }

    void pairOpensItsCell() {
        m_panel->showErrors(bundled(), dataDir(), pairsBySize().front().first, pairsBySize().front().second);
        QVERIFY(settled(*view()));
        QTreeWidget* pairs = view()->pairsView();
        const auto expected = pairsBySize();
        QCOMPARE(pairs->topLevelItemCount(), int(expected.size()));
        for (int i = 1; i < pairs->topLevelItemCount(); ++i)
            QVERIFY(pairs->topLevelItem(i - 1)->text(1).toLongLong() >=
                    pairs->topLevelItem(i)->text(1).toLongLong());
        QCOMPARE(pairs->topLevelItem(0)->text(1).toLongLong(),
                 qint64(m_confusion[std::size_t(expected[0].first * 10 + expected[0].second)]));
        // The pair on show is the current row.
        QCOMPARE(pairs->currentItem(), pairs->topLevelItem(0));
        QTreeWidgetItem* second = pairs->topLevelItem(1);
        const int t = second->data(0, Qt::UserRole).toInt(), p = second->data(1, Qt::UserRole).toInt();
        QTest::mouseClick(pairs->viewport(), Qt::LeftButton, {}, pairs->visualItemRect(second).center());
        QTRY_VERIFY_WITH_TIMEOUT(!view()->isComputing() && view()->frame().request.trueClass == t &&
                                     view()->frame().request.predictedClass == p,
                                 120000);
        checkCell(t, p);
        QCOMPARE(pairs->currentItem()->data(0, Qt::UserRole).toInt(), t);
    }

    void imageOpensInTheExplainPage() {
        const auto [t, p] = pairsBySize().front();
        m_panel->showErrors(bundled(), dataDir(), t, p);
        QVERIFY(settled(*view()));
        m_panel->setTarget(3);  // a target left from before: the gallery explains the predicted class
        QVERIFY(view()->gallery()->tileCount() > 0);
        const int index = view()->frame().tiles.last().index;
        widgets::TileGridView* g = view()->gallery();
        QTest::mouseClick(g, Qt::LeftButton, {}, g->tileRect(g->tileCount() - 1).center());
        QCOMPARE(m_panel->selectedTestIndex(), index);
        QCOMPARE(m_panel->target(), -1);
        QCOMPARE(m_panel->pages()->currentIndex(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(!m_panel->isComputing() && !m_panel->frame().isEmpty(), 120000);
        QVERIFY(m_panel->frame().source.contains(QString::number(index)));
        QCOMPARE(m_panel->frame().predicted, p);
        QCOMPARE(m_panel->frame().trueLabel, t);
    }

    void badInputSaysSo() {
        m_panel->pages()->setCurrentWidget(view());
        // A missing data set.
        m_panel->showErrors(bundled(), m_dir.filePath(QStringLiteral("nowhere")), 0, 1);
        QVERIFY(settled(*view()));
        QVERIFY(view()->isShowingError());
        QVERIFY2(view()->message().contains(QStringLiteral("could not be read")),
                 qPrintable(view()->message()));
        QVERIFY(view()->frame().isEmpty());
        QCOMPARE(view()->gallery()->tileCount(), 0);
        // A broken checkpoint.
        const QString broken = m_dir.filePath(QStringLiteral("broken.ckpt"));
        QFile f(broken);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("not a checkpoint");
        f.close();
        m_panel->showErrors(broken, dataDir(), 0, 1);
        QVERIFY(settled(*view()));
        QVERIFY(view()->isShowingError());
        QVERIFY2(view()->message().contains(QStringLiteral("could not be opened")),
                 qPrintable(view()->message()));
        // A model for five classes, not Fashion-MNIST's ten.
        nn::TrainConfig config;
        config.model.name = "simplecnn";
        config.model.classes = 5;
        nn::Classifier five = nn::makeModel(config.model);
        const QString other = m_dir.filePath(QStringLiteral("five.ckpt"));
        nn::saveCheckpoint(other.toStdString(), *five, nullptr, {config, 0, 0, {}});
        m_panel->showErrors(other, dataDir(), 0, 1);
        QVERIFY(settled(*view()));
        QVERIFY(view()->isShowingError());
        QVERIFY2(view()->message().contains(QStringLiteral("cannot be analysed")),
                 qPrintable(view()->message()));
        // A good one again recovers.
        m_panel->showErrors(bundled(), dataDir(), 0, 1);
        QVERIFY(settled(*view()));
        QVERIFY2(!view()->isShowingError(), qPrintable(view()->message()));
        checkCell(0, 1);
    }

    // Runs that did not learn Fashion-MNIST's ten classes are analysed on their own test images: a class
    // subset's (relabelled as the trainer did) and an image folder's test split.
    void subsetAndFolderRuns() {
        m_panel->pages()->setCurrentWidget(view());
        nn::TrainConfig subset;
        subset.model.name = "simplecnn";
        subset.model.classes = 3;
        subset.classSubset = {2, 5, 7};
        nn::Classifier three = nn::makeModel(subset.model);
        const QString subsetCkpt = m_dir.filePath(QStringLiteral("subset.ckpt"));
        nn::saveCheckpoint(subsetCkpt.toStdString(), *three, nullptr, {subset, 0, 0, {}});
        m_panel->showErrors(subsetCkpt, dataDir(), 1, 0);
        QVERIFY(settled(*view()));
        QVERIFY2(!view()->isShowingError(), qPrintable(view()->message()));
        QCOMPARE(
            view()->frame().classNames,
            (QStringList{QStringLiteral("Pullover"), QStringLiteral("Sandal"), QStringLiteral("Sneaker")}));
        const auto inSubset =
            std::count_if(m_labels.begin(), m_labels.end(), [](int l) { return l == 2 || l == 5 || l == 7; });
        QCOMPARE(view()->frame().testCount, qint64(inSubset));
        for (const gui::ErrorTile& tile : view()->frame().tiles) QCOMPARE(tile.label, 1);

        // A folder of two classes (three test images each), the run's settings naming it.
        const QString folder = m_dir.filePath(QStringLiteral("folder"));
        for (const char* split : {"train", "test"})
            for (const char* cls : {"dark", "light"}) {
                const QString dir =
                    folder + QLatin1Char('/') + QLatin1String(split) + QLatin1Char('/') + QLatin1String(cls);
                QVERIFY(QDir().mkpath(dir));
                for (int i = 0; i < 3; ++i) {
                    QImage img(12 + i, 10, QImage::Format_Grayscale8);
                    img.fill(QString::fromLatin1(cls) == QLatin1String("dark") ? 20 + i : 230 - i);
                    QVERIFY(img.save(dir + QStringLiteral("/%1.png").arg(i)));
                }
            }
        nn::TrainConfig onFolder;
        onFolder.model.name = "simplecnn";
        onFolder.model.classes = 2;
        onFolder.dataFolder = folder.toStdString();
        onFolder.classNames = {"dark", "light"};
        nn::Classifier two = nn::makeModel(onFolder.model);
        const QString folderCkpt = m_dir.filePath(QStringLiteral("folder.ckpt"));
        nn::saveCheckpoint(folderCkpt.toStdString(), *two, nullptr, {onFolder, 0, 0, {}});
        m_panel->showErrors(folderCkpt, dataDir(), 0, 1);
        QVERIFY(settled(*view()));
        QVERIFY2(!view()->isShowingError(), qPrintable(view()->message()));
        QCOMPARE(view()->frame().classNames, (QStringList{QStringLiteral("dark"), QStringLiteral("light")}));
        QCOMPARE(view()->frame().testCount, qint64(6));

        // The folder changed since: its classes no longer match the model's labels.
        QVERIFY(
            QDir(folder + QStringLiteral("/test")).rename(QStringLiteral("light"), QStringLiteral("bright")));
        QVERIFY(QDir(folder + QStringLiteral("/train"))
                    .rename(QStringLiteral("light"), QStringLiteral("bright")));
        nn::TrainConfig moved = onFolder;
        moved.testFraction = 0.25;  // another key: the cache reads the folder again
        nn::saveCheckpoint(folderCkpt.toStdString(), *two, nullptr, {moved, 0, 0, {}});
        m_panel->showErrors(folderCkpt, dataDir(), 0, 1);
        QVERIFY(settled(*view()));
        QTRY_VERIFY(view()->isShowingError());
        QVERIFY2(view()->message().contains(QStringLiteral("no longer holds")),
                 qPrintable(view()->message()));
    }

    void noCheckpointHints() {
        gui::ErrorAnalysisView v;
        v.show();
        QVERIFY(QTest::qWaitForWindowExposed(&v));
        v.showTopLosses();
        QTRY_VERIFY(!v.isComputing());
        QVERIFY(!v.isShowingError());
        QVERIFY(v.message().contains(QStringLiteral("checkpoint")));
    }
};

CONVSCOPE_TEST_MAIN(TestErrorAnalysis)
#include "test_error_analysis.moc"
