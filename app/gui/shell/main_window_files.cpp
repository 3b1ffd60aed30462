// MainWindow's image files: opening (dialog, recent files, drag and drop, generated patterns), the load's
// outcome, and exporting or copying the current result. Split from main_window.cpp to keep each file short.
#include <QApplication>
#include <QClipboard>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QMimeData>
#include <QStatusBar>

#include "app/gui/document/image_document.h"
#include "app/gui/document/image_file_types.h"
#include "app/gui/document/image_load_controller.h"
#include "app/gui/document/sample_images.h"
#include "app/gui/shell/app_settings.h"
#include "app/gui/shell/file_dialogs.h"
#include "app/gui/shell/main_window.h"
#include "app/gui/shell/pattern_dialog.h"
#include "app/gui/shell/recent_files_menu.h"
#include "app/gui/shell/status_indicators.h"
#include "app/gui/support/panel.h"

namespace convscope::gui {
namespace {

constexpr int kFileMessageMs = 5000;

QStringList droppedLocalFiles(const QMimeData* mime) {
    QStringList files;
    if (!mime) return files;
    for (const QUrl& url : mime->urls())
        if (url.isLocalFile()) files.append(url.toLocalFile());
    return files;
}

}  // namespace

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
        kFileMessageMs);
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
    Panel* panel = currentPanel();
    if (!panel || !panel->canExport()) {
        statusBar()->showMessage(tr("There is nothing to export here yet."), kFileMessageMs);
        return;
    }
    QString dir = AppSettings().lastDirectory();
    if (dir.isEmpty() || !QFileInfo(dir).isDir() || !QFileInfo(dir).isWritable()) dir = QDir::homePath();
    const QString path = askExportPath(this, dir, panel->exportBaseName(), panel->exportNameFilters());
    if (!path.isEmpty()) exportResultTo(path);
}

bool MainWindow::exportResultTo(const QString& path) {
    Panel* panel = currentPanel();
    const QString error = panel ? panel->exportTo(path) : tr("There is no panel to export from.");
    if (!error.isEmpty()) {
        statusBar()->showMessage(tr("Export failed: %1").arg(error), kFileMessageMs);
        reportError(tr("Cannot Export"), tr("ConvScope could not write “%1”.\n\n%2").arg(path, error));
        return false;
    }
    statusBar()->showMessage(tr("Exported to %1").arg(QDir::toNativeSeparators(path)), kFileMessageMs);
    return true;
}

void MainWindow::copyResult() {
    Panel* panel = currentPanel();
    const QImage image = panel && panel->canCopy() ? panel->imageToCopy() : QImage();
    if (image.isNull()) {
        statusBar()->showMessage(tr("There is nothing to copy here yet."), kFileMessageMs);
        return;
    }
    QApplication::clipboard()->setImage(image);
    statusBar()->showMessage(
        tr("Copied %1 × %2 pixels, as displayed, to the clipboard").arg(image.width()).arg(image.height()),
        kFileMessageMs);
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
    statusBar()->showMessage(tr("Generated %1").arg(name), kFileMessageMs);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    if (!droppedLocalFiles(event->mimeData()).isEmpty()) event->acceptProposedAction();
}

void MainWindow::dragMoveEvent(QDragMoveEvent* event) {
    if (!droppedLocalFiles(event->mimeData()).isEmpty()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    const QStringList files = droppedLocalFiles(event->mimeData());
    for (const QString& file : files) {
#ifdef CONVSCOPE_HAVE_NN
        if (isModelFile(file)) {
            event->acceptProposedAction();
            openModelFile(file);
            return;
        }
#endif
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
        kFileMessageMs * 2);
}

}  // namespace convscope::gui
