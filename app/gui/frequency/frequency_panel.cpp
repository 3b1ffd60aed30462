#include "app/gui/frequency/frequency_panel.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QScrollArea>
#include <QSplitter>
#include <QTabWidget>

#include "app/gui/document/image_document.h"
#include "app/gui/frequency/frequency_controller.h"
#include "app/gui/frequency/frequency_controls.h"
#include "app/gui/frequency/frequency_panel_state.h"
#include "app/gui/frequency/response_page.h"
#include "app/gui/frequency/speed_controller.h"
#include "app/gui/frequency/speed_page.h"
#include "app/gui/frequency/theorem_page.h"

namespace convscope::gui {

FrequencyPanel::FrequencyPanel(const ImageDocument* document, QWidget* parent)
    : Panel(parent), m_document(document) {
    setObjectName(QStringLiteral("frequencyPanel"));
    m_controls = new FrequencyControls;
    m_controls->setObjectName(QStringLiteral("frequencyControls"));
    auto* scroll = new QScrollArea;
    scroll->setWidget(m_controls);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setMinimumWidth(m_controls->sizeHint().width() + 24);

    m_response = new ResponsePage;
    m_theorem = new TheoremPage;
    m_speed = new SpeedPage;
    m_pages = new QTabWidget;
    m_pages->setObjectName(QStringLiteral("frequencyPages"));
    m_pages->setDocumentMode(true);
    m_pages->addTab(m_response, tr("Kernel response"));
    m_pages->addTab(m_theorem, tr("Convolution theorem"));
    m_pages->addTab(m_speed, tr("Speed"));

    m_splitter = new QSplitter(Qt::Horizontal);
    m_splitter->setObjectName(QStringLiteral("frequencySplitter"));
    m_splitter->addWidget(scroll);
    m_splitter->addWidget(m_pages);
    m_splitter->setStretchFactor(1, 1);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_splitter);

    m_compute = new FrequencyController(this);
    m_timing = new SpeedController(this);
    connect(m_controls, &FrequencyControls::changed, this, [this] {
        requestResponses();
        m_theoremDirty = true;
        onPageChanged();
    });
    connect(m_compute, &FrequencyController::responseReady, m_response, &ResponsePage::setResponse);
    connect(m_compute, &FrequencyController::theoremReady, m_theorem, &TheoremPage::setView);
    connect(m_compute, &FrequencyController::failed, this, [this](int kind, const QString& message) {
        if (kind == 2)
            m_theorem->setError(message);
        else
            m_response->setError(kind, message);
    });
    connect(m_theorem, &TheoremPage::paddingChanged, this, [this] {
        m_theoremDirty = true;
        onPageChanged();
    });
    connect(m_pages, &QTabWidget::currentChanged, this, &FrequencyPanel::onPageChanged);
    if (document) {
        connect(document, &ImageDocument::imageChanged, this, [this] {
            m_theoremDirty = true;
            onPageChanged();
        });
    }
    connect(m_speed, &SpeedPage::measureRequested, this, &FrequencyPanel::startSpeed);
    connect(m_speed, &SpeedPage::cancelRequested, m_timing, &SpeedController::cancel);
    connect(m_timing, &SpeedController::progress, m_speed, &SpeedPage::setProgress);
    connect(m_timing, &SpeedController::finished, this, [this](const SpeedView& v) {
        m_speed->setRunning(false);
        m_speed->setResult(v);
    });
    connect(m_timing, &SpeedController::cancelled, this, [this] {
        m_speed->setRunning(false);
        m_speed->setMessage(tr("Measurement cancelled."));
    });
    connect(m_timing, &SpeedController::failed, this, [this](const QString& message) {
        m_speed->setRunning(false);
        m_speed->setMessage(tr("The measurement failed: %1").arg(message));
    });
    requestResponses();
}

FrequencyPanel::~FrequencyPanel() = default;

QString FrequencyPanel::title() const {
    return tr("Frequency");
}

void FrequencyPanel::saveState() const {
    FrequencyPanelState state;
    m_controls->writeState(state);
    state.page = m_pages->currentIndex();
    state.padTheorem = m_theorem->padded();
    state.splitter = m_splitter->saveState();
    state.save();
}

void FrequencyPanel::restoreState() {
    const FrequencyPanelState state = FrequencyPanelState::load();
    m_controls->readState(state);
    m_theorem->padBox()->setChecked(state.padTheorem);
    m_splitter->restoreState(state.splitter);
    m_pages->setCurrentIndex(state.page);
}

void FrequencyPanel::setFiltersKernel(const common::Kernel& kernel, const QString& title,
                                      const imaging::FilterOptions& options) {
    m_filterOptions = options;
    m_controls->setFiltersKernel(kernel, title, options.mode);
}

QString FrequencyPanel::showKernel(const common::Kernel& kernel, const QString& title) {
    const QString refused = m_controls->showOwnKernel(kernel, title);
    if (refused.isEmpty()) m_pages->setCurrentWidget(m_response);
    return refused;
}

bool FrequencyPanel::isComputing() const {
    return m_compute->isBusy(0) || m_compute->isBusy(1) || m_compute->isBusy(2);
}

void FrequencyPanel::showEvent(QShowEvent* event) {
    Panel::showEvent(event);
    if (m_responsesDirty) requestResponses();
    onPageChanged();
}

void FrequencyPanel::requestResponses() {
    // A hidden panel computes nothing (its thread does not even start): it catches up when shown.
    if (!isVisible()) {
        m_responsesDirty = true;
        return;
    }
    m_responsesDirty = false;
    m_compute->requestResponse(m_controls->requestA());
    if (const auto b = m_controls->requestB())
        m_compute->requestResponse(*b);
    else
        m_response->clearComparison();
}

void FrequencyPanel::requestTheorem() {
    m_theoremDirty = false;
    if (!m_document || m_document->isEmpty()) {
        m_theorem->setError(tr("There is no image: open one to see the convolution theorem at work."));
        return;
    }
    TheoremRequest request;
    request.image = m_document->pixels();
    request.kernel = m_controls->kernelA();
    request.title = m_controls->titleA();
    // A kernel chosen here is applied as the Filters panel would apply its own: its mode and border.
    request.mode = m_filterOptions.mode;
    request.border = m_filterOptions.border;
    request.circular = !m_theorem->padded();
    m_theorem->setBusy(tr("Transforming…"));
    m_compute->requestTheorem(request);
}

void FrequencyPanel::startSpeed() {
    if (!m_document || m_document->isEmpty()) {
        m_speed->setMessage(tr("There is no image to filter: open one first."));
        return;
    }
    SpeedRequest request;
    request.image = m_document->pixels();
    request.options = m_filterOptions;
    if (m_timing->start(request)) m_speed->setRunning(true);
}

void FrequencyPanel::onPageChanged() {
    if (isVisible() && m_pages->currentWidget() == m_theorem && m_theoremDirty) requestTheorem();
}

}  // namespace convscope::gui
