#include "app/gui/explain/error_analysis_view.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QScrollArea>
#include <QSplitter>
#include <QTimer>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "app/gui/explain/error_analysis_controller.h"
#include "app/gui/imported/imported_model_store.h"
#include "widgets/image/tile_grid_view.h"

namespace convscope::gui {

namespace {
const QColor kErrorAnalysisErrorText(170, 30, 30);
constexpr int kErrorTileWidth = 176;
constexpr int kErrorDefaultClasses = 10;  // Fashion-MNIST's, until a frame names the model's

QString errorPercent(double share) {
    return QStringLiteral("%1 %").arg(100.0 * share, 0, 'f', 1);
}

QToolButton* errorModeButton(const QString& text, const QString& name, const QString& tip) {
    auto* b = new QToolButton;
    b->setText(text);
    b->setObjectName(name);
    b->setToolTip(tip);
    b->setCheckable(true);
    b->setAutoRaise(false);
    b->setToolButtonStyle(Qt::ToolButtonTextOnly);
    return b;
}
}  // namespace

ErrorAnalysisView::ErrorAnalysisView(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("errorAnalysisView"));
    m_cellButton =
        errorModeButton(tr("Images of a cell"), QStringLiteral("errorModeCell"),
                        tr("The test images of one confusion-matrix cell: a true class taken for another"));
    m_lossButton =
        errorModeButton(tr("Top losses"), QStringLiteral("errorModeLosses"),
                        tr("The test images the model is most wrong about (highest cross-entropy loss)"));
    m_modeGroup = new QButtonGroup(this);
    m_modeGroup->setExclusive(true);
    m_modeGroup->addButton(m_cellButton);
    m_modeGroup->addButton(m_lossButton);
    m_trueCombo = new QComboBox;
    m_trueCombo->setObjectName(QStringLiteral("errorTrueClass"));
    m_trueCombo->setAccessibleName(tr("True class"));
    m_predictedCombo = new QComboBox;
    m_predictedCombo->setObjectName(QStringLiteral("errorPredictedClass"));
    m_predictedCombo->setAccessibleName(tr("Predicted class"));
    // The class names arrive with the first frame: the combo boxes grow to them.
    m_trueCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_predictedCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_cellChooser = new QWidget;
    auto* chooser = new QHBoxLayout(m_cellChooser);
    chooser->setContentsMargins(12, 0, 0, 0);
    chooser->addWidget(new QLabel(tr("true")));
    chooser->addWidget(m_trueCombo);
    chooser->addWidget(new QLabel(tr("→ predicted")));
    chooser->addWidget(m_predictedCombo);
    auto* bar = new QHBoxLayout;
    bar->setSpacing(0);
    bar->addWidget(m_cellButton);
    bar->addWidget(m_lossButton);
    bar->addWidget(m_cellChooser);
    bar->addStretch(1);

    m_header = new QLabel;
    m_header->setObjectName(QStringLiteral("errorHeader"));
    m_header->setTextFormat(Qt::RichText);
    m_count = new QLabel;
    m_count->setObjectName(QStringLiteral("errorCount"));
    m_count->setWordWrap(true);
    m_message = new QLabel;
    m_message->setObjectName(QStringLiteral("errorMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setVisible(false);
    m_gallery = new widgets::TileGridView;
    m_gallery->setObjectName(QStringLiteral("errorGallery"));
    m_gallery->setTileWidth(kErrorTileWidth);
    m_gallery->setAccessibleName(tr("Test images with Grad-CAM overlays"));
    auto* galleryScroll = new QScrollArea;
    galleryScroll->setWidget(m_gallery);
    galleryScroll->setWidgetResizable(true);
    galleryScroll->setFrameShape(QFrame::NoFrame);
    auto* left = new QWidget;
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addLayout(bar);
    leftLayout->addWidget(m_header);
    leftLayout->addWidget(m_count);
    leftLayout->addWidget(m_message);
    leftLayout->addWidget(galleryScroll, 1);

    m_pairs = new QTreeWidget;
    m_pairs->setObjectName(QStringLiteral("errorPairs"));
    m_pairs->setRootIsDecorated(false);
    m_pairs->setUniformRowHeights(true);
    m_pairs->setAlternatingRowColors(true);
    m_pairs->setHeaderLabels({tr("True → predicted"), tr("Images"), tr("Of true")});
    m_pairs->headerItem()->setToolTip(2, tr("The share of the true class's test images taken for the other"));
    m_pairs->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_pairs->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_pairs->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_pairs->header()->setStretchLastSection(false);
    m_pairs->setToolTip(tr("Click a pair to see its test images"));
    auto* pairsTitle = new QLabel(tr("<b>Most confused pairs</b>"));
    auto* pairsHint = new QLabel(tr("Click a pair to see its images."));
    pairsHint->setWordWrap(true);
    m_summary = new QLabel;
    m_summary->setObjectName(QStringLiteral("errorSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* right = new QWidget;
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(pairsTitle);
    rightLayout->addWidget(pairsHint);
    rightLayout->addWidget(m_pairs, 1);
    rightLayout->addWidget(m_summary);
    right->setMinimumWidth(260);

    auto* splitter = new QSplitter(Qt::Horizontal);
    splitter->setObjectName(QStringLiteral("errorSplitter"));
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 1);
    splitter->setChildrenCollapsible(false);
    splitter->setSizes({900, 320});
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addWidget(splitter);

    m_compute = new ErrorAnalysisController(this);
    // A checkpoint, a folder and a cell often change together (a click in the Training panel): one request.
    m_requestTimer = new QTimer(this);
    m_requestTimer->setSingleShot(true);
    m_requestTimer->setInterval(0);
    connect(m_requestTimer, &QTimer::timeout, this, &ErrorAnalysisView::sendRequest);
    connect(m_cellButton, &QToolButton::clicked, this, [this] { showCell(m_trueClass, m_predictedClass); });
    connect(m_lossButton, &QToolButton::clicked, this, &ErrorAnalysisView::showTopLosses);
    const auto chosen = [this](int) {
        showCell(m_trueCombo->currentData().toInt(), m_predictedCombo->currentData().toInt());
    };
    connect(m_trueCombo, &QComboBox::activated, this, chosen);
    connect(m_predictedCombo, &QComboBox::activated, this, chosen);
    const auto openPair = [this](QTreeWidgetItem* item) {
        if (item) showCell(item->data(0, Qt::UserRole).toInt(), item->data(1, Qt::UserRole).toInt());
    };
    connect(m_pairs, &QTreeWidget::itemClicked, this, openPair);
    connect(m_pairs, &QTreeWidget::itemActivated, this, openPair);
    connect(m_gallery, &widgets::TileGridView::tileActivated, this, [this](int i) {
        if (i >= 0 && i < m_frame.tiles.size()) Q_EMIT testImageActivated(m_frame.tiles[i].index);
    });
    connect(m_compute, &ErrorAnalysisController::progress, this, &ErrorAnalysisView::onProgress);
    connect(m_compute, &ErrorAnalysisController::ready, this, &ErrorAnalysisView::onReady);
    connect(m_compute, &ErrorAnalysisController::failed, this, &ErrorAnalysisView::onFailed);
    fillClasses({});
    clearFrame();
    syncControls();
}

ErrorAnalysisView::~ErrorAnalysisView() = default;

void ErrorAnalysisView::setCheckpoint(const QString& path) {
    if (path == m_checkpoint) return;
    m_checkpoint = path;
    scheduleRequest();
}

void ErrorAnalysisView::setDataDirectory(const QString& directory) {
    if (directory == m_dataDirectory) return;
    m_dataDirectory = directory;
    scheduleRequest();
}

void ErrorAnalysisView::showCell(int trueClass, int predictedClass) {
    m_mode = ErrorMode::Cell;
    m_trueClass = std::max(0, trueClass);
    m_predictedClass = std::max(0, predictedClass);
    syncControls();
    scheduleRequest();
}

void ErrorAnalysisView::showTopLosses() {
    m_mode = ErrorMode::TopLosses;
    syncControls();
    scheduleRequest();
}

void ErrorAnalysisView::setMaxImages(int count) {
    m_maxImages = std::max(1, count);
    scheduleRequest();
}

bool ErrorAnalysisView::isComputing() const {
    return m_requestTimer->isActive() || m_compute->isBusy();
}

QString ErrorAnalysisView::message() const {
    return m_message->isVisible() ? m_message->text() : QString();
}

QString ErrorAnalysisView::countText() const {
    return m_count->text();
}

void ErrorAnalysisView::cancel() {
    m_compute->cancel();
}

void ErrorAnalysisView::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    if (m_requestWhenShown) scheduleRequest();
}

void ErrorAnalysisView::scheduleRequest() {
    m_requestTimer->start();
}

void ErrorAnalysisView::sendRequest() {
    if (m_checkpoint.isEmpty()) {
        clearFrame();
        showMessage(
            tr("Choose a checkpoint file (on the page “Explain one image”) to see which test images its "
               "model gets wrong."),
            false);
        return;
    }
    // A pass over the whole test set is work for a thread: a hidden page does it when it is shown.
    if (!isVisible()) {
        m_requestWhenShown = true;
        return;
    }
    m_requestWhenShown = false;
    ErrorAnalysisRequest request;
    request.checkpointPath = m_checkpoint;
    request.imported = ImportedModelStore::optionsFor(request.checkpointPath);
    request.dataDirectory = m_dataDirectory;
    request.mode = m_mode;
    request.trueClass = m_trueClass;
    request.predictedClass = m_predictedClass;
    request.maxImages = m_maxImages;
    m_compute->request(request);
    showMessage(tr("Looking through the test set…"), false);
}

void ErrorAnalysisView::onProgress(int done, int total, const QString& step) {
    const QLocale locale;
    showMessage(tr("%1: %2 of %3…").arg(step, locale.toString(done), locale.toString(total)), false);
}

void ErrorAnalysisView::onReady(const ErrorAnalysisFrame& frame) {
    m_frame = frame;
    showMessage({}, false);
    fillClasses(frame.classNames);
    fillPairs();
    syncControls();
    const ErrorAnalysisRequest& r = frame.request;
    const QLocale locale;
    const QString shown = locale.toString(qint64(frame.tiles.size()));
    if (r.mode == ErrorMode::Cell) {
        const QString t = frame.className(r.trueClass).toHtmlEscaped();
        m_header->setText(r.trueClass == r.predictedClass
                              ? tr("<b>%1</b> recognised as %1").arg(t)
                              : tr("<b>%1</b> taken for <b>%2</b>")
                                    .arg(t, frame.className(r.predictedClass).toHtmlEscaped()));
        m_count->setText(
            frame.matching == 0
                ? tr("No test image is in this cell.")
                : tr("showing %1 of %2 · most confident first · Grad-CAM for the predicted class at %3 "
                     "· click an image to explain it")
                      .arg(shown, locale.toString(frame.matching), frame.layer));
    } else {
        m_header->setText(tr("<b>Top losses</b>: the test images the model is most wrong about"));
        m_count->setText(
            tr("the %1 highest losses of %2 test images · Grad-CAM for the predicted class at %3 · "
               "click an image to explain it")
                .arg(shown, locale.toString(frame.matching), frame.layer));
    }
    QVector<widgets::Tile> tiles;
    for (const ErrorTile& e : frame.tiles) {
        // One fact a line: a tile is narrow, and an elided probability would hide the point.
        const QString subtitle =
            tr("true %1\npredicted %2\np %3 · loss %4")
                .arg(frame.className(e.label), frame.className(e.predicted), errorPercent(e.probability))
                .arg(e.loss, 0, 'f', 2);
        tiles.push_back({e.overlay, tr("#%1").arg(e.index), subtitle});
    }
    m_gallery->setTiles(tiles);
    m_summary->setText(
        tr("<b>Model</b> %1<br>Test accuracy %2 on %3 images, %4 errors.")
            .arg(frame.modelSource.toHtmlEscaped(), errorPercent(frame.accuracy),
                 locale.toString(frame.testCount))
            .arg(locale.toString(frame.testCount - qint64(std::llround(frame.accuracy * frame.testCount)))));
    Q_EMIT statusMessage(m_count->text(), 4000);
}

void ErrorAnalysisView::onFailed(const QString& message) {
    // An old gallery beside a new error would pass for the new model's: clear it.
    clearFrame();
    showMessage(message, true);
    Q_EMIT statusMessage(message, 6000);
}

void ErrorAnalysisView::fillClasses(const QStringList& names) {
    const int n = names.isEmpty() ? kErrorDefaultClasses : int(names.size());
    for (QComboBox* combo : {m_trueCombo, m_predictedCombo}) {
        const QSignalBlocker block(combo);
        combo->clear();
        for (int c = 0; c < n; ++c)
            combo->addItem(
                names.isEmpty() ? tr("class %1").arg(c) : QStringLiteral("%1 %2").arg(c).arg(names[c]), c);
    }
}

void ErrorAnalysisView::fillPairs() {
    const QSignalBlocker block(m_pairs);
    m_pairs->clear();
    for (const ErrorPair& p : m_frame.pairs) {
        auto* item = new QTreeWidgetItem(
            {tr("%1 → %2").arg(m_frame.className(p.trueClass), m_frame.className(p.predicted)),
             QLocale().toString(p.count), errorPercent(p.share)});
        item->setData(0, Qt::UserRole, p.trueClass);
        item->setData(1, Qt::UserRole, p.predicted);
        item->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
        item->setTextAlignment(2, Qt::AlignRight | Qt::AlignVCenter);
        item->setToolTip(0, tr("%1 of the %2 test images taken for %3: click to see them")
                                .arg(QLocale().toString(p.count), m_frame.className(p.trueClass),
                                     m_frame.className(p.predicted)));
        m_pairs->addTopLevelItem(item);
    }
}

void ErrorAnalysisView::syncControls() {
    m_cellButton->setChecked(m_mode == ErrorMode::Cell);
    m_lossButton->setChecked(m_mode == ErrorMode::TopLosses);
    m_cellChooser->setEnabled(m_mode == ErrorMode::Cell);
    for (const auto& [combo, c] :
         {std::pair{m_trueCombo, m_trueClass}, std::pair{m_predictedCombo, m_predictedClass}}) {
        const QSignalBlocker block(combo);
        // A class the combo does not list yet (the model's classes are known once a frame has arrived).
        if (combo->findData(c) < 0) combo->addItem(tr("class %1").arg(c), c);
        combo->setCurrentIndex(combo->findData(c));
    }
    // The pair on show is the current row; another cell or the top losses select none.
    const QSignalBlocker block(m_pairs);
    QTreeWidgetItem* current = nullptr;
    for (int i = 0; i < m_pairs->topLevelItemCount() && m_mode == ErrorMode::Cell; ++i) {
        QTreeWidgetItem* item = m_pairs->topLevelItem(i);
        if (item->data(0, Qt::UserRole).toInt() == m_trueClass &&
            item->data(1, Qt::UserRole).toInt() == m_predictedClass)
            current = item;
    }
    m_pairs->setCurrentItem(current);
    if (!current) m_pairs->clearSelection();
}

void ErrorAnalysisView::clearFrame() {
    m_frame = ErrorAnalysisFrame();
    m_header->setText(tr("<b>Errors across the test set</b>"));
    m_count->clear();
    m_gallery->setTiles({});
    m_pairs->clear();
    m_summary->clear();
}

void ErrorAnalysisView::showMessage(const QString& text, bool error) {
    m_error = error && !text.isEmpty();
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
    QPalette p = palette();
    if (error) p.setColor(QPalette::WindowText, kErrorAnalysisErrorText);
    m_message->setPalette(p);
}

}  // namespace convscope::gui
