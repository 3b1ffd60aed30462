// The main window's wiring between the panels that need LibTorch: Training, Architecture, Feature maps and
// Explain (and the Frequency panel, which receives learned filters). Built only with LibTorch.
#include <QAction>
#include <QDir>
#include <QFileInfo>
#include <QMenu>
#include <QMenuBar>
#include <QStatusBar>
#include <QTabWidget>

#include "app/gui/architecture/architecture_panel.h"
#include "app/gui/explain/explain_live_view.h"
#include "app/gui/explain/explain_panel.h"
#include "app/gui/explain/explain_terms_view.h"
#include "app/gui/features/feature_maps_panel.h"
#include "app/gui/features/feature_source_box.h"
#include "app/gui/frequency/frequency_panel.h"
#include "app/gui/imported/import_controller.h"
#include "app/gui/imported/model_import_flow.h"
#include "app/gui/shell/app_settings.h"
#include "app/gui/shell/file_dialogs.h"
#include "app/gui/shell/main_window.h"
#include "app/gui/training/degradation_experiment_dialog.h"
#include "app/gui/training/training_form.h"
#include "app/gui/training/training_panel.h"
#include "app/gui/training/transfer_experiment_dialog.h"
#include "core/nn/models/model_config.h"

namespace convscope::gui {

void MainWindow::createNnPanels() {
    m_architecture = new ArchitecturePanel;
    m_training = new TrainingPanel;
    m_featureMaps = new FeatureMapsPanel(m_document);
    m_explain = new ExplainPanel(m_document);
    for (Panel* panel : {static_cast<Panel*>(m_architecture), static_cast<Panel*>(m_training),
                         static_cast<Panel*>(m_featureMaps), static_cast<Panel*>(m_explain)})
        addPanel(panel);
}

void MainWindow::connectNnPanels() {
    // The learner's own TorchScript models: checked off the GUI thread before any panel changes.
    m_importer = new ModelImportFlow(this, this);
    connect(m_actions.openModel, &QAction::triggered, this, &MainWindow::chooseModelToOpen);
    connect(m_importer, &ModelImportFlow::opened, this, [this](const ImportedModelInfo& info) {
        showImportedModel(info);
        m_tabs->setCurrentWidget(m_architecture);
    });
    // A model opened with a panel's own Browse… is shown there already: the other panels follow, and the
    // learner stays where they are.
    connect(m_featureMaps, &FeatureMapsPanel::modelImported, this, &MainWindow::showImportedModel);
    connect(m_explain, &ExplainPanel::modelImported, this, &MainWindow::showImportedModel);
    connect(m_importer, &ModelImportFlow::failed, this, [this](const QString& path, const QString& message) {
        statusBar()->showMessage(message, 10000);
        reportError(tr("Cannot Open Model"),
                    tr("ConvScope could not open “%1”.\n\n%2").arg(QFileInfo(path).fileName(), message));
    });
    // Tools ▸ Transfer-Learning Experiment: one non-modal window, made when first asked for; it reads
    // Fashion-MNIST from the Training panel's folder.
    auto* tools = new QMenu(tr("&Tools"), menuBar());
    tools->setObjectName(QStringLiteral("toolsMenu"));
    const auto* help = menuBar()->findChild<QMenu*>(QStringLiteral("helpMenu"));
    menuBar()->insertMenu(help ? help->menuAction() : nullptr, tools);
    QAction* transfer = tools->addAction(tr("&Transfer-Learning Experiment…"));
    transfer->setObjectName(QStringLiteral("transferExperimentAction"));
    transfer->setStatusTip(
        tr("Pretrain on five Fashion-MNIST classes, then learn the other five from a few "
           "images per class, fine-tuned and from scratch"));
    connect(transfer, &QAction::triggered, this, [this] {
        auto* dialog = findChild<TransferExperimentDialog*>();
        if (!dialog) dialog = new TransferExperimentDialog(this);
        if (!dialog->isRunning()) dialog->setDataDirectory(m_training->form()->dataDirectory());
        dialog->show();
        dialog->raise();
        dialog->activateWindow();
    });
    // Tools ▸ Degradation Experiment: He et al.'s figure 6 (plain and residual networks, 20 and 56 layers),
    // the same way.
    QAction* degradation = tools->addAction(tr("&Degradation Experiment…"));
    degradation->setObjectName(QStringLiteral("degradationExperimentAction"));
    degradation->setStatusTip(
        tr("Train Plain-20, Plain-56, ResNet-20 and ResNet-56 with one recipe and compare their training "
           "loss, test error and gradients"));
    connect(degradation, &QAction::triggered, this, [this] {
        auto* dialog = findChild<DegradationExperimentDialog*>();
        if (!dialog) dialog = new DegradationExperimentDialog(this);
        if (!dialog->isRunning()) dialog->setDataDirectory(m_training->form()->dataDirectory());
        dialog->show();
        dialog->raise();
        dialog->activateWindow();
    });
    // The run being trained streams its feature maps; a finished run's model opens on request.
    connect(m_training, &TrainingPanel::featuresAvailable, m_featureMaps, &FeatureMapsPanel::showLiveFrame);
    // A model chosen in the Training panel opens in the Architecture panel; its blocks lead to the feature
    // maps of the model the Feature maps panel has open.
    connect(m_training, &TrainingPanel::modelChosen, m_architecture, &ArchitecturePanel::showModel);
    // The run's gradient norms colour the diagram's layers (while its "Colour by gradient norm" is on).
    connect(m_training, &TrainingPanel::instrumentsAvailable, m_architecture,
            &ArchitecturePanel::showInstruments);
    connect(m_training, &TrainingPanel::architectureRequested, this, [this](const ArchitectureRequest& r) {
        m_architecture->showModel(r);
        m_tabs->setCurrentWidget(m_architecture);
    });
    connect(
        m_architecture, &ArchitecturePanel::featureMapsRequested, this,
        [this](const QString& model, const QString& tap) {
            m_tabs->setCurrentWidget(m_featureMaps);
            if (!m_featureMaps->selectTapNamed(tap))
                statusBar()->showMessage(
                    tr("The Feature maps panel has no tap point %1: it shows the model of a training run or "
                       "checkpoint; train or open %2 to see its feature maps.")
                        .arg(tap, QString::fromStdString(nn::modelTitle(model.toStdString()))),
                    10000);
        });
    connect(m_training, &TrainingPanel::liveChanged, m_featureMaps, &FeatureMapsPanel::setLiveAvailable);
    // The Explain panel follows the run being trained when asked: only then do snapshots cost the training
    // the extra passes of Grad-CAM and occlusion.
    ExplainLiveView* live = m_explain->liveView();
    connect(m_training, &TrainingPanel::liveChanged, live, &ExplainLiveView::setLiveAvailable);
    connect(m_training, &TrainingPanel::explanationAvailable, live, &ExplainLiveView::addSnapshot);
    connect(live, &ExplainLiveView::followChanged, m_training, &TrainingPanel::setExplainLive);
    // A channel of a Grad-CAM cell's terms opens in Feature maps: the same model and image, that layer.
    connect(m_explain->termsView(), &ExplainTermsView::channelActivated, this,
            [this](const QString& layer, int channel) {
                m_featureMaps->setDataDirectory(m_explain->dataDirectory());
                FeatureSourceBox* from = m_explain->sourceBox();
                FeatureSourceBox* to = m_featureMaps->sourceBox();
                to->setImage(from->image());
                if (from->image() == FeatureSourceBox::Image::TestImage) to->setTestIndex(from->testIndex());
                m_featureMaps->selectOnceShown(layer, channel);
                m_featureMaps->setCheckpoint(m_explain->checkpoint());
                m_tabs->setCurrentWidget(m_featureMaps);
            });
    connect(m_training, &TrainingPanel::inspectCheckpoint, this, [this](const QString& path) {
        m_featureMaps->setDataDirectory(m_training->form()->dataDirectory());
        m_featureMaps->setCheckpoint(path);
        m_tabs->setCurrentWidget(m_featureMaps);
    });
    // A cell of the Training panel's confusion matrix opens its test images on the Explain panel's error
    // page.
    connect(
        m_training, &TrainingPanel::confusionCellActivated, this,
        [this](const QString& checkpoint, const QString& dataDirectory, int trueClass, int predictedClass) {
            m_explain->showErrors(checkpoint, dataDirectory, trueClass, predictedClass);
            m_tabs->setCurrentWidget(m_explain);
        });
    // A learned first-layer filter opens in the Frequency panel, next to the classical kernels.
    connect(m_featureMaps, &FeatureMapsPanel::openKernelInFrequency, this,
            [this](const common::Kernel& kernel, const QString& title) {
                const QString refused = m_frequency->showKernel(kernel, title);
                if (refused.isEmpty())
                    m_tabs->setCurrentWidget(m_frequency);
                else
                    statusBar()->showMessage(refused, 6000);
            });
}

void MainWindow::chooseModelToOpen() {
    QString dir = AppSettings().lastDirectory();
    if (dir.isEmpty() || !QFileInfo(dir).isDir()) dir = QDir::homePath();
    const QString path = askModelToOpen(this, dir);
    if (!path.isEmpty()) openModelFile(path);
}

void MainWindow::openModelFile(const QString& path) {
    if (path.isEmpty() || !m_importer) return;
    m_importer->start(path);
}

void MainWindow::showImportedModel(const ImportedModelInfo& info) {
    const QString path = QString::fromStdString(info.entry.options.file);
    AppSettings().setLastDirectory(QFileInfo(path).absolutePath());
    ArchitectureRequest request;
    request.model = QStringLiteral("torchscript");
    request.file = path;
    request.inChannels = info.inChannels;
    request.inputSize = info.inputSize;
    request.classes = info.classes;
    request.imagenetStem = false;
    m_architecture->showModel(request);
    // Both panels read the options from ImportedModelStore for this path.
    m_featureMaps->setCheckpoint(path);
    m_explain->setCheckpoint(path);
    statusBar()->showMessage(tr("Opened %1: %2 classes, input %3, %4 nodes to look inside")
                                 .arg(QFileInfo(path).fileName())
                                 .arg(info.classes)
                                 .arg(ImportedModelStore::shapeText(info.entry.options.inputShape)
                                          .replace(QLatin1Char('x'), QChar(0x00D7)))
                                 .arg(info.taps.size()),
                             8000);
}

}  // namespace convscope::gui
