#include "app/gui/features/feature_maps_panel.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollArea>
#include <QSplitter>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

#include "app/gui/document/image_document.h"
#include "app/gui/features/equivariance_page.h"
#include "app/gui/features/feature_channel_view.h"
#include "app/gui/features/feature_kernel_box.h"
#include "app/gui/features/feature_maps_controller.h"
#include "app/gui/features/feature_maps_panel_state.h"
#include "app/gui/features/feature_prediction_box.h"
#include "app/gui/features/feature_source_box.h"
#include "app/gui/features/feature_tap_table.h"
#include "app/gui/imported/imported_model_store.h"
#include "app/gui/support/asset_paths.h"

namespace convscope::gui {

namespace {
// Live frames arrive about once a second; repainting 64 tiles more often than this only costs the GUI.
constexpr int kLiveRepaintMs = 250;
const QColor kErrorText(170, 30, 30);
// LeNet-5 trained on Fashion-MNIST (assets/README.md says how it was made).
const QString kBundledModel = QStringLiteral("models/lenet5_fashion_mnist.ckpt");
}  // namespace

FeatureMapsPanel::FeatureMapsPanel(const ImageDocument* document, QWidget* parent)
    : Panel(parent), m_document(document) {
    setObjectName(QStringLiteral("featureMapsPanel"));
    m_source = new FeatureSourceBox;
    m_prediction = new FeaturePredictionBox;
    m_kernels = new FeatureKernelBox;
    auto* side = new QWidget;
    side->setObjectName(QStringLiteral("featureSide"));
    auto* sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(0, 0, 0, 0);
    sideLayout->addWidget(m_source);
    sideLayout->addWidget(m_prediction);
    sideLayout->addWidget(m_kernels, 1);
    // A short window scrolls the side column rather than squeezing its wrapped texts.
    auto* sideScroll = new QScrollArea;
    sideScroll->setWidget(side);
    sideScroll->setWidgetResizable(true);
    sideScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    sideScroll->setFrameShape(QFrame::NoFrame);
    sideScroll->setMinimumWidth(340);
    sideScroll->setMaximumWidth(440);

    m_header = new QLabel;
    m_header->setObjectName(QStringLiteral("featureHeader"));
    m_header->setWordWrap(true);
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message = new QLabel;
    m_message->setObjectName(QStringLiteral("featureMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setVisible(false);
    m_taps = new FeatureTapTable;
    m_channelView = new FeatureChannelView;
    auto* main = new QWidget;
    auto* mainLayout = new QVBoxLayout(main);
    mainLayout->setContentsMargins(0, 0, 0, 0);
    // The header and messages beside the table: a long conversion text or error then never moves the views.
    auto* notes = new QVBoxLayout;
    notes->addWidget(m_header);
    notes->addWidget(m_message);
    notes->addStretch(1);
    auto* top = new QHBoxLayout;
    top->addWidget(m_taps, 0, Qt::AlignTop);
    top->addLayout(notes, 1);
    mainLayout->addLayout(top);
    mainLayout->addWidget(m_channelView, 1);

    m_splitter = new QSplitter(Qt::Horizontal);
    m_splitter->setObjectName(QStringLiteral("featureSplitter"));
    m_splitter->addWidget(sideScroll);
    // Beside the channels, how the maps move when the image moves (same model and image).
    m_equivariance = new EquivariancePage;
    m_tabs = new QTabWidget;
    m_tabs->setObjectName(QStringLiteral("featureTabs"));
    m_tabs->addTab(main, tr("Channels"));
    m_tabs->addTab(m_equivariance, tr("Shift and equivariance"));
    m_splitter->addWidget(m_tabs);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setChildrenCollapsible(false);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_splitter);

    m_compute = new FeatureMapsController(this);
    // Several choices often change together (a checkpoint and the model source); they make one request.
    m_requestTimer = new QTimer(this);
    m_requestTimer->setSingleShot(true);
    m_requestTimer->setInterval(0);
    m_liveTimer = new QTimer(this);
    m_liveTimer->setSingleShot(true);
    m_liveTimer->setInterval(kLiveRepaintMs);
    connect(m_requestTimer, &QTimer::timeout, this, &FeatureMapsPanel::sendRequest);
    connect(m_liveTimer, &QTimer::timeout, this, &FeatureMapsPanel::showLive);
    connect(m_source, &FeatureSourceBox::changed, this, &FeatureMapsPanel::scheduleRequest);
    connect(m_source, &FeatureSourceBox::importFailed, this,
            [this](const QString& m) { showMessage(m, true); });
    connect(m_source, &FeatureSourceBox::modelImported, this, &FeatureMapsPanel::modelImported);
    connect(m_compute, &FeatureMapsController::ready, this, &FeatureMapsPanel::onReady);
    connect(m_compute, &FeatureMapsController::failed, this, &FeatureMapsPanel::onFailed);
    connect(m_taps, &FeatureTapTable::tapSelected, this, &FeatureMapsPanel::showTap);
    connect(m_kernels, &FeatureKernelBox::openKernelInFrequency, this,
            &FeatureMapsPanel::openKernelInFrequency);
    if (document) {
        connect(document, &ImageDocument::imageChanged, this, [this] {
            if (m_source->image() == FeatureSourceBox::Image::OpenImage) scheduleRequest();
        });
    }
    clearFrame();
    scheduleRequest();
}

FeatureMapsPanel::~FeatureMapsPanel() = default;

QString FeatureMapsPanel::title() const {
    return tr("Feature maps");
}

void FeatureMapsPanel::saveState() const {
    FeatureMapsPanelState state;
    state.openImage = m_source->image() == FeatureSourceBox::Image::OpenImage;
    state.testIndex = m_source->testIndex();
    state.checkpoint = checkpoint();
    const int tap = selectedTap();
    state.tap = tap >= 0 && tap < m_frame.taps.size() ? m_frame.taps[tap].name : QString();
    state.channel = selectedChannel();
    state.splitter = m_splitter->saveState();
    state.save();
}

void FeatureMapsPanel::restoreState() {
    const FeatureMapsPanelState state = FeatureMapsPanelState::load();
    m_source->setImage(state.openImage ? FeatureSourceBox::Image::OpenImage
                                       : FeatureSourceBox::Image::TestImage);
    m_source->setTestIndex(state.testIndex);
    // A first start opens the pretrained model that ships with the application (when it is installed).
    const QString model = state.checkpoint ? *state.checkpoint : assetPath(kBundledModel);
    if (!model.isEmpty()) setCheckpoint(model);
    m_restoreTap = state.tap;
    m_restoreChannel = state.channel;
    m_splitter->restoreState(state.splitter);
}

void FeatureMapsPanel::showLiveFrame(const FeatureFrame& frame) {
    m_live = frame;
    m_hasLive = true;
    if (m_source->model() == FeatureSourceBox::Model::Live && !m_liveTimer->isActive()) m_liveTimer->start();
}

void FeatureMapsPanel::setLiveAvailable(bool available) {
    if (available == m_source->isLiveAvailable()) return;
    if (available) m_hasLive = false;  // a new run: the old run's frames are not its frames
    m_source->setLiveAvailable(available);
    if (available && checkpoint().isEmpty()) m_source->setModel(FeatureSourceBox::Model::Live);
}

void FeatureMapsPanel::setCheckpoint(const QString& path) {
    m_source->setCheckpointPath(path);
}

QString FeatureMapsPanel::checkpoint() const {
    return m_source->checkpointPath();
}

void FeatureMapsPanel::setDataDirectory(const QString& directory) {
    if (directory == m_dataDirectory) return;
    m_dataDirectory = directory;
    if (m_source->image() == FeatureSourceBox::Image::TestImage) scheduleRequest();
}

void FeatureMapsPanel::selectTestImage(int index) {
    m_source->setImage(FeatureSourceBox::Image::TestImage);
    m_source->setTestIndex(index);
}

int FeatureMapsPanel::selectedTestIndex() const {
    return m_source->testIndex();
}

bool FeatureMapsPanel::isComputing() const {
    return m_requestTimer->isActive() || m_compute->isBusy();
}

QString FeatureMapsPanel::message() const {
    return m_message->isVisible() ? m_message->text() : QString();
}

int FeatureMapsPanel::selectedTap() const {
    return m_taps->selectedTap();
}

void FeatureMapsPanel::selectTap(int index) {
    m_taps->selectTap(index);
}

bool FeatureMapsPanel::selectTapNamed(const QString& name) {
    for (int i = 0; i < m_frame.taps.size(); ++i) {
        if (m_frame.taps[i].name != name) continue;
        selectTap(i);
        return true;
    }
    return false;
}

int FeatureMapsPanel::selectedChannel() const {
    return m_channelView->selectedChannel();
}

void FeatureMapsPanel::selectChannel(int index) {
    m_channelView->selectChannel(index);
}

widgets::TileGridView* FeatureMapsPanel::channelGrid() const {
    return m_channelView->grid();
}

widgets::HeatmapView* FeatureMapsPanel::channelHeatmap() const {
    return m_channelView->heatmap();
}

void FeatureMapsPanel::scheduleRequest() {
    m_requestTimer->start();
}

void FeatureMapsPanel::showEvent(QShowEvent* event) {
    Panel::showEvent(event);
    if (m_requestWhenShown) scheduleRequest();
}

void FeatureMapsPanel::sendRequest() {
    if (m_source->model() == FeatureSourceBox::Model::Live || checkpoint().isEmpty())
        m_equivariance->setUnavailable(
            tr("Shifts are measured on a saved model: choose a checkpoint, a zoo "
               "model or an imported model."));
    if (m_source->model() == FeatureSourceBox::Model::Live) {
        if (m_hasLive) {
            showLive();
        } else {
            clearFrame();
            showMessage(tr("Waiting for the first feature maps of the run being trained…"), false);
        }
        return;
    }
    if (checkpoint().isEmpty()) {
        // The last live frame stays worth reading after the run has ended.
        if (!m_frameIsLive) clearFrame();
        showMessage(tr("Choose a checkpoint file (Browse…) to look inside a trained model, or start a run in "
                       "the Training panel to watch it learn."),
                    false);
        return;
    }
    // Loading a model and the test set is work for a thread: a hidden panel does it when it is shown.
    if (!isVisible()) {
        m_requestWhenShown = true;
        return;
    }
    m_requestWhenShown = false;
    FeatureMapsRequest request;
    request.checkpointPath = checkpoint();
    request.imported = ImportedModelStore::optionsFor(request.checkpointPath);
    request.dataDirectory = m_dataDirectory;
    if (m_source->image() == FeatureSourceBox::Image::TestImage) {
        request.testIndex = m_source->testIndex();
    } else if (m_document && !m_document->isEmpty()) {
        request.image = m_document->pixels();
        request.imageName = m_document->displayName();
    }
    // An empty image goes to the worker too: its refusal is the panel's one sentence for it.
    m_pendingCheckpoint = request.checkpointPath;
    m_compute->request(request);
    m_equivariance->setSource(request);
    showMessage(tr("Running the image through the model…"), false);
}

void FeatureMapsPanel::onReady(const FeatureFrame& frame) {
    m_frameCheckpoint = m_pendingCheckpoint;
    if (m_source->model() == FeatureSourceBox::Model::Live) return;  // the user switched meanwhile
    display(frame, false);
    showMessage({}, false);
    if (m_source->image() == FeatureSourceBox::Image::OpenImage) m_source->setConversionText(frame.source);
    Q_EMIT statusMessage(tr("Feature maps of %1").arg(frame.source), 4000);
}

void FeatureMapsPanel::onFailed(const QString& message) {
    if (m_source->model() == FeatureSourceBox::Model::Live) return;
    // Old maps beside a new error would pass for the new model's: clear them.
    clearFrame();
    m_source->setConversionText({});
    showMessage(message, true);
    Q_EMIT statusMessage(message, 6000);
}

void FeatureMapsPanel::showLive() {
    if (m_source->model() != FeatureSourceBox::Model::Live || !m_hasLive) return;
    display(m_live, true);
    showMessage({}, false);
    m_source->setLiveImageText(tr("The Training panel chooses the image: %1.").arg(m_live.source));
}

void FeatureMapsPanel::selectOnceShown(const QString& name, int channel) {
    m_restoreTap = name;
    m_restoreChannel = channel;
}

void FeatureMapsPanel::display(const FeatureFrame& frame, bool live) {
    m_frame = frame;
    m_frameIsLive = live;
    m_header->setText(tr("<b>Model</b><br>%1<br><b>Image</b><br>%2")
                          .arg(frame.modelSource.toHtmlEscaped(), frame.source.toHtmlEscaped()));
    m_taps->setTaps(frame.taps);
    if (!m_restoreTap.isEmpty()) {
        for (int i = 0; i < frame.taps.size(); ++i)
            if (frame.taps[i].name == m_restoreTap) m_taps->selectTap(i);
        m_restoreTap.clear();
    }
    showTap(m_taps->selectedTap());
    if (m_restoreChannel >= 0) {
        m_channelView->selectChannel(m_restoreChannel);
        m_restoreChannel = -1;
    }
    m_prediction->setFrame(frame);
    QString origin;
    if (frame.step >= 0)
        origin = tr("step %1").arg(frame.step);
    else if (!live)
        origin = QFileInfo(m_frameCheckpoint).fileName();
    m_kernels->setKernels(frame.firstLayerKernels, origin);
}

void FeatureMapsPanel::clearFrame() {
    m_frame = FeatureFrame();
    m_frameIsLive = false;
    m_header->setText(tr("<b>Model</b> none chosen yet"));
    m_taps->setTaps({});
    m_channelView->clear();
    m_prediction->clear();
    m_kernels->clear();
}

void FeatureMapsPanel::showTap(int index) {
    if (index < 0 || index >= m_frame.taps.size()) {
        m_channelView->clear();
        return;
    }
    m_channelView->setTap(m_frame.taps[index], m_frame.classNames);
}

void FeatureMapsPanel::showMessage(const QString& text, bool error) {
    m_error = error && !text.isEmpty();
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
    QPalette p = palette();
    if (error) p.setColor(QPalette::WindowText, kErrorText);
    m_message->setPalette(p);
}

}  // namespace convscope::gui
