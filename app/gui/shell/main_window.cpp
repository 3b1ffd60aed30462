#include "app/gui/shell/main_window.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFileInfo>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>

#include "app/gui/convolution/convolution_panel.h"
#include "app/gui/document/image_document.h"
#include "app/gui/document/image_file_types.h"
#include "app/gui/document/image_load_controller.h"
#include "app/gui/document/sample_images.h"
#include "app/gui/filters/filters_panel.h"
#include "app/gui/frequency/frequency_panel.h"
#include "app/gui/shell/about_dialog.h"
#include "app/gui/shell/app_settings.h"
#include "app/gui/shell/file_dialogs.h"
#include "app/gui/shell/pattern_dialog.h"
#include "app/gui/shell/recent_files_menu.h"
#include "app/gui/shell/sample_menu.h"
#include "app/gui/shell/startup_notices.h"
#include "app/gui/shell/status_indicators.h"
#include "app/gui/support/panel.h"
#include "app/gui/support/settings_recovery.h"
#include "app/gui/support/spectral_cache.h"

// Resources live in the static library: their registration must be pulled in explicitly, at global scope.
static void initResources() {
    Q_INIT_RESOURCE(convscope);
}

namespace convscope::gui {

MainWindow::MainWindow(const QString& sampleDirectory, QWidget* parent)
    : QMainWindow(parent),
      m_sampleDirectory(sampleDirectory.isEmpty() ? opencvSampleDirectory() : sampleDirectory) {
    initResources();
    // Before any panel reads its settings: a settings file Qt cannot parse is set aside, not overwritten.
    const QString settingsNotice = setAsideCorruptSettings();
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(QStringLiteral("ConvScope"));
    setAcceptDrops(true);

    m_document = new ImageDocument(this);
    m_loader = new ImageLoadController(this);
    m_tabs = new QTabWidget;
    m_tabs->setObjectName(QStringLiteral("panelTabs"));
    m_tabs->setDocumentMode(true);
    m_filters = new FiltersPanel(m_document);
    m_convolution = new ConvolutionPanel(m_document);
    m_frequency = new FrequencyPanel(m_document);
    for (Panel* panel : {static_cast<Panel*>(m_filters), static_cast<Panel*>(m_convolution),
                         static_cast<Panel*>(m_frequency)})
        addPanel(panel);
#ifdef CONVSCOPE_HAVE_NN
    createNnPanels();
#endif
    setCentralWidget(m_tabs);
    m_spectralCache = new SpectralCache(QString(), this);
    m_spectralCache->loadLater();

    m_actions = createMainActions(this);
    createMenus();
    createToolBar();
    createStatusBar();
    m_notices->add(settingsNotice);
    // A damaged wisdom file or cost model was set aside and is being rebuilt.
    connect(m_spectralCache, &SpectralCache::ready, m_notices, &StartupNotices::add);
    connectPanels();

    connect(m_loader, &ImageLoadController::started, this, &MainWindow::onLoadStarted);
    connect(m_loader, &ImageLoadController::loaded, this, &MainWindow::onLoaded);
    connect(m_loader, &ImageLoadController::failed, this, &MainWindow::onLoadFailed);
    connect(m_document, &ImageDocument::imageChanged, this, &MainWindow::onImageChanged);
    restoreSettings();
}

MainWindow::~MainWindow() = default;

void MainWindow::addPanel(Panel* panel) {
    Q_ASSERT(!panel->objectName().isEmpty());  // saveState() of the window and the tests find panels by name
    m_panels.append(panel);
    m_tabs->addTab(panel, panel->title());
}

Panel* MainWindow::currentPanel() const {
    return qobject_cast<Panel*>(m_tabs->currentWidget());
}

void MainWindow::createMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->setObjectName(QStringLiteral("fileMenu"));
    file->addAction(m_actions.open);
    if (m_actions.openModel) file->addAction(m_actions.openModel);
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
    for (const Panel* panel : std::as_const(m_panels)) {
        if (panel->viewActions().isEmpty()) continue;
        view->addSeparator();
        view->addActions(panel->viewActions());
    }
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
    for (const Panel* panel : std::as_const(m_panels)) {
        if (panel->viewActions().isEmpty()) continue;
        bar->addSeparator();
        bar->addActions(panel->viewActions());
    }
    m_toolBar = bar;
    m_viewMenu->addSeparator();
    QAction* toggle = bar->toggleViewAction();
    toggle->setText(tr("Show &Toolbar"));
    m_viewMenu->addAction(toggle);
}

void MainWindow::createStatusBar() {
    statusBar()->setObjectName(QStringLiteral("statusBar"));
    m_indicators = new StatusIndicators(statusBar());
    m_notices = new StartupNotices(statusBar());
}

void MainWindow::connectPanels() {
    for (Panel* panel : std::as_const(m_panels)) {
        connect(panel, &Panel::statusMessage, statusBar(), &QStatusBar::showMessage);
        connect(panel, &Panel::cursorInfoChanged, m_indicators, &StatusIndicators::setCursorInfo);
        connect(panel, &Panel::zoomChanged, this, [this, panel](double zoom) {
            if (panel == currentPanel()) m_indicators->setZoom(zoom);
        });
        connect(panel, &Panel::capabilitiesChanged, this, &MainWindow::updatePanelActions);
    }
    const std::pair<QAction*, ZoomCommand> zooms[] = {{m_actions.zoomIn, ZoomCommand::In},
                                                      {m_actions.zoomOut, ZoomCommand::Out},
                                                      {m_actions.zoomToFit, ZoomCommand::Fit},
                                                      {m_actions.actualSize, ZoomCommand::ActualSize}};
    for (const auto& [action, command] : zooms) {
        connect(action, &QAction::triggered, this, [this, command = command] {
            if (Panel* panel = currentPanel(); panel && panel->canZoom()) panel->zoom(command);
        });
    }
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        m_indicators->setCursorInfo(QString());
        updatePanelActions();
    });

    // The Frequency panel follows the kernel being edited in the Filters panel.
    auto forwardKernel = [this] {
        m_frequency->setFiltersKernel(m_filters->currentKernel(), m_filters->currentKernelTitle(),
                                      m_filters->currentOptions());
    };
    connect(m_filters, &FiltersPanel::kernelChanged, this, forwardKernel);
    forwardKernel();
#ifdef CONVSCOPE_HAVE_NN
    connectNnPanels();
#endif
    updatePanelActions();
}

void MainWindow::updatePanelActions() {
    // Zoom, export and copy act on the current panel, and a panel's view actions only while it is current:
    // they are off rather than acting on a panel the user cannot see.
    Panel* current = currentPanel();
    m_actions.exportResult->setEnabled(current && current->canExport());
    m_actions.copyResult->setEnabled(current && current->canCopy());
    const bool zoom = current && current->canZoom();
    for (QAction* a : {m_actions.zoomIn, m_actions.zoomOut, m_actions.zoomToFit, m_actions.actualSize})
        a->setEnabled(zoom);
    for (const Panel* panel : std::as_const(m_panels))
        for (QAction* a : panel->viewActions()) a->setEnabled(panel == current);
    // The zoom read-out only where a zoom factor means something (not in the Filters panel's grid).
    const double factor = zoom ? current->zoomFactor() : -1.0;
    m_indicators->setZoomVisible(factor > 0.0);
    if (factor > 0.0) m_indicators->setZoom(factor);
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
    for (Panel* panel : std::as_const(m_panels)) panel->restoreState();
    m_tabs->setCurrentIndex(qBound(0, settings.currentPanel(), m_tabs->count() - 1));
    updatePanelActions();
}

void MainWindow::saveSettings() {
    AppSettings settings;
    settings.setWindowGeometry(saveGeometry());
    settings.setWindowState(saveState());
    settings.setCurrentPanel(m_tabs->currentIndex());
    settings.setLastImage(m_document->sourcePath());
    for (const Panel* panel : std::as_const(m_panels)) panel->saveState();
    m_spectralCache->save();
}

void MainWindow::closeEvent(QCloseEvent* event) {
    saveSettings();
    // Long work (a training run) stops now; each panel's controller waits for it as the window goes, so no
    // checkpoint is left half-written.
    for (Panel* panel : std::as_const(m_panels)) panel->windowClosing();
    event->accept();
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

}  // namespace convscope::gui
