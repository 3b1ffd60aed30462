// The Training panel's learning-rate range test driven as a user would: "Find…" next to the learning rate
// opens the dialog, which runs the test with the form's settings on a small Fashion-MNIST-format folder,
// draws the smoothed loss against the rate on a logarithmic axis with the suggestion marked (the same curve
// as the engine gives for those settings), and Apply puts the suggestion into the form. Stop and closing
// mid-test.
#include <QDoubleSpinBox>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

#include "app/gui/training/lr_finder_dialog.h"
#include "app/gui/training/training_form.h"
#include "app/gui/training/training_panel.h"
#include "core/nn/data/image_dataset.h"
#include "core/nn/train/lr_finder.h"
#include "tests/support/fashion_mnist_folder.h"
#include "tests/support/test_main.h"
#include "widgets/plot/line_plot_view.h"

using namespace convscope;

class TestLrFinderDialog : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    nn::TrainConfig tiny() const {
        nn::TrainConfig c = gui::TrainingForm::preset(QStringLiteral("quick"));
        c.model.name = "lenet5";
        c.model.stem = nn::Stem::Small;
        c.batchSize = 30;
        c.optimizer = "sgd";
        c.learningRate = 0.1;
        c.limitTrain = 300;
        c.limitTest = 100;
        c.threads = 1;
        return c;
    }

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(QDir().mkpath(m_dir.filePath("data")));
        testing::writeFashionMnistFolder(m_dir.filePath("data"));
    }

    void findAndApply() {
        gui::TrainingPanel panel(m_dir.filePath("runs"));
        panel.resize(1400, 900);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        gui::TrainingForm* form = panel.form();
        form->setDataDirectory(m_dir.filePath("data"));
        form->setConfig(tiny());
        const nn::TrainConfig config = form->config();
        gui::LrFinderDialog* dialog = panel.lrFinderDialog();
        dialog->setRange(1e-5, 1.0, 30);

        QPushButton* find = form->findLearningRateButton();
        QVERIFY(find->isVisible());
        QTest::mouseClick(find, Qt::LeftButton);
        QVERIFY(dialog->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->outcome().status.isEmpty(), 120000);
        const gui::LrFinderOutcome& o = dialog->outcome();
        QVERIFY2(o.status == QLatin1String("finished"), qPrintable(o.message));
        QVERIFY(o.suggestedIndex >= 0);
        QVERIFY(dialog->applyButton()->isEnabled());

        // The engine on the same settings and data gives the same curve.
        const std::string data = m_dir.filePath("data").toStdString();
        nn::LrFinderOptions options;
        options.startLr = 1e-5;
        options.endLr = 1.0;
        options.steps = 30;
        const nn::LrFinderResult r = nn::findLearningRate(config, nn::loadFashionMnist(data, true),
                                                          nn::loadFashionMnist(data, false), options);
        QCOMPARE(o.lr.size(), int(r.points.size()));
        for (int i = 0; i < o.lr.size(); ++i) {
            QCOMPARE(o.lr[i], r.points[std::size_t(i)].lr);
            QCOMPARE(o.smoothedLoss[i], r.points[std::size_t(i)].smoothedLoss);
        }
        QCOMPARE(o.suggestedLr, r.suggestedLr);

        // The plot: the smoothed loss against the rate on a log axis, the suggestion marked.
        widgets::LinePlotView* plot = dialog->plot();
        QVERIFY(plot->xAxis().isLog());
        bool smoothShown = false;
        for (const widgets::PlotSeries& s : plot->series())
            if (s.y == o.smoothedLoss && s.x == o.lr) smoothShown = true;
        QVERIFY(smoothShown);
        QVERIFY(plot->mapToWidget(o.suggestedLr, o.smoothedLoss[o.suggestedIndex]).has_value());
        QVERIFY(dialog->statusLabel()->text().contains(QStringLiteral("Suggested")));
        const QString shots = qEnvironmentVariable("CONVSCOPE_SHOT_DIR");
        if (!shots.isEmpty() && QDir().mkpath(shots)) {
            dialog->grab().save(shots + QStringLiteral("/lr_finder_dialog.png"));
            form->grab().save(shots + QStringLiteral("/lr_finder_form.png"));
        }

        QSignalSpy applied(dialog, &gui::LrFinderDialog::applied);
        QTest::mouseClick(dialog->applyButton(), Qt::LeftButton);
        QCOMPARE(applied.count(), 1);
        QCOMPARE(applied.first().first().toDouble(), o.suggestedLr);
        QTRY_VERIFY(!dialog->isVisible());
        // The form's box keeps five decimals and starts at 1e-5.
        const double expected = std::max(1e-5, std::round(o.suggestedLr * 1e5) / 1e5);
        QVERIFY2(
            std::abs(form->learningRateBox()->value() - expected) < 1e-9,
            qPrintable(QStringLiteral("%1 vs %2").arg(form->learningRateBox()->value()).arg(o.suggestedLr)));
        QCOMPARE(form->config().learningRate, form->learningRateBox()->value());
    }

    void stopAndClose() {
        gui::TrainingPanel panel(m_dir.filePath("runs2"));
        panel.show();
        panel.form()->setDataDirectory(m_dir.filePath("data"));
        panel.form()->setConfig(tiny());
        gui::LrFinderDialog* dialog = panel.lrFinderDialog();
        dialog->setRange(1e-6, 1e-3, 100000);  // long enough to be stopped
        QTest::mouseClick(panel.form()->findLearningRateButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->progressBar()->value() >= 2, 60000);
        QVERIFY(dialog->stopButton()->isEnabled());
        QTest::mouseClick(dialog->stopButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(dialog->outcome().status, QStringLiteral("stopped"), 60000);
        QVERIFY(!dialog->applyButton()->isEnabled());
        QVERIFY(!dialog->isRunning());

        // Closing mid-test stops it too; the panel (and the dialog) are destroyed while nothing runs.
        QTest::mouseClick(panel.form()->findLearningRateButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->progressBar()->value() >= 1, 60000);
        dialog->close();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isRunning(), 60000);
    }
};

CONVSCOPE_TEST_MAIN(TestLrFinderDialog)
#include "test_lr_finder_dialog.moc"
