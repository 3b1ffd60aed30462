#pragma once

#include <QString>

#include "app/gui/features/feature_frame.h"
#include "app/gui/imported/import_controller.h"
#include "app/gui/support/panel.h"
#include "core/common/kernel.h"

class QLabel;
class QSplitter;
class QTabWidget;
class QTimer;

namespace convscope::widgets {
class HeatmapView;
class TileGridView;
}  // namespace convscope::widgets

namespace convscope::gui {

class EquivariancePage;
class FeatureChannelView;
class FeatureKernelBox;
class FeatureMapsController;
class FeaturePredictionBox;
class FeatureSourceBox;
class FeatureTapTable;
class ImageDocument;

/// The Feature maps tab: one image through a trained CNN, every tap point's channels. The model is the run
/// being trained (frames pushed by the Training panel) or a checkpoint; the image a Fashion-MNIST test image
/// or the open image converted to a model input. A list of the taps, the selected tap's channels as tiles,
/// the clicked channel enlarged with its values, the input and prediction, and conv1's learned filters
/// (one of which can be sent to the Frequency panel). Checkpoints are evaluated on a worker thread; errors
/// appear in the panel as sentences.
class FeatureMapsPanel : public Panel {
    Q_OBJECT
public:
    explicit FeatureMapsPanel(const ImageDocument* document, QWidget* parent = nullptr);
    ~FeatureMapsPanel() override;

    /// A frame from the run being trained (about once a second). The latest is kept and shown, a few times
    /// a second at most, while the live model is chosen.
    void showLiveFrame(const FeatureFrame& frame);
    /// Whether a run is being trained. Becoming available chooses the live model unless a checkpoint has
    /// been chosen; ending keeps the last live frame on screen.
    void setLiveAvailable(bool available);
    /// Shows the model saved in `path` (e.g. a finished run's), with the chosen image.
    void setCheckpoint(const QString& path);
    QString checkpoint() const;
    /// The folder with Fashion-MNIST's IDX files; empty: Debian's dataset-fashion-mnist.
    void setDataDirectory(const QString& directory);
    QString dataDirectory() const { return m_dataDirectory; }
    /// Chooses Fashion-MNIST test image `index` as the image.
    void selectTestImage(int index);
    int selectedTestIndex() const;

    /// The frame on screen (empty when there is none, e.g. after an error).
    FeatureFrame frame() const { return m_frame; }
    /// True while a checkpoint request waits for its result.
    bool isComputing() const;
    /// The sentence shown above the views (an error, a hint, or empty).
    QString message() const;
    bool isShowingError() const { return m_error; }

    int selectedTap() const;
    void selectTap(int index);
    /// Selects the tap point of that name ("layer1.0") in the frame on screen; false when it has none
    /// (no frame yet, or a different model).
    bool selectTapNamed(const QString& name);
    int selectedChannel() const;
    void selectChannel(int index);
    /// Selects tap `name` and channel `channel` in the next frame shown (the Explain panel's "open this
    /// channel", asked for together with a checkpoint and an image whose maps are still to be computed).
    void selectOnceShown(const QString& name, int channel);

    FeatureSourceBox* sourceBox() const { return m_source; }
    FeatureTapTable* tapTable() const { return m_taps; }
    widgets::TileGridView* channelGrid() const;
    widgets::HeatmapView* channelHeatmap() const;
    FeatureChannelView* channelView() const { return m_channelView; }
    FeaturePredictionBox* predictionBox() const { return m_prediction; }
    FeatureKernelBox* kernelBox() const { return m_kernels; }
    /// The "Shift and equivariance" tab beside the channels (the same model and image).
    EquivariancePage* equivariancePage() const { return m_equivariance; }
    QTabWidget* viewTabs() const { return m_tabs; }

    QString title() const override;
    /// The image (test image or open image, the index), the checkpoint, the tap and channel shown. On a first
    /// start the small pretrained model in assets/ is opened, so that feature maps show without training.
    void saveState() const override;
    void restoreState() override;

protected:
    void showEvent(QShowEvent* event) override;

Q_SIGNALS:
    void openKernelInFrequency(const convscope::common::Kernel& kernel, const QString& title);
    /// A TorchScript file chosen with this panel's Browse… has opened (and is shown here).
    void modelImported(const convscope::gui::ImportedModelInfo& info);

private:
    void scheduleRequest();
    void sendRequest();
    void onReady(const FeatureFrame& frame);
    void onFailed(const QString& message);
    void showLive();
    void display(const FeatureFrame& frame, bool live);
    void clearFrame();
    void showTap(int index);
    void showMessage(const QString& text, bool error);

    const ImageDocument* m_document = nullptr;
    FeatureSourceBox* m_source = nullptr;
    FeaturePredictionBox* m_prediction = nullptr;
    FeatureKernelBox* m_kernels = nullptr;
    FeatureTapTable* m_taps = nullptr;
    QLabel* m_header = nullptr;
    QLabel* m_message = nullptr;
    FeatureChannelView* m_channelView = nullptr;
    FeatureMapsController* m_compute = nullptr;
    QTimer* m_requestTimer = nullptr;
    QTimer* m_liveTimer = nullptr;
    QSplitter* m_splitter = nullptr;
    QTabWidget* m_tabs = nullptr;
    EquivariancePage* m_equivariance = nullptr;

    FeatureFrame m_frame;
    bool m_frameIsLive = false;
    QString m_frameCheckpoint;    ///< the checkpoint m_frame came from (titles of exported filters)
    QString m_pendingCheckpoint;  ///< the checkpoint of the request in flight
    FeatureFrame m_live;
    bool m_hasLive = false;
    QString m_dataDirectory;
    bool m_error = false;
    // A restored tap and channel, selected once the first frame arrives.
    QString m_restoreTap;
    int m_restoreChannel = -1;
    /// A checkpoint is only run while the panel is visible; asked for while hidden, it waits until shown.
    bool m_requestWhenShown = false;
};

}  // namespace convscope::gui
