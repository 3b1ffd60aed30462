#pragma once

#include <QString>

#include "app/gui/convolution/conv_trace_worker.h"
#include "app/gui/support/panel.h"

class QTabWidget;

namespace convscope::gui {

class AnimationExportController;
class Conv3dPage;
class ConvControls;
class ConvStepPage;
class ConvTraceController;
class ImageDocument;
class ParameterSharingPage;
class ReceptiveFieldPage;

/// The Convolution tab: step through a convolution, pooling or transposed convolution and see how every
/// output value is made. Controls on the left; pages "Step through", "Receptive field" and "Parameter
/// sharing" on the right. Tracing runs on a worker (AlexNet-sized examples take a moment); the animation
/// itself is driven on the GUI thread, one cheap frame per step.
class ConvolutionPanel : public Panel {
    Q_OBJECT
public:
    explicit ConvolutionPanel(const ImageDocument* document, QWidget* parent = nullptr);
    ~ConvolutionPanel() override;

    ConvControls* controls() const { return m_controls; }
    ConvStepPage* stepPage() const { return m_step; }
    ReceptiveFieldPage* receptiveFieldPage() const { return m_field; }
    ParameterSharingPage* parameterSharingPage() const { return m_sharing; }
    Conv3dPage* conv3dPage() const { return m_conv3d; }
    QTabWidget* pages() const { return m_pages; }
    /// True while a trace is being computed.
    bool isTracing() const;

    QString title() const override;
    /// The mode, the page and the animation's speed.
    void saveState() const override;
    void restoreState() override;

    /// Opens the export dialog for the current trace and runs the export with a progress dialog.
    void exportAnimation();

protected:
    void showEvent(QShowEvent* event) override;

private:
    void onSetupChanged();
    void requestTrace();
    void onTraceReady(ConvTracePtr trace, const QString& arithmetic);

    ConvControls* m_controls = nullptr;
    ConvStepPage* m_step = nullptr;
    ReceptiveFieldPage* m_field = nullptr;
    ParameterSharingPage* m_sharing = nullptr;
    Conv3dPage* m_conv3d = nullptr;
    QTabWidget* m_pages = nullptr;
    ConvTraceController* m_tracer = nullptr;
    AnimationExportController* m_exporter = nullptr;
    QString m_exampleNote;
    QString m_lastExportPath;  ///< offered again by the next export dialog
    bool m_traceWhenShown = false;
};

}  // namespace convscope::gui
