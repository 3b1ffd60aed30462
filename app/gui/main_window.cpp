#include "app/gui/main_window.h"

#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QScreen>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>

#include "app/gui/about_dialog.h"
#include "app/gui/app_settings.h"
#include "app/gui/convolution_panel.h"
#include "app/gui/file_dialogs.h"
#include "app/gui/filters_panel.h"
#include "app/gui/frequency_panel.h"
#include "app/gui/image_document.h"
#include "app/gui/image_file_types.h"
#include "app/gui/image_load_controller.h"
#include "app/gui/pattern_dialog.h"
#include "app/gui/recent_files_menu.h"
#include "app/gui/sample_images.h"
#include "app/gui/sample_menu.h"
#include "app/gui/spectral_cache.h"
#ifdef CONVSCOPE_HAVE_NN
#include "app/gui/architecture_panel.h"
#include "app/gui/feature_maps_panel.h"
#include "app/gui/training_form.h"
#include "app/gui/training_panel.h"
#include "core/nn/model_config.h"
#endif
#include "app/gui/status_indicators.h"

// Resources live in the static library: their registration must be pulled in explicitly, at global scope.
static void initResources() {
    Q_INIT_RESOURCE(convscope);
}

namespace convscope::gui {
namespace {

constexpr int kMessageMs = 5000;

QStringList localFiles(const QMimeData* mime) {
    QStringList files;
    if (!mime) return files;
    for (const QUrl& url : mime->urls())
        if (url.isLocalFile()) files.append(url.toLocalFile());
    return files;
}

}  // namespace

MainWindow::MainWindow(const QString& sampleDirectory, QWidget* parent)
    : QMainWindow(parent),
      m_sampleDirectory(sampleDirectory.isEmpty() ? opencvSampleDirectory() : sampleDirectory) {
    initResources();
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(QStringLiteral("ConvScope"));
    setAcceptDrops(true);

    m_document = new ImageDocument(this);
    m_loader = new ImageLoadController(this);
    m_tabs = new QTabWidget;
    m_tabs->setObjectName(QStringLiteral("panelTabs"));
    m_tabs->setDocumentMode(true);
    m_filters = new FiltersPanel(m_document);
    if (m_filters->objectName().isEmpty()) m_filters->setObjectName(QStringLiteral("filtersPanel"));
    m_tabs->addTab(m_filters, tr("Filters"));
    m_convolution = new ConvolutionPanel(m_document);
    m_convolution->setObjectName(QStringLiteral("convolutionPanel"));
    m_tabs->addTab(m_convolution, tr("Convolution"));
    m_frequency = new FrequencyPanel(m_document);
    m_frequency->setObjectName(QStringLiteral("frequencyPanel"));
    m_tabs->addTab(m_frequency, tr("Frequency"));
#ifdef CONVSCOPE_HAVE_NN
    m_architecture = new ArchitecturePanel;
    m_architecture->setObjectName(QStringLiteral("architecturePanel"));
    m_tabs->addTab(m_architecture, tr("Architecture"));
    m_training = new TrainingPanel;
    m_training->setObjectName(QStringLiteral("trainingPanel"));
    m_tabs->addTab(m_training, tr("Training"));
    m_featureMaps = new FeatureMapsPanel(m_document);
    m_featureMaps->setObjectName(QStringLiteral("featureMapsPanel"));
    m_tabs->addTab(m_featureMaps, tr("Feature maps"));
#endif
    setCentralWidget(m_tabs);
    m_spectralCache = new SpectralCache(QString(), this);
    m_spectralCache->loadLater();

    m_actions = createMainActions(this);
    createMenus();
    createToolBar();
    createStatusBar();
    connectPanel();

    connect(m_loader, &ImageLoadController::started, this, &MainWindow::onLoadStarted);
    connect(m_loader, &ImageLoadController::loaded, this, &MainWindow::onLoaded);
    connect(m_loader, &ImageLoadController::failed, this, &MainWindow::onLoadFailed);
    connect(m_document, &ImageDocument::imageChanged, this, &MainWindow::onImageChanged);
    restoreSettings();
}

MainWindow::~MainWindow() = default;

void MainWindow::createMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->setObjectName(QStringLiteral("fileMenu"));
    file->addAction(m_actions.open);
    m_recentMenu = new RecentFilesMenu(this);
    file->addMenu(m_recentMenu);
    m_sampleMenu = new SampleMenu(m_sampleDirectory, this);
    file->addMenu(m_sampleMenu);
    file->addSeparator();
    file->addAction(m_actions.exportResult);
    file->addSeparator();
    file->addAction(m_actions.quit);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    edit->setObjectName(QStringLiteral("editMenu"));
    edit->addAction(m_actions.copyResult);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->setObjectName(QStringLiteral("viewMenu"));
    view->addActions({m_actions.zoomIn, m_actions.zoomOut, m_actions.zoomToFit, m_actions.actualSize});
    view->addSeparator();
    view->addActions(m_actions.viewModes->actions());
    m_viewMenu = view;

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->setObjectName(QStringLiteral("helpMenu"));
    help->addAction(m_actions.about);
    help->addAction(m_actions.aboutQt);

    connect(m_actions.open, &QAction::triggered, this, &MainWindow::chooseFileToOpen);
    connect(m_actions.exportResult, &QAction::triggered, this, &MainWindow::chooseExportFile);
    connect(m_actions.quit, &QAction::triggered, this, &QWidget::close);
    connect(m_actions.copyResult, &QAction::triggered, this, &MainWindow::copyResult);
    connect(m_actions.about, &QAction::triggered, this, &MainWindow::showAbout);
    connect(m_actions.aboutQt, &QAction::triggered, qApp, &QApplication::aboutQt);
    connect(m_recentMenu, &RecentFilesMenu::fileRequested, this, &MainWindow::openFile);
    connect(m_recentMenu, &RecentFilesMenu::missingFileRemoved, this, [this](const QString& path) {
        reportError(tr("File Not Found"),
                    tr("“%1” no longer exists, so it was removed from the recent files.").arg(path));
    });
    connect(m_sampleMenu, &SampleMenu::imageRequested, this, &MainWindow::openFile);
    connect(m_sampleMenu, &SampleMenu::patternRequested, this, &MainWindow::openPattern);
}

void MainWindow::createToolBar() {
    QToolBar* bar = addToolBar(tr("Main Toolbar"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    // Text beside the icons of the main actions only; zoom actions are low priority and show an icon alone.
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->addAction(m_actions.open);
    bar->addAction(m_actions.exportResult);
    bar->addSeparator();
    bar->addActions({m_actions.zoomIn, m_actions.zoomOut, m_actions.zoomToFit, m_actions.actualSize});
    bar->addSeparator();
    bar->addActions(m_actions.viewModes->actions());
    m_viewMenu->addSeparator();
    QAction* toggle = bar->toggleViewAction();
    toggle->setText(tr("Show &Toolbar"));
    m_viewMenu->addAction(toggle);
}

void MainWindow::createStatusBar() {
    statusBar()->setObjectName(QStringLiteral("statusBar"));
    m_indicators = new StatusIndicators(statusBar());
}

void MainWindow::connectPanel() {
    connect(m_filters, &FiltersPanel::statusMessage, statusBar(), &QStatusBar::showMessage);
    connect(m_convolution, &ConvolutionPanel::statusMessage, statusBar(), &QStatusBar::showMessage);
    connect(m_frequency, &FrequencyPanel::statusMessage, statusBar(), &QStatusBar::showMessage);
#ifdef CONVSCOPE_HAVE_NN
    connectNnPanels();
#endif
    // The Frequency panel follows the kernel being edited in the Filters panel.
    auto forwardKernel = [this] {
        m_frequency->setFiltersKernel(m_filters->currentKernel(), m_filters->currentKernelTitle(),
                                      m_filters->currentOptions());
    };
    connect(m_filters, &FiltersPanel::kernelChanged, this, forwardKernel);
    forwardKernel();
    connect(m_filters, &FiltersPanel::cursorInfoChanged, m_indicators, &StatusIndicators::setCursorInfo);
    connect(m_filters, &FiltersPanel::zoomChanged, m_indicators, &StatusIndicators::setZoom);
    connect(m_actions.zoomIn, &QAction::triggered, m_filters, &FiltersPanel::zoomIn);
    connect(m_actions.zoomOut, &QAction::triggered, m_filters, &FiltersPanel::zoomOut);
    connect(m_actions.zoomToFit, &QAction::triggered, m_filters, &FiltersPanel::zoomToFit);
    connect(m_actions.actualSize, &QAction::triggered, m_filters, &FiltersPanel::zoomActualSize);

    const QList<QAction*> modes = {m_actions.sideBySide, m_actions.split, m_actions.allFilters};
    const QList<FiltersPanel::ViewMode> values = {FiltersPanel::ViewMode::SideBySide,
                                                  FiltersPanel::ViewMode::Split,
                                                  FiltersPanel::ViewMode::AllFilters};
    for (int i = 0; i < modes.size(); ++i) {
        const FiltersPanel::ViewMode mode = values.at(i);
        connect(modes.at(i), &QAction::triggered, m_filters, [this, mode] { m_filters->setViewMode(mode); });
    }
    auto checkMode = [this, modes, values](FiltersPanel::ViewMode mode) {
        const int index = values.indexOf(mode);
        if (index >= 0) modes.at(index)->setChecked(true);
        // The grid's tiles have no zoom factor: a percentage there would mean nothing.
        m_indicators->setZoomVisible(m_tabs->currentWidget() == m_filters &&
                                     mode != FiltersPanel::ViewMode::AllFilters);
    };
    connect(m_filters, &FiltersPanel::viewModeChanged, this, checkMode);
    checkMode(m_filters->viewMode());

    connect(m_filters, &FiltersPanel::resultAvailabilityChanged, this, &MainWindow::updatePanelActions);
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::updatePanelActions);
    updatePanelActions();
}

void MainWindow::updatePanelActions() {
    // Zoom, view modes, export and copy act on the Filters panel's result; the other panels have their own
    // controls, so these are off there rather than acting on a panel the user cannot see.
    const bool filters = m_tabs->currentWidget() == m_filters;
    const bool result = filters && m_filters->hasResult();
    m_actions.exportResult->setEnabled(result);
    m_actions.copyResult->setEnabled(result);
    for (QAction* a : {m_actions.zoomIn, m_actions.zoomOut, m_actions.zoomToFit, m_actions.actualSize})
        a->setEnabled(filters);
    m_actions.viewModes->setEnabled(filters);
    // The zoom read-out belongs to the Filters views (and means nothing in its all-filters grid).
    m_indicators->setZoomVisible(filters && m_filters->viewMode() != FiltersPanel::ViewMode::AllFilters);
}

void MainWindow::restoreSettings() {
    AppSettings settings;
    if (!restoreGeometry(settings.windowGeometry())) {
        QSize size(1360, 860);
        if (const QScreen* screen = QGuiApplication::primaryScreen())
            size = size.boundedTo(screen->availableSize() * 0.9);
        resize(size);
    }
    restoreState(settings.windowState());
    m_tabs->setCurrentIndex(qBound(0, settings.currentPanel(), m_tabs->count() - 1));
    m_convolution->restoreSettings();
}

void MainWindow::saveSettings() {
    AppSettings settings;
    settings.setWindowGeometry(saveGeometry());
    settings.setWindowState(saveState());
    settings.setCurrentPanel(m_tabs->currentIndex());
    settings.setLastImage(m_document->sourcePath());
    m_filters->saveSettings();
    m_convolution->saveSettings();
    m_spectralCache->save();
}

void MainWindow::closeEvent(QCloseEvent* event) {
    saveSettings();
#ifdef CONVSCOPE_HAVE_NN
    // A run in progress stops within one batch; the panel's controller waits for it as the window goes, so
    // no checkpoint is left half-written.
    if (m_training && m_training->isRunning()) m_training->stop();
#endif
    event->accept();
}

void MainWindow::startWith(const QString& path) {
    if (path.isEmpty())
        showFallbackImage();
    else
        openFile(path);
}

void MainWindow::openFile(const QString& path) {
    if (path.isEmpty()) return;
    m_loader->open(QFileInfo(path).absoluteFilePath());
}

void MainWindow::showGeneratedImage(const cv::Mat& pixels, const QString& name) {
    // A file still loading would otherwise replace the image the user has just asked for.
    m_loader->cancel();
    m_fallbackQueue.clear();
    m_document->setImage(pixels, QString(), name);
}

void MainWindow::showFallbackImage() {
    m_fallbackQueue.clear();
    const QString last = AppSettings().lastImage();
    if (!last.isEmpty() && QFileInfo(last).isFile()) m_fallbackQueue.append(last);
    const QString textbook = textbookImagePath(m_sampleDirectory);
    if (!textbook.isEmpty() && textbook != last) m_fallbackQueue.append(textbook);
    openNextFallback();
}

void MainWindow::openNextFallback() {
    if (m_fallbackQueue.isEmpty()) {
        const imaging::PatternParams params;
        const QString name = PatternDialog::displayName(imaging::PatternKind::ZonePlate, params);
        showGeneratedImage(imaging::makePattern(imaging::PatternKind::ZonePlate, params), name);
        if (!m_startupError.isEmpty())
            statusBar()->showMessage(tr("%1 — showing a generated zone plate instead.").arg(m_startupError));
        return;
    }
    m_fallbackGeneration = m_loader->open(m_fallbackQueue.takeFirst());
}

void MainWindow::onLoadStarted(quint64, const QString& path) {
    statusBar()->showMessage(tr("Opening %1…").arg(QFileInfo(path).fileName()));
}

void MainWindow::onLoaded(quint64 generation, const ImageLoadResult& result) {
    const QFileInfo info(result.path);
    const bool fallback = generation == m_fallbackGeneration;
    m_document->setImage(result.pixels, result.path, info.fileName());
    if (fallback && !m_startupError.isEmpty()) {
        statusBar()->showMessage(tr("%1 — showing %2 instead.").arg(m_startupError, info.fileName()));
        return;
    }
    if (!fallback) {
        m_startupError.clear();
        m_recentMenu->addFile(result.path);
        AppSettings settings;
        settings.setLastDirectory(info.absolutePath());
        settings.setLastImage(result.path);
    }
    const QString depth = result.sourceBitDepth > 8
                              ? tr(", %1-bit values scaled to 8-bit").arg(result.sourceBitDepth)
                              : QString();
    statusBar()->showMessage(
        tr("Opened %1 (%2%3) in %4 ms").arg(info.fileName(), result.format, depth).arg(result.elapsedMs),
        kMessageMs);
}

void MainWindow::onLoadFailed(quint64 generation, const QString& path, const QString& message) {
    const QString name = QFileInfo(path).fileName();
    if (generation == m_fallbackGeneration) {
        // A start-up candidate that no longer opens is not worth a dialog: try the next one.
        openNextFallback();
        return;
    }
    const QString summary = tr("Could not open %1: %2").arg(name, message);
    statusBar()->showMessage(summary);
    reportError(tr("Cannot Open Image"), tr("ConvScope could not open “%1”.\n\n%2").arg(name, message));
    if (m_document->isEmpty()) {
        m_startupError = tr("Could not open %1").arg(name);
        showFallbackImage();
    }
}

void MainWindow::onImageChanged() {
    setWindowTitle(tr("%1 — ConvScope").arg(m_document->displayName()));
    m_indicators->setImageSize(m_document->width(), m_document->height(), m_document->channels());
}

void MainWindow::chooseFileToOpen() {
    QString dir = AppSettings().lastDirectory();
    if (dir.isEmpty() || !QFileInfo(dir).isDir())
        dir = QFileInfo(m_sampleDirectory).isDir() ? m_sampleDirectory : QString();
    openFile(askImageToOpen(this, dir));
}

void MainWindow::chooseExportFile() {
    if (!m_filters->hasResult()) {
        statusBar()->showMessage(tr("There is no result to export yet."), kMessageMs);
        return;
    }
    const QString source = m_document->sourcePath();
    const QString base = source.isEmpty() ? QStringLiteral("pattern") : QFileInfo(source).completeBaseName();
    QString dir = AppSettings().lastDirectory();
    if (dir.isEmpty() || !QFileInfo(dir).isDir() || !QFileInfo(dir).isWritable()) dir = QDir::homePath();
    const QString path = askExportPath(this, dir, base);
    if (!path.isEmpty()) exportResultTo(path);
}

bool MainWindow::exportResultTo(const QString& path) {
    const QString error = m_filters->exportResult(path);
    if (!error.isEmpty()) {
        statusBar()->showMessage(tr("Export failed: %1").arg(error), kMessageMs);
        reportError(tr("Cannot Export Result"), tr("ConvScope could not write “%1”.\n\n%2").arg(path, error));
        return false;
    }
    statusBar()->showMessage(tr("Exported the result to %1").arg(QDir::toNativeSeparators(path)), kMessageMs);
    return true;
}

void MainWindow::copyResult() {
    const QImage image = m_filters->hasResult() ? m_filters->displayedResult() : QImage();
    if (image.isNull()) {
        statusBar()->showMessage(tr("There is no result to copy yet."), kMessageMs);
        return;
    }
    QApplication::clipboard()->setImage(image);
    statusBar()->showMessage(tr("Copied the result (%1 × %2, as displayed) to the clipboard")
                                 .arg(image.width())
                                 .arg(image.height()),
                             kMessageMs);
}

void MainWindow::openPattern(imaging::PatternKind kind) {
    AppSettings settings;
    PatternDialog dialog(kind, settings.patternParams(), this);
    if (dialog.exec() != QDialog::Accepted) return;
    QApplication::setOverrideCursor(Qt::WaitCursor);
    const cv::Mat pixels = dialog.pattern();
    QApplication::restoreOverrideCursor();
    if (pixels.empty()) {
        reportError(tr("Cannot Generate Pattern"), dialog.errorText());
        return;
    }
    settings.setPatternParams(dialog.params());
    const QString name = PatternDialog::displayName(kind, dialog.params());
    showGeneratedImage(pixels, name);
    statusBar()->showMessage(tr("Generated %1").arg(name), kMessageMs);
}

void MainWindow::showAbout() {
    auto* dialog = new AboutDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::setErrorReporter(ErrorReporter reporter) {
    m_errorReporter = std::move(reporter);
}

void MainWindow::reportError(const QString& title, const QString& message) {
    if (m_errorReporter) {
        m_errorReporter(title, message);
        return;
    }
    // Window-modal and non-blocking: no nested event loop runs inside a load result's slot.
    auto* box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    if (!localFiles(event->mimeData()).isEmpty()) event->acceptProposedAction();
}

void MainWindow::dragMoveEvent(QDragMoveEvent* event) {
    if (!localFiles(event->mimeData()).isEmpty()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    const QStringList files = localFiles(event->mimeData());
    for (const QString& file : files) {
        if (isSupportedImageFile(file)) {
            event->acceptProposedAction();
            openFile(file);
            return;
        }
    }
    event->ignore();
    if (files.isEmpty()) return;
    statusBar()->showMessage(
        tr("Cannot open %1: ConvScope opens image files (%2).")
            .arg(QFileInfo(files.first()).fileName(), supportedImageSuffixes().join(QStringLiteral(", "))),
        kMessageMs * 2);
}

}  // namespace convscope::gui
