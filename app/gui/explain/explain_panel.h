#pragma once

#include <QString>

#include "app/gui/explain/explain_frame.h"
#include "app/gui/imported/import_controller.h"
#include "app/gui/support/panel.h"

class QComboBox;
class QLabel;
class QSplitter;
class QTabWidget;
class QTimer;

namespace convscope::gui {

class ErrorAnalysisView;
class ExplainController;
class ExplainMapsView;
class ExplainLiveView;
class ExplainTermsView;
class FeaturePredictionBox;
class FeatureSourceBox;
class ImageDocument;

/// The Explain tab: why the network decides. For one image (a Fashion-MNIST test image or the open image
/// converted to a model input) and a saved model, the seven attribution methods of core/nn/explain side by
/// side as overlays on the input, each labelled with its display convention, a colour legend, and Grad-CAM
/// at every spatial layer. A target class other than the predicted one asks "why not …?". Hovering a
/// Grad-CAM cell lists its terms α_k·A_k(i,j). Everything is computed on a worker thread, only while the
/// panel is visible; errors appear in the panel as sentences.
class ExplainPanel : public Panel {
    Q_OBJECT
public:
    explicit ExplainPanel(const ImageDocument* document, QWidget* parent = nullptr);
    ~ExplainPanel() override;

    /// Explains the model saved in `path` (the same path again reloads it).
    void setCheckpoint(const QString& path);
    QString checkpoint() const;
    /// The folder with Fashion-MNIST's IDX files; empty: Debian's dataset-fashion-mnist.
    void setDataDirectory(const QString& directory);
    QString dataDirectory() const { return m_dataDirectory; }
    void selectTestImage(int index);
    int selectedTestIndex() const;
    /// The class explained: −1 for the predicted class (the default).
    void setTarget(int target);
    int target() const { return m_target; }

    /// The frame on screen (empty when there is none, e.g. after an error).
    const ExplainFrame& frame() const { return m_frame; }
    /// True while a request waits for its result.
    bool isComputing() const;
    /// The sentence shown above the maps (an error, progress, a hint) or empty.
    QString message() const;
    bool isShowingError() const { return m_error; }
    /// The map File ▸ Export writes as CSV: ExplainFrame::map's index.
    int selectedMap() const { return m_selectedMap; }
    void selectMap(int index);

    FeatureSourceBox* sourceBox() const { return m_source; }
    QComboBox* targetCombo() const { return m_targetCombo; }
    FeaturePredictionBox* predictionBox() const { return m_prediction; }
    ExplainMapsView* mapsView() const { return m_maps; }
    /// Grad-CAM and occlusion of the run being trained (the main window connects it to the Training panel).
    ExplainLiveView* liveView() const { return m_live; }
    ExplainTermsView* termsView() const { return m_terms; }

    /// The pages "Explain one image" and "Errors across the test set" (explain_panel_errors.cpp).
    QTabWidget* pages() const { return m_pages; }
    ErrorAnalysisView* errorView() const { return m_errors; }
    /// Opens the error page on the test images of confusion cell (trueClass, predictedClass) of the model in
    /// `checkpoint`, with the test set in `dataDirectory`; both become the panel's.
    void showErrors(const QString& checkpoint, const QString& dataDirectory, int trueClass,
                    int predictedClass);

    QString title() const override;
    /// The image, the checkpoint, the target class, the selected map and the splitter. A first start opens
    /// the small pretrained model in assets/.
    void saveState() const override;
    void restoreState() override;
    void windowClosing() override;

    bool canExport() const override;
    QString exportNameFilters() const override;
    QString exportBaseName() const override;
    QString exportTo(const QString& path) override;
    QImage imageToCopy() const override;

Q_SIGNALS:
    /// A TorchScript file chosen with this panel's Browse… has opened (and is shown here).
    void modelImported(const convscope::gui::ImportedModelInfo& info);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void scheduleRequest();
    void sendRequest();
    void onProgress(int done, int total, const QString& step);
    void onReady(const ExplainFrame& frame);
    void onFailed(const QString& message);
    void onCellHovered(int index, int row, int col);
    void fillTargets();
    void clearFrame();
    void showMessage(const QString& text, bool error);
    QWidget* createPages();
    QString mapName(int index) const;

    const ImageDocument* m_document = nullptr;
    FeatureSourceBox* m_source = nullptr;
    FeaturePredictionBox* m_prediction = nullptr;
    QComboBox* m_targetCombo = nullptr;
    QLabel* m_header = nullptr;
    QLabel* m_message = nullptr;
    ExplainMapsView* m_maps = nullptr;
    ExplainLiveView* m_live = nullptr;
    ExplainTermsView* m_terms = nullptr;
    QSplitter* m_splitter = nullptr;
    QTabWidget* m_pages = nullptr;
    ErrorAnalysisView* m_errors = nullptr;
    ExplainController* m_compute = nullptr;
    QTimer* m_requestTimer = nullptr;

    ExplainFrame m_frame;
    QString m_dataDirectory;
    int m_target = -1;
    int m_selectedMap = 0;
    int m_termsMap = -1;  ///< the map whose cell the terms list shows
    bool m_error = false;
    /// Asked for while hidden, a request waits until the panel is shown.
    bool m_requestWhenShown = false;
};

}  // namespace convscope::gui
