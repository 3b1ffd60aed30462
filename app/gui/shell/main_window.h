#pragma once

#include <QList>
#include <QMainWindow>
#include <QString>

#include <functional>

#include <opencv2/core/mat.hpp>

#include "app/gui/shell/main_actions.h"
#include "core/imaging/test_patterns.h"

class QMenu;
class QTabWidget;
class QToolBar;

namespace convscope::gui {

class ConvolutionPanel;
class FiltersPanel;
class FrequencyPanel;
class TrainingPanel;
class ArchitecturePanel;
class FeatureMapsPanel;
class ExplainPanel;
class Panel;
class SpectralCache;
class ImageDocument;
class ImageLoadController;
struct ImageLoadResult;
class ModelImportFlow;
struct ImportedModelInfo;
class RecentFilesMenu;
class SampleMenu;
class StartupNotices;
class StatusIndicators;

/// The application window: one tab per panel, the menus, toolbar and status bar. It lays out and wires; the
/// panels, the document and the load controller do the work. Panels are added and wired in a loop through
/// the Panel interface; only the links between two panels are written out here (and in main_window_nn.cpp).
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    /// Shows an error to the user: (title, message). The default opens a non-blocking message box; tests
    /// install one that records instead.
    using ErrorReporter = std::function<void(const QString& title, const QString& message)>;

    /// `sampleDirectory`: where Open Sample looks for photographs (opencv-doc's data folder by default).
    explicit MainWindow(const QString& sampleDirectory = QString(), QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Start-up: opens `path` if given, else the last image, else building.jpg, else a zone plate. If `path`
    /// cannot be opened the error is shown and a fallback image takes its place, so the window is never
    /// empty.
    void startWith(const QString& path);
    /// Opens an image file on the loader thread: the entry point of File > Open, Open Recent, Open Sample,
    /// drops and the command line.
    void openFile(const QString& path);
    /// Asks for the input shape, normalisation and class names of a TorchScript file (prefilled with what
    /// was given for it before), then loads it off the GUI thread and shows it in the Architecture, Feature
    /// maps and Explain panels; a file that does not open is reported in one sentence and every panel keeps
    /// what it shows. The entry point of File > Open Model… and of drops of .pt files. Only with LibTorch.
    void openModelFile(const QString& path);
    /// Shows a generated image (a test pattern) under `name`.
    void showGeneratedImage(const cv::Mat& pixels, const QString& name);
    /// Writes what the current panel shows to `path`; returns false (after reporting why) on failure.
    bool exportResultTo(const QString& path);
    void setErrorReporter(ErrorReporter reporter);
    /// Saves window geometry, toolbar state, the current tab, the open image and every panel's state.
    void saveSettings();

    ImageDocument* document() const { return m_document; }
    const QList<Panel*>& panels() const { return m_panels; }
    Panel* currentPanel() const;
    FiltersPanel* filtersPanel() const { return m_filters; }
    ConvolutionPanel* convolutionPanel() const { return m_convolution; }
    FrequencyPanel* frequencyPanel() const { return m_frequency; }
    /// Null when the application was built without LibTorch.
    TrainingPanel* trainingPanel() const { return m_training; }
    FeatureMapsPanel* featureMapsPanel() const { return m_featureMaps; }
    ExplainPanel* explainPanel() const { return m_explain; }
    ArchitecturePanel* architecturePanel() const { return m_architecture; }
    ImageLoadController* loader() const { return m_loader; }
    RecentFilesMenu* recentFilesMenu() const { return m_recentMenu; }
    SampleMenu* sampleMenu() const { return m_sampleMenu; }
    QTabWidget* tabs() const { return m_tabs; }
    const MainActions& actions() const { return m_actions; }

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dragMoveEvent(QDragMoveEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void addPanel(Panel* panel);
    void createNnPanels();  ///< main_window_nn.cpp: only with LibTorch
    void connectNnPanels();
    void createMenus();
    void createToolBar();
    void createStatusBar();
    void connectPanels();
    void restoreSettings();
    void updatePanelActions();

    void chooseFileToOpen();
    void chooseModelToOpen();
    /// Shows an opened TorchScript model in every panel that reads models (the one it came from too).
    void showImportedModel(const ImportedModelInfo& info);
    void chooseExportFile();
    void copyResult();
    void openPattern(imaging::PatternKind kind);
    void showAbout();
    void onLoadStarted(quint64 generation, const QString& path);
    void onLoaded(quint64 generation, const ImageLoadResult& result);
    void onLoadFailed(quint64 generation, const QString& path, const QString& message);
    void onImageChanged();
    void showFallbackImage();
    void openNextFallback();
    void reportError(const QString& title, const QString& message);

    ImageDocument* m_document = nullptr;
    ImageLoadController* m_loader = nullptr;
    ModelImportFlow* m_importer = nullptr;  ///< only with LibTorch
    QTabWidget* m_tabs = nullptr;
    QList<Panel*> m_panels;
    FiltersPanel* m_filters = nullptr;
    ConvolutionPanel* m_convolution = nullptr;
    FrequencyPanel* m_frequency = nullptr;
    TrainingPanel* m_training = nullptr;
    FeatureMapsPanel* m_featureMaps = nullptr;
    ExplainPanel* m_explain = nullptr;
    ArchitecturePanel* m_architecture = nullptr;
    SpectralCache* m_spectralCache = nullptr;
    MainActions m_actions;
    RecentFilesMenu* m_recentMenu = nullptr;
    SampleMenu* m_sampleMenu = nullptr;
    QMenu* m_viewMenu = nullptr;
    QToolBar* m_toolBar = nullptr;
    StatusIndicators* m_indicators = nullptr;
    StartupNotices* m_notices = nullptr;
    ErrorReporter m_errorReporter;
    QString m_sampleDirectory;
    QStringList m_fallbackQueue;
    quint64 m_fallbackGeneration = 0;
    QString m_startupError;  ///< why the requested image did not open, while a fallback takes its place
};

}  // namespace convscope::gui
