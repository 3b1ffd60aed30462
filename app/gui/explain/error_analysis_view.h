#pragma once

#include <QString>
#include <QWidget>

#include "app/gui/explain/error_analysis_frame.h"

class QButtonGroup;
class QComboBox;
class QLabel;
class QTimer;
class QToolButton;
class QTreeWidget;

namespace convscope::widgets {
class TileGridView;
}

namespace convscope::gui {

class ErrorAnalysisController;

/// The Explain panel's page "Errors across the test set": which test images a saved model gets wrong and
/// where it looked. Two galleries — the images of one confusion-matrix cell (true class → predicted class),
/// or the test set's highest losses — each image with Grad-CAM for the predicted class, its index, its true
/// and predicted class and the probability; beside them the most-confused class pairs, whose rows open their
/// cell. Clicking an image asks for it to be explained in full (testImageActivated). Computed on a worker
/// thread, only while the page is visible; errors appear as sentences.
class ErrorAnalysisView : public QWidget {
    Q_OBJECT
public:
    explicit ErrorAnalysisView(QWidget* parent = nullptr);
    ~ErrorAnalysisView() override;

    void setCheckpoint(const QString& path);
    QString checkpoint() const { return m_checkpoint; }
    /// The folder with Fashion-MNIST's IDX files; empty: Debian's dataset-fashion-mnist.
    void setDataDirectory(const QString& directory);
    QString dataDirectory() const { return m_dataDirectory; }

    /// The images whose true class is `trueClass` and predicted class `predictedClass`.
    void showCell(int trueClass, int predictedClass);
    /// The images with the highest loss.
    void showTopLosses();
    ErrorMode mode() const { return m_mode; }
    int trueClass() const { return m_trueClass; }
    int predictedClass() const { return m_predictedClass; }
    /// At most this many images per gallery (48 by default).
    void setMaxImages(int count);

    /// The frame on screen (empty when there is none, e.g. after an error).
    const ErrorAnalysisFrame& frame() const { return m_frame; }
    /// True while a request waits for its result.
    bool isComputing() const;
    /// The sentence shown above the gallery (an error, progress, a hint) or empty.
    QString message() const;
    bool isShowingError() const { return m_error; }
    /// "showing 48 of 213 · most confident first" and the like.
    QString countText() const;

    widgets::TileGridView* gallery() const { return m_gallery; }
    QTreeWidget* pairsView() const { return m_pairs; }
    QToolButton* cellButton() const { return m_cellButton; }
    QToolButton* topLossesButton() const { return m_lossButton; }
    QComboBox* trueCombo() const { return m_trueCombo; }
    QComboBox* predictedCombo() const { return m_predictedCombo; }
    /// Stops the running request (the window is closing).
    void cancel();

Q_SIGNALS:
    /// The user clicked the gallery's image of test image `index`.
    void testImageActivated(int index);
    void statusMessage(const QString& text, int timeoutMs);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void scheduleRequest();
    void sendRequest();
    void onProgress(int done, int total, const QString& step);
    void onReady(const ErrorAnalysisFrame& frame);
    void onFailed(const QString& message);
    void fillClasses(const QStringList& names);
    void fillPairs();
    void syncControls();
    void clearFrame();
    void showMessage(const QString& text, bool error);

    QToolButton* m_cellButton = nullptr;
    QToolButton* m_lossButton = nullptr;
    QButtonGroup* m_modeGroup = nullptr;
    QComboBox* m_trueCombo = nullptr;
    QComboBox* m_predictedCombo = nullptr;
    QWidget* m_cellChooser = nullptr;
    QLabel* m_header = nullptr;
    QLabel* m_count = nullptr;
    QLabel* m_message = nullptr;
    widgets::TileGridView* m_gallery = nullptr;
    QTreeWidget* m_pairs = nullptr;
    QLabel* m_summary = nullptr;
    ErrorAnalysisController* m_compute = nullptr;
    QTimer* m_requestTimer = nullptr;

    ErrorAnalysisFrame m_frame;
    QString m_checkpoint;
    QString m_dataDirectory;
    ErrorMode m_mode = ErrorMode::TopLosses;
    int m_trueClass = 0;
    int m_predictedClass = 0;
    int m_maxImages = 48;
    bool m_error = false;
    /// Asked for while hidden, a request waits until the page is shown.
    bool m_requestWhenShown = false;
};

}  // namespace convscope::gui
