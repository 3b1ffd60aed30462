#include "app/gui/convolution/convolution_panel.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QMessageBox>
#include <QScrollArea>
#include <QSplitter>
#include <QTabWidget>

#include "app/gui/convolution/animation_export_controller.h"
#include "app/gui/convolution/animation_export_dialog.h"
#include "app/gui/convolution/conv3d_page.h"
#include "app/gui/convolution/conv_controls.h"
#include "app/gui/convolution/conv_step_page.h"
#include "app/gui/convolution/conv_trace_controller.h"
#include "app/gui/convolution/parameter_sharing_page.h"
#include "app/gui/convolution/receptive_field_page.h"
#include "app/gui/shell/app_settings.h"
#include "core/conv/conv_trace.h"

namespace convscope::gui {

ConvolutionPanel::ConvolutionPanel(const ImageDocument* document, QWidget* parent) : Panel(parent) {
    setObjectName(QStringLiteral("convolutionPanel"));
    m_controls = new ConvControls(document);
    m_controls->setObjectName(QStringLiteral("convControls"));
    auto* scroll = new QScrollArea;
    scroll->setWidget(m_controls);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setMinimumWidth(m_controls->sizeHint().width() + 24);

    m_step = new ConvStepPage;
    m_field = new ReceptiveFieldPage;
    m_sharing = new ParameterSharingPage;
    m_conv3d = new Conv3dPage;
    m_conv3d->setObjectName(QStringLiteral("conv3dPage"));
    m_pages = new QTabWidget;
    m_pages->setObjectName(QStringLiteral("convPages"));
    m_pages->setDocumentMode(true);
    m_pages->addTab(m_step, tr("Step through"));
    // The other pages scroll rather than impose their (wide) minimum size on the whole window.
    for (auto [page, title] : {std::pair<QWidget*, QString>{m_field, tr("Receptive field")},
                               std::pair<QWidget*, QString>{m_sharing, tr("Parameter sharing")},
                               std::pair<QWidget*, QString>{m_conv3d, tr("3-D convolution")}}) {
        auto* pageScroll = new QScrollArea;
        pageScroll->setWidget(page);
        pageScroll->setWidgetResizable(true);
        pageScroll->setFrameShape(QFrame::NoFrame);
        m_pages->addTab(pageScroll, title);
    }
    // The control column sets up the step-through only; the other pages have their own inputs.
    connect(m_pages, &QTabWidget::currentChanged, scroll,
            [this, scroll](int index) { scroll->setVisible(m_pages->widget(index) == m_step); });

    auto* splitter = new QSplitter(Qt::Horizontal);
    splitter->addWidget(scroll);
    splitter->addWidget(m_pages);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    m_tracer = new ConvTraceController(this);
    m_exporter = new AnimationExportController(this);
    connect(m_controls, &ConvControls::setupChanged, this, &ConvolutionPanel::onSetupChanged);
    connect(m_controls, &ConvControls::exampleLoaded, this,
            [this](const QString& title, const QString& expected) {
                m_exampleNote = tr("Worked example: %1. The seed's answer: %2.").arg(title, expected);
                m_step->setNote(m_exampleNote);
                m_pages->setCurrentWidget(m_step);
            });
    connect(m_tracer, &ConvTraceController::traceReady, this, &ConvolutionPanel::onTraceReady);
    connect(m_tracer, &ConvTraceController::traceFailed, m_step, &ConvStepPage::setError);
    connect(m_tracer, &ConvTraceController::busyChanged, this, [this](bool busy) {
        if (busy) Q_EMIT statusMessage(tr("Tracing the convolution…"), 0);
    });
    connect(m_step, &ConvStepPage::exportRequested, this, &ConvolutionPanel::exportAnimation);
    connect(m_exporter, &AnimationExportController::finished, this, [this](const QStringList& files) {
        if (files.isEmpty()) return;
        Q_EMIT statusMessage(files.size() == 1 ? tr("Exported the animation to %1").arg(files.constFirst())
                                               : tr("Exported %1 PNG frames to %2")
                                                     .arg(files.size())
                                                     .arg(QFileInfo(files.constFirst()).absolutePath()),
                             8000);
    });
    onSetupChanged();
}

ConvolutionPanel::~ConvolutionPanel() = default;

bool ConvolutionPanel::isTracing() const {
    return m_tracer->isBusy();
}

void ConvolutionPanel::onSetupChanged() {
    // A change made by hand ends the worked example; loading one sets the note again right after.
    m_exampleNote.clear();
    m_step->setNote({});
    requestTrace();
}

void ConvolutionPanel::requestTrace() {
    // A hidden panel traces nothing (its thread does not even start): it catches up when shown.
    m_traceWhenShown = !isVisible();
    if (!m_traceWhenShown) m_tracer->request(m_controls->setup());
}

void ConvolutionPanel::showEvent(QShowEvent* event) {
    Panel::showEvent(event);
    if (m_traceWhenShown) requestTrace();
}

void ConvolutionPanel::onTraceReady(ConvTracePtr trace, const QString& arithmetic) {
    m_step->setTrace(std::move(trace), arithmetic);
    m_step->setNote(m_exampleNote);
    Q_EMIT statusMessage(tr("Output %1 in %2 steps")
                             .arg(QString::fromStdString(m_step->trace()->output().shapeText()))
                             .arg(m_step->stepCount()),
                         4000);
}

void ConvolutionPanel::exportAnimation() {
    const ConvTracePtr trace = m_step->trace();
    if (!trace) {
        QMessageBox::information(this, tr("Export Animation"),
                                 tr("There is no convolution to export yet: fix the setup first."));
        return;
    }
    if (m_exporter->isBusy()) {
        Q_EMIT statusMessage(tr("An export is already running."), 4000);
        return;
    }
    AnimationExportDialog dialog(trace, m_step->frameOptions(), m_lastExportPath, this);
    if (dialog.exec() != QDialog::Accepted) return;
    const AnimationExportRequest request = dialog.request();
    m_lastExportPath = request.path;
    AnimationExportDialog::runWithProgress(this, m_exporter, request);
}

QString ConvolutionPanel::title() const {
    return tr("Convolution");
}

void ConvolutionPanel::saveState() const {
    AppSettings settings;
    settings.setConvolutionMode(modeId(m_controls->setup().mode));
    settings.setConvolutionPage(m_pages->currentIndex());
    settings.setConvolutionSpeed(m_step->speed());
}

void ConvolutionPanel::restoreState() {
    AppSettings settings;
    m_controls->selectMode(modeFromId(settings.convolutionMode()));
    m_pages->setCurrentIndex(std::clamp(settings.convolutionPage(), 0, m_pages->count() - 1));
    m_step->setSpeed(settings.convolutionSpeed());
}

}  // namespace convscope::gui
