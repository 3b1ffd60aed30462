#pragma once

#include <QByteArray>
#include <QSettings>
#include <QString>
#include <QStringList>
#include <QVariantMap>
#include <QVector>

#include "app/gui/support/settings_file.h"
#include "core/imaging/test_patterns.h"

namespace convscope::gui {

/// The application's own settings (window, files, patterns) and those of the Filters and Convolution panels,
/// typed and declared in one place; the other panels keep theirs in a state class of their own folder
/// (PanelSettings). Reads and writes go straight to the settings file, so values survive a crash.
class AppSettings {
public:
    AppSettings();

    // Main window
    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray& value);
    QByteArray windowState() const;
    void setWindowState(const QByteArray& value);
    int currentPanel() const;
    void setCurrentPanel(int index);

    // Files
    static constexpr int kMaxRecentFiles = 10;
    QStringList recentFiles() const;
    void setRecentFiles(const QStringList& files);
    /// Moves `path` to the front of the recent files, dropping duplicates and the oldest beyond the limit.
    void addRecentFile(const QString& path);
    QString lastDirectory() const;
    void setLastDirectory(const QString& dir);
    /// Path of the image open when the application last closed (empty for generated images).
    QString lastImage() const;
    void setLastImage(const QString& path);

    // Test patterns (File > Open Sample): the parameters chosen last time, defaults where none were saved
    imaging::PatternParams patternParams() const;
    void setPatternParams(const imaging::PatternParams& params);

    // Filters panel
    QString filterPreset() const;  ///< preset name, or "custom"
    void setFilterPreset(const QString& name);
    QVariantMap filterParams() const;  ///< preset parameters by key
    void setFilterParams(const QVariantMap& params);
    int customKernelRows() const;
    int customKernelCols() const;
    QVector<double> customKernelValues() const;  ///< empty when none was saved
    void setCustomKernel(int rows, int cols, const QVector<double>& values);
    QString correlationMode() const;  ///< imaging::toString names: "correlate" | "convolve"
    void setCorrelationMode(const QString& mode);
    QString borderMode() const;  ///< "zero" | "reflect101" | "replicate" | "wrap"
    void setBorderMode(const QString& mode);
    QString signedDisplay() const;  ///< "clip" | "abs" | "offset" | "diverging"
    void setSignedDisplay(const QString& mode);
    bool grayscale() const;
    void setGrayscale(bool on);
    bool stretch() const;
    void setStretch(bool on);
    int filterViewMode() const;  ///< 0 side by side, 1 split, 2 all filters
    void setFilterViewMode(int mode);
    double splitPosition() const;
    void setSplitPosition(double fraction);
    QByteArray filtersSplitterState() const;
    void setFiltersSplitterState(const QByteArray& state);

    // Convolution panel
    QString convolutionMode() const;  ///< gui::modeId of the last mode ("single", "multi", ...)
    void setConvolutionMode(const QString& id);
    int convolutionPage() const;  ///< 0 step through, 1 receptive field, 2 parameter sharing
    void setConvolutionPage(int page);
    double convolutionSpeed() const;  ///< animation speed in steps per second
    void setConvolutionSpeed(double stepsPerSecond);

private:
    mutable SettingsFile m_settings;
};

}  // namespace convscope::gui
