#include "app/gui/explain/explain_panel.h"

#include <QComboBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRadioButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>

#include "app/gui/document/image_document.h"
#include "app/gui/explain/error_analysis_view.h"
#include "app/gui/explain/explain_controller.h"
#include "app/gui/explain/explain_export.h"
#include "app/gui/explain/explain_live_view.h"
#include "app/gui/explain/explain_maps_view.h"
#include "app/gui/explain/explain_panel_state.h"
#include "app/gui/explain/explain_terms_view.h"
#include "app/gui/explain/explain_text.h"
#include "app/gui/features/feature_frame.h"
#include "app/gui/features/feature_prediction_box.h"
#include "app/gui/features/feature_source_box.h"
#include "app/gui/imported/imported_model_store.h"
#include "app/gui/support/asset_paths.h"
#include "widgets/common/number_text.h"

namespace convscope::gui {

namespace {
const QColor kExplainErrorText(170, 30, 30);
// LeNet-5 trained on Fashion-MNIST (assets/README.md says how it was made).
const QString kExplainBundledModel = QStringLiteral("models/lenet5_fashion_mnist.ckpt");
QString explainHoverHint() {
    return ExplainPanel::tr(
        "Hover over the Grad-CAM, Grad-CAM++ or HiResCAM overlay, or a cell of the layer "
        "strip, to see its value as a sum over the layer's channels.");
}
}  // namespace

ExplainPanel::ExplainPanel(const ImageDocument* document, QWidget* parent)
    : Panel(parent), m_document(document) {
    setObjectName(QStringLiteral("explainPanel"));
    // The Feature maps panel's choice of model and image; a training run's live model has no gradients to
    // offer here, so only checkpoints are offered.
    m_source = new FeatureSourceBox;
    m_source->liveButton()->setVisible(false);
    m_source->checkpointButton()->setVisible(false);
    m_source->checkpointEdit()->setToolTip(tr("The checkpoint whose decisions are explained"));
    m_targetCombo = new QComboBox;
    m_targetCombo->setObjectName(QStringLiteral("explainTarget"));
    m_targetCombo->setAccessibleName(tr("Class to explain"));
    m_targetCombo->setToolTip(tr("Explain the predicted class, or ask why the image is not another class"));
    auto* targetBox = new QGroupBox(tr("Explain the score of"));
    auto* targetLayout = new QVBoxLayout(targetBox);
    targetLayout->addWidget(m_targetCombo);
    auto* targetHint = new QLabel(tr("Another class asks “why not …?”: its maps show what speaks for it."));
    targetHint->setWordWrap(true);
    targetLayout->addWidget(targetHint);
    m_prediction = new FeaturePredictionBox;
    auto* side = new QWidget;
    auto* sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(0, 0, 0, 0);
    sideLayout->addWidget(m_source);
    sideLayout->addWidget(targetBox);
    sideLayout->addWidget(m_prediction);
    m_live = new ExplainLiveView;  // a page of its own (createPages)
    sideLayout->addStretch(1);
    auto* sideScroll = new QScrollArea;
    sideScroll->setWidget(side);
    sideScroll->setWidgetResizable(true);
    sideScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    sideScroll->setFrameShape(QFrame::NoFrame);
    sideScroll->setMinimumWidth(300);
    sideScroll->setMaximumWidth(420);

    m_header = new QLabel;
    m_header->setObjectName(QStringLiteral("explainHeader"));
    m_header->setWordWrap(true);
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message = new QLabel;
    m_message->setObjectName(QStringLiteral("explainMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setVisible(false);
    m_maps = new ExplainMapsView;
    auto* mapsScroll = new QScrollArea;
    mapsScroll->setWidget(m_maps);
    mapsScroll->setWidgetResizable(true);
    mapsScroll->setFrameShape(QFrame::NoFrame);
    auto* main = new QWidget;
    auto* mainLayout = new QVBoxLayout(main);
    mainLayout->setContentsMargins(0, 0, 0, 0);
    mainLayout->addWidget(m_header);
    mainLayout->addWidget(m_message);
    mainLayout->addWidget(mapsScroll, 1);
    m_terms = new ExplainTermsView;
    m_terms->setMinimumWidth(310);

    m_splitter = new QSplitter(Qt::Horizontal);
    m_splitter->setObjectName(QStringLiteral("explainSplitter"));
    m_splitter->addWidget(sideScroll);
    m_splitter->addWidget(main);
    m_splitter->addWidget(m_terms);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setChildrenCollapsible(false);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(createPages());

    m_compute = new ExplainController(this);
    // Several choices often change together (a restored checkpoint, image and target): one request.
    m_requestTimer = new QTimer(this);
    m_requestTimer->setSingleShot(true);
    m_requestTimer->setInterval(0);
    connect(m_requestTimer, &QTimer::timeout, this, &ExplainPanel::sendRequest);
    connect(m_source, &FeatureSourceBox::changed, this, &ExplainPanel::scheduleRequest);
    connect(m_source, &FeatureSourceBox::importFailed, this,
            [this](const QString& m) { showMessage(m, true); });
    connect(m_source, &FeatureSourceBox::modelImported, this, &ExplainPanel::modelImported);
    connect(m_targetCombo, &QComboBox::activated, this,
            [this](int index) { setTarget(m_targetCombo->itemData(index).toInt()); });
    connect(m_compute, &ExplainController::progress, this, &ExplainPanel::onProgress);
    connect(m_compute, &ExplainController::ready, this, &ExplainPanel::onReady);
    connect(m_compute, &ExplainController::failed, this, &ExplainPanel::onFailed);
    connect(m_maps, &ExplainMapsView::cellHovered, this, &ExplainPanel::onCellHovered);
    connect(m_maps, &ExplainMapsView::mapClicked, this, &ExplainPanel::selectMap);
    if (document) {
        connect(document, &ImageDocument::imageChanged, this, [this] {
            if (m_source->image() == FeatureSourceBox::Image::OpenImage) scheduleRequest();
        });
    }
    clearFrame();
    fillTargets();
    scheduleRequest();
}

ExplainPanel::~ExplainPanel() = default;

QString ExplainPanel::title() const {
    return tr("Explain");
}

void ExplainPanel::saveState() const {
    ExplainPanelState state;
    state.openImage = m_source->image() == FeatureSourceBox::Image::OpenImage;
    state.testIndex = m_source->testIndex();
    state.checkpoint = checkpoint();
    state.target = m_target;
    state.selectedMap = m_selectedMap;
    state.splitter = m_splitter->saveState();
    state.save();
}

void ExplainPanel::restoreState() {
    const ExplainPanelState state = ExplainPanelState::load();
    m_source->setImage(state.openImage ? FeatureSourceBox::Image::OpenImage
                                       : FeatureSourceBox::Image::TestImage);
    m_source->setTestIndex(state.testIndex);
    m_target = state.target;
    m_selectedMap = state.selectedMap;
    fillTargets();
    // A first start opens the pretrained model that ships with the application (when it is installed).
    const QString model = state.checkpoint ? *state.checkpoint : assetPath(kExplainBundledModel);
    setCheckpoint(model);
    m_splitter->restoreState(state.splitter);
}

void ExplainPanel::windowClosing() {
    m_compute->cancel();
    m_errors->cancel();
}

void ExplainPanel::setCheckpoint(const QString& path) {
    m_source->setCheckpointPath(path);
}

QString ExplainPanel::checkpoint() const {
    return m_source->checkpointPath();
}

void ExplainPanel::setDataDirectory(const QString& directory) {
    if (directory == m_dataDirectory) return;
    m_dataDirectory = directory;
    m_errors->setDataDirectory(directory);
    if (m_source->image() == FeatureSourceBox::Image::TestImage) scheduleRequest();
}

void ExplainPanel::selectTestImage(int index) {
    m_source->setImage(FeatureSourceBox::Image::TestImage);
    m_source->setTestIndex(index);
}

int ExplainPanel::selectedTestIndex() const {
    return m_source->testIndex();
}

void ExplainPanel::setTarget(int target) {
    target = std::max(-1, target);
    if (target == m_target) return;
    m_target = target;
    // Called from the combo box's own key and mouse handlers: change its current item, not its items.
    const int item = m_targetCombo->findData(target);
    if (item >= 0) {
        const QSignalBlocker block(m_targetCombo);
        m_targetCombo->setCurrentIndex(item);
    } else {
        fillTargets();
    }
    scheduleRequest();
}

bool ExplainPanel::isComputing() const {
    return m_requestTimer->isActive() || m_compute->isBusy();
}

QString ExplainPanel::message() const {
    return m_message->isVisible() ? m_message->text() : QString();
}

void ExplainPanel::selectMap(int index) {
    m_selectedMap = std::max(0, index);
    m_maps->setSelectedMap(m_selectedMap);
    if (!m_frame.isEmpty() && m_selectedMap < m_frame.mapCount())
        Q_EMIT statusMessage(tr("File ▸ Export writes %1 as CSV").arg(mapName(m_selectedMap)), 4000);
}

void ExplainPanel::scheduleRequest() {
    m_requestTimer->start();
}

void ExplainPanel::showEvent(QShowEvent* event) {
    Panel::showEvent(event);
    if (m_requestWhenShown) scheduleRequest();
}

void ExplainPanel::sendRequest() {
    if (checkpoint().isEmpty()) {
        clearFrame();
        showMessage(tr("Choose a checkpoint file (Browse…) to see why its model decides as it does."), false);
        return;
    }
    // Seven attribution methods are work for a thread: a hidden panel does it when it is shown.
    if (!isVisible()) {
        m_requestWhenShown = true;
        return;
    }
    m_requestWhenShown = false;
    ExplainRequest request;
    request.checkpointPath = checkpoint();
    request.imported = ImportedModelStore::optionsFor(request.checkpointPath);
    request.dataDirectory = m_dataDirectory;
    request.target = m_target;
    if (m_source->image() == FeatureSourceBox::Image::TestImage) {
        request.testIndex = m_source->testIndex();
    } else if (m_document && !m_document->isEmpty()) {
        request.image = m_document->pixels();
        request.imageName = m_document->displayName();
    }
    // An empty image goes to the worker too: its refusal is the panel's one sentence for it.
    m_compute->request(request);
    showMessage(tr("Explaining…"), false);
}

void ExplainPanel::onProgress(int done, int total, const QString& step) {
    showMessage(tr("Explaining: %1 (%2 of %3)…").arg(step).arg(done + 1).arg(total), false);
}

void ExplainPanel::onReady(const ExplainFrame& frame) {
    m_frame = frame;
    showMessage({}, false);
    m_header->setText(tr("<b>Model</b> %1<br><b>Image</b> %2")
                          .arg(frame.modelSource.toHtmlEscaped(), frame.source.toHtmlEscaped()));
    FeatureFrame f;
    f.input = frame.input;
    f.prediction = frame.predicted;
    f.trueLabel = frame.trueLabel;
    f.scores = frame.probabilities;
    f.classNames = frame.classNames;
    m_prediction->setFrame(f);
    m_maps->setFrame(frame);
    if (m_selectedMap >= frame.mapCount()) m_selectedMap = 0;
    m_maps->setSelectedMap(m_selectedMap);
    fillTargets();
    if (m_source->image() == FeatureSourceBox::Image::OpenImage) m_source->setConversionText(frame.source);
    // A cell on show keeps showing, now with the new target's terms, while the model has that cell.
    const int cellMap = m_termsMap, row = m_terms->row(), col = m_terms->col();
    if (m_terms->hasCell() && cellMap < frame.mapCount() && frame.map(cellMap).hasTerms() &&
        row < frame.map(cellMap).rows && col < frame.map(cellMap).cols) {
        m_terms->showCell(frame.map(cellMap), mapName(cellMap), row, col);
        m_maps->markCell(cellMap, row, col);
    } else {
        m_terms->clear(explainHoverHint());
    }
    Q_EMIT capabilitiesChanged();
    Q_EMIT statusMessage(tr("Why %1: %2").arg(explainClassName(frame, frame.target), frame.source), 4000);
}

void ExplainPanel::onFailed(const QString& message) {
    // Old maps beside a new error would pass for the new model's: clear them.
    clearFrame();
    m_source->setConversionText({});
    showMessage(message, true);
    Q_EMIT statusMessage(message, 6000);
}

void ExplainPanel::onCellHovered(int index, int row, int col) {
    if (row < 0 || index < 0 || index >= m_frame.mapCount()) {
        Q_EMIT cursorInfoChanged({});
        return;
    }
    const ExplainMap& m = m_frame.map(index);
    Q_EMIT cursorInfoChanged(tr("%1 · (%2, %3) · %4")
                                 .arg(mapName(index))
                                 .arg(row)
                                 .arg(col)
                                 .arg(widgets::formatValue(m.value(row, col), 4)));
    if (!m.hasTerms()) return;
    m_termsMap = index;
    m_terms->showCell(m, mapName(index), row, col);
    m_maps->markCell(index, row, col);
}

void ExplainPanel::fillTargets() {
    // The classes are the model's: known once a frame has arrived.
    const QSignalBlocker block(m_targetCombo);
    m_targetCombo->clear();
    const QString predicted =
        m_frame.predicted >= 0 ? tr("Predicted class (%1)").arg(explainClassName(m_frame, m_frame.predicted))
                               : tr("Predicted class");
    m_targetCombo->addItem(predicted, -1);
    for (int c = 0; c < m_frame.classNames.size(); ++c) {
        const QString p = c < m_frame.probabilities.size()
                              ? QStringLiteral(" — %1 %").arg(100.0 * m_frame.probabilities[c], 0, 'f', 1)
                              : QString();
        m_targetCombo->addItem(m_frame.classNames[c] + p, c);
    }
    // A restored target is kept until the model's classes are known.
    if (m_target >= 0 && m_target >= m_frame.classNames.size()) {
        m_targetCombo->addItem(tr("class %1").arg(m_target), m_target);
    }
    m_targetCombo->setCurrentIndex(std::max(0, m_targetCombo->findData(m_target)));
}

void ExplainPanel::clearFrame() {
    m_frame = ExplainFrame();
    m_header->setText(tr("<b>Model</b> none chosen yet"));
    m_prediction->clear();
    m_maps->clear();
    m_terms->clear(explainHoverHint());
    Q_EMIT capabilitiesChanged();
}

void ExplainPanel::showMessage(const QString& text, bool error) {
    m_error = error && !text.isEmpty();
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
    QPalette p = palette();
    if (error) p.setColor(QPalette::WindowText, kExplainErrorText);
    m_message->setPalette(p);
}

QString ExplainPanel::mapName(int index) const {
    if (index < 0 || index >= m_frame.mapCount()) return {};
    const ExplainMap& m = m_frame.map(index);
    if (!m.atLayer) return m.title;
    const QString at = tr("%1 at %2").arg(m.title, m.layer);
    return index < m_frame.methods.size() ? at : tr("%1 (layer strip)").arg(at);
}

bool ExplainPanel::canExport() const {
    return !m_frame.isEmpty();
}

QString ExplainPanel::exportNameFilters() const {
    return tr(
        "PNG image of the overlays (*.png);;PNG of the selected map over the image (*.overlay.png);;"
        "PNG of the selected map alone (*.map.png);;CSV of the selected map (*.csv)");
}

QString ExplainPanel::exportBaseName() const {
    if (m_frame.isEmpty()) return QStringLiteral("explain");
    const ExplainMap& m = m_frame.map(std::min(m_selectedMap, m_frame.mapCount() - 1));
    QString name = QStringLiteral("explain-%1").arg(m.method);
    if (!m.layer.isEmpty()) name += QLatin1Char('-') + m.layer;
    return name;
}

QString ExplainPanel::exportTo(const QString& path) {
    if (m_frame.isEmpty()) return tr("There are no attribution maps to export yet.");
    if (QFileInfo(path).suffix().compare(QLatin1String("csv"), Qt::CaseInsensitive) == 0)
        return writeMapCsv(m_frame.map(std::min(m_selectedMap, m_frame.mapCount() - 1)), path);
    const ExplainMap& selected = m_frame.map(std::min(m_selectedMap, m_frame.mapCount() - 1));
    const ExplainPng kind = explainPngKind(path);
    const QImage picture = kind == ExplainPng::MapAlone  ? mapAlonePicture(selected)
                           : kind == ExplainPng::Overlay ? selected.overlay
                                                         : imageToCopy();
    if (!picture.save(path, "PNG")) return tr("Could not write %1.").arg(path);
    return {};
}

QImage ExplainPanel::imageToCopy() const {
    if (m_frame.isEmpty()) return {};
    return m_maps->picture();
}

}  // namespace convscope::gui
