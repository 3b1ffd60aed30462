#include "app/gui/architecture/architecture_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include "app/gui/architecture/architecture_controller.h"
#include "app/gui/architecture/architecture_details.h"
#include "app/gui/architecture/architecture_model_list.h"
#include "app/gui/architecture/architecture_panel_state.h"
#include "app/gui/architecture/architecture_table.h"
#include "app/gui/architecture/cost_comparison_page.h"
#include "app/gui/architecture/gradient_colouring.h"
#include "app/gui/architecture/zoo_table.h"
#include "app/gui/imported/imported_model_store.h"
#include "app/gui/support/csv_text.h"
#include "core/nn/models/model_config.h"
#include "core/nn/models/model_switches.h"
#include "core/nn/zoo/model_catalog.h"
#include "widgets/diagram/architecture_diagram_view.h"

namespace convscope::gui {

namespace {

QToolButton* toolButton(const QString& text, const QString& tip, const QString& name) {
    auto* b = new QToolButton;
    b->setText(text);
    b->setToolTip(tip);
    b->setObjectName(name);
    b->setAutoRaise(true);
    return b;
}

}  // namespace

ArchitecturePanel::ArchitecturePanel(QWidget* parent) : Panel(parent) {
    setObjectName(QStringLiteral("architecturePanel"));
    m_controller = new ArchitectureController(this);
    m_debounce = new QTimer(this);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(250);  // a spin box being scrolled asks once, when it settles
    connect(m_debounce, &QTimer::timeout, this, &ArchitecturePanel::describeNow);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(buildForm());
    m_error = new QLabel;
    m_error->setObjectName(QStringLiteral("architectureError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #a40000; padding: 4px;"));
    m_error->hide();
    layout->addWidget(m_error);
    m_pages = new QTabWidget;
    m_pages->setObjectName(QStringLiteral("architecturePages"));
    m_pages->addTab(buildDiagramPage(), tr("Diagram"));
    m_pages->addTab(buildTablePage(), tr("Layers"));
    m_pages->addTab(buildZooPage(), tr("Model zoo"));
    m_costs = new CostComparisonPage;
    m_costs->setObjectName(QStringLiteral("costComparisonPage"));
    m_pages->addTab(m_costs, tr("Costs"));
    layout->addWidget(m_pages, 1);
    connect(m_pages, &QTabWidget::currentChanged, this, [this](int) {
        Q_EMIT capabilitiesChanged();
        if (m_pages->currentWidget() == m_costs && !m_costsRequested) {
            m_costsRequested = true;
            m_controller->computeCosts();
        }
    });

    connect(m_controller, &ArchitectureController::described, this, &ArchitecturePanel::onDescribed);
    connect(m_controller, &ArchitectureController::failed, this, &ArchitecturePanel::onFailed);
    connect(m_controller, &ArchitectureController::zooRow, this, &ArchitecturePanel::onZooRow);
    connect(m_controller, &ArchitectureController::zooFinished, this, [this](bool cancelled) {
        m_zoo->setBusy(false, cancelled ? tr("Measurement stopped.") : QString());
    });
    connect(m_controller, &ArchitectureController::costsReady, m_costs, &CostComparisonPage::setComparisons);
}

ArchitecturePanel::~ArchitecturePanel() = default;

QWidget* ArchitecturePanel::buildDiagramPage() {
    auto* page = new QWidget;
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 4, 0, 0);
    auto* tools = new QHBoxLayout;
    QToolButton* zoomOut = toolButton(tr("−"), tr("Zoom out (-)"), QStringLiteral("diagramZoomOut"));
    QToolButton* zoomIn = toolButton(tr("+"), tr("Zoom in (+)"), QStringLiteral("diagramZoomIn"));
    QToolButton* fit = toolButton(tr("Fit"), tr("Fit the whole diagram (F); 0 resets to 100 %"),
                                  QStringLiteral("diagramFit"));
    QToolButton* expand =
        toolButton(tr("Expand all"), tr("Unfold every stage and block"), QStringLiteral("diagramExpandAll"));
    QToolButton* collapse = toolButton(tr("Collapse blocks"), tr("Fold every block into one box"),
                                       QStringLiteral("diagramCollapseAll"));
    QToolButton* exportButton =
        toolButton(tr("Export…"), tr("Save the diagram as SVG or PNG"), QStringLiteral("diagramExport"));
    for (QToolButton* b : {zoomOut, zoomIn, fit, expand, collapse}) tools->addWidget(b);
    m_diagram = new widgets::ArchitectureDiagramView;
    m_gradients = new GradientColouring(m_diagram, this);
    tools->addSpacing(12);
    tools->addWidget(m_gradients->toggle());
    tools->addWidget(m_gradients->label(), 1);
    tools->addStretch(1);
    tools->addWidget(exportButton);
    layout->addLayout(tools);
    auto* split = new QSplitter;
    split->setObjectName(QStringLiteral("architectureDiagramSplitter"));
    m_diagramSplit = split;
    m_diagram->setObjectName(QStringLiteral("architectureDiagram"));
    m_details = new ArchitectureDetails;
    m_details->setMinimumWidth(260);
    split->addWidget(m_diagram);
    split->addWidget(m_details);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    split->setSizes({900, 380});  // room for a line of arithmetic in the details pane
    layout->addWidget(split, 1);
    connect(zoomIn, &QToolButton::clicked, m_diagram, &widgets::ArchitectureDiagramView::zoomIn);
    connect(zoomOut, &QToolButton::clicked, m_diagram, &widgets::ArchitectureDiagramView::zoomOut);
    connect(fit, &QToolButton::clicked, m_diagram, &widgets::ArchitectureDiagramView::fitToView);
    connect(expand, &QToolButton::clicked, m_diagram, &widgets::ArchitectureDiagramView::expandAll);
    connect(collapse, &QToolButton::clicked, m_diagram, &widgets::ArchitectureDiagramView::collapseAll);
    connect(exportButton, &QToolButton::clicked, this, [this] { exportDiagram({}); });
    connect(m_diagram, &widgets::ArchitectureDiagramView::zoomChanged, this, &Panel::zoomChanged);
    connect(m_diagram, &widgets::ArchitectureDiagramView::nodeActivated, this, [this](int id) {
        m_details->showNode(id);
        m_table->selectNode(id);
    });
    connect(m_diagram, &widgets::ArchitectureDiagramView::scopeActivated, m_details,
            &ArchitectureDetails::showScope);
    connect(m_details, &ArchitectureDetails::featureMapsRequested, this, [this](const QString& tap) {
        if (m_result) Q_EMIT featureMapsRequested(m_result->request.model, tap);
    });
    return page;
}

QWidget* ArchitecturePanel::buildTablePage() {
    // The table brings its own filter, totals and "Export CSV…" button.
    m_table = new ArchitectureTable;
    m_table->setObjectName(QStringLiteral("architectureLayers"));
    connect(m_table, &ArchitectureTable::nodeActivated, this, [this](int id) {
        m_details->showNode(id);
        m_diagram->selectNode(id);
    });
    return m_table;
}

QWidget* ArchitecturePanel::buildZooPage() {
    m_zoo = new ZooTable;
    m_zoo->setObjectName(QStringLiteral("zooTable"));
    connect(m_zoo, &ZooTable::measureRequested, this, [this](int size, bool native) {
        m_zooRows.clear();
        m_zoo->setRows(m_zooRows);
        m_zoo->setBusy(true, tr("Measuring the zoo…"));
        m_controller->measureZoo(size, native);
    });
    connect(m_zoo, &ZooTable::modelActivated, this, [this](const QString& model) {
        ArchitectureRequest r = formRequest();
        r.model = model;
        if (const nn::ModelInfo* info = nn::findModel(model.toStdString()))
            r.inputSize = info->nativeResolution;
        showModel(r);
        m_pages->setCurrentIndex(0);
    });
    return m_zoo;
}

ArchitectureRequest ArchitecturePanel::formRequest() const {
    ArchitectureRequest r;
    r.model = m_model->currentData().toString();
    r.file = architecture_models::currentFile(m_model);
    r.inChannels = m_channels->value();
    r.classes = m_classes->value();
    r.inputSize = m_size->value();
    r.imagenetStem = m_stem->currentData().toBool();
    r.aux = m_aux->isEnabled() && m_aux->isChecked();
    // Block kind, skip connections, batch norm and dropout come from the Training panel's form; they hold
    // while its model does.
    if (m_variant.model == r.model) {
        r.block = m_variant.block;
        r.skip = m_variant.skip;
        r.batchNorm = m_variant.batchNorm;
        r.dropout = m_variant.dropout;
    }
    return r;
}

void ArchitecturePanel::showModel(const ArchitectureRequest& request) {
    m_variant = request;
    m_applying = true;
    const int index = architecture_models::isImported(request.model)
                          ? architecture_models::addImported(m_model, request.file)
                          : m_model->findData(request.model);
    if (index >= 0) m_model->setCurrentIndex(index);
    m_channels->setValue(request.inChannels);
    m_classes->setValue(request.classes);
    m_size->setValue(request.inputSize);
    m_stem->setCurrentIndex(request.imagenetStem ? 0 : 1);
    m_aux->setChecked(request.aux);
    m_applying = false;
    updateStemBox();
    m_debounce->stop();
    describeNow();
}

void ArchitecturePanel::scheduleDescribe() {
    m_debounce->start();
}

void ArchitecturePanel::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    // The first description waits until the tab is first shown: the window opens without tracing a model.
    if (!m_shown) {
        m_shown = true;
        if (!m_result && !m_controller->isDescribing()) describeNow();
    }
}

void ArchitecturePanel::describeNow() {
    // The Training panel reports every edit of its form (learning rate, epochs, …); only a different model
    // or input is traced again.
    const ArchitectureRequest request = formRequest();
    if (m_sentAny && sameInput(request, m_lastSent)) return;
    m_sentAny = true;
    m_lastSent = request;
    m_status->setText(tr("Describing %1…").arg(m_model->currentText()));
    m_controller->describe(request);
}

bool ArchitecturePanel::isDescribing() const {
    return m_controller->isDescribing() || m_debounce->isActive();
}

QString ArchitecturePanel::errorText() const {
    return m_error->isHidden() ? QString() : m_error->text();
}

void ArchitecturePanel::onDescribed(const ArchitectureResult& result) {
    m_result = std::make_unique<ArchitectureResult>(result);
    m_error->hide();
    m_error->clear();
    m_diagram->setGraph(m_result->graph);
    m_gradients->graphChanged();
    m_table->setGraph(m_result->graph);
    m_details->setResult(m_result.get());
    const QLocale en(QLocale::English);
    QString status = tr("%1 parameters · %2 MACs · traced in %3 s")
                         .arg(en.toString(result.graph.totalParameters), en.toString(result.graph.totalMacs))
                         .arg(result.seconds, 0, 'f', 2);
    // The Training form's regularisation switches change the layers: say so beside the model's name.
    if (!result.request.batchNorm) status = tr("No batch norm · ") + status;
    if (result.request.dropout > 0.0) status = tr("Dropout %1 · ").arg(result.request.dropout) + status;
    if (result.request.aux) status = tr("Auxiliary classifiers · ") + status;
    // An imported file's parameters that its forward pass never reads (a training-only auxiliary head):
    // counted, as PyTorch counts them, and said, so that the nodes' sum is not taken for an error.
    if (result.graph.unusedParameters > 0)
        status +=
            tr(" · %1 of them unused by the forward pass").arg(en.toString(result.graph.unusedParameters));
    m_status->setText(status);
    Q_EMIT capabilitiesChanged();
}

void ArchitecturePanel::onFailed(const QString& message) {
    m_result.reset();
    m_diagram->setGraph({});
    m_gradients->graphChanged();
    m_table->setGraph({});
    m_details->setResult(nullptr);
    m_error->setText(message);
    m_error->show();
    m_status->setText(tr("No description"));
    Q_EMIT statusMessage(message, 8000);
    Q_EMIT capabilitiesChanged();
}

void ArchitecturePanel::onZooRow(int index, int count, const ZooRow& row) {
    m_zooRows.push_back(row);
    m_zoo->setRows(m_zooRows);
    m_zoo->setBusy(index + 1 < count, tr("Measuring %1 of %2: %3…").arg(index + 2).arg(count).arg(row.title));
}

void ArchitecturePanel::showInstruments(const InstrumentFrame& frame) {
    m_gradients->showFrame(frame);
}

QString ArchitecturePanel::title() const {
    return tr("Architecture");
}

void ArchitecturePanel::saveState() const {
    ArchitecturePanelState state;
    state.model = m_model->currentData().toString();
    state.file = architecture_models::currentFile(m_model);
    state.inChannels = m_channels->value();
    state.classes = m_classes->value();
    state.inputSize = m_size->value();
    state.imagenetStem = m_stem->currentData().toBool();
    state.page = m_pages->currentIndex();
    state.diagramSplitter = m_diagramSplit->saveState();
    state.gradientColouring = m_gradients->toggle()->isChecked();
    state.save();
}

void ArchitecturePanel::restoreState() {
    const ArchitecturePanelState state = ArchitecturePanelState::load();
    // Nothing is traced here: the first description waits until the tab is shown (showEvent).
    m_applying = true;
    if (architecture_models::isImported(state.model) && !state.file.isEmpty())
        architecture_models::addImported(m_model, state.file);
    if (const int index = architecture_models::find(m_model, state.model, state.file); index >= 0)
        m_model->setCurrentIndex(index);
    m_channels->setValue(state.inChannels);
    m_classes->setValue(state.classes);
    m_size->setValue(state.inputSize);
    m_stem->setCurrentIndex(state.imagenetStem ? 0 : 1);
    m_applying = false;
    updateStemBox();
    m_diagramSplit->restoreState(state.diagramSplitter);
    m_gradients->toggle()->setChecked(state.gradientColouring);
    m_pages->setCurrentIndex(state.page);
    if (m_shown) scheduleDescribe();
}

}  // namespace convscope::gui
