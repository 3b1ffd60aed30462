#include "app/gui/filters/filter_view_stack.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QScrollArea>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

#include "widgets/image/image_view.h"
#include "widgets/image/tile_grid_view.h"
#include "widgets/image/view_sync.h"
#include "widgets/plot/color_bar.h"

namespace convscope::gui {

namespace {
constexpr int kDefaultTileWidth = 220;
constexpr int kSideBySidePage = 0;
constexpr int kSplitPage = 1;
constexpr int kAllFiltersPage = 2;
}  // namespace

FilterViewStack::FilterViewStack(QWidget* parent) : QStackedWidget(parent), m_tileWidth(kDefaultTileWidth) {
    setObjectName(QStringLiteral("filterViews"));

    m_original = new widgets::ImageView;
    m_original->setObjectName(QStringLiteral("originalView"));
    m_original->setCaption(tr("Original"));
    m_result = new widgets::ImageView;
    m_result->setObjectName(QStringLiteral("resultView"));
    m_result->setCaption(tr("Result"));
    m_result->installEventFilter(this);
    m_colorBar = new widgets::ColorBar;
    m_colorBar->setObjectName(QStringLiteral("colorBar"));
    m_colorBar->hide();
    auto* sideBySide = new QWidget;
    sideBySide->setObjectName(QStringLiteral("sideBySidePage"));
    auto* sideLayout = new QHBoxLayout(sideBySide);
    sideLayout->setContentsMargins(0, 0, 0, 0);
    sideLayout->setSpacing(4);
    sideLayout->addWidget(m_original, 1);
    sideLayout->addWidget(m_result, 1);
    sideLayout->addWidget(m_colorBar);
    addWidget(sideBySide);

    m_split = new widgets::ImageView;
    m_split->setObjectName(QStringLiteral("splitView"));
    m_split->setSplitEnabled(true);
    m_split->setSplitCaptions(tr("Original"), tr("Result"));
    addWidget(m_split);

    m_tiles = new widgets::TileGridView;
    m_tiles->setObjectName(QStringLiteral("tileGrid"));
    m_tilesScroll = new QScrollArea;
    m_tilesScroll->setObjectName(QStringLiteral("tilesScroll"));
    m_tilesScroll->setWidgetResizable(true);
    m_tilesScroll->setWidget(m_tiles);
    auto* tilesCaption =
        new QLabel(tr("Every preset with its default parameters and the current options, on a "
                      "copy of the image reduced to at most 512 pixels. Each tile is scaled "
                      "individually to its own range (signed results as |v| from 0 to their largest "
                      "|v|, the others from min to max): greys cannot be compared between tiles. Click a "
                      "tile to use that preset."));
    tilesCaption->setObjectName(QStringLiteral("tilesCaption"));
    tilesCaption->setWordWrap(true);
    tilesCaption->setContentsMargins(8, 4, 8, 4);
    auto* tilesPage = new QWidget;
    tilesPage->setObjectName(QStringLiteral("allFiltersPage"));
    auto* tilesLayout = new QVBoxLayout(tilesPage);
    tilesLayout->setContentsMargins(0, 0, 0, 0);
    tilesLayout->setSpacing(0);
    tilesLayout->addWidget(tilesCaption);
    tilesLayout->addWidget(m_tilesScroll, 1);
    addWidget(tilesPage);

    // The original and the split view always have the image's size, so the plain ViewSync links them
    // (switching pages keeps the place the user was looking at); the result view may hold a reduced
    // preview and is linked by hand through its scale.
    m_sync = new widgets::ViewSync(this);
    m_sync->addView(m_original);
    m_sync->addView(m_split);
    for (widgets::ImageView* view : {m_original, m_split}) {
        connect(view, &widgets::ImageView::hoveredPixel, this, &FilterViewStack::hoveredPixel);
        connect(view, &widgets::ImageView::viewChanged, this, [this](double, QPointF) { followOriginal(); });
        // Any zoom change counts (fitted views refit on resize), but a hidden view's changes would put a
        // zoom on the status bar that nobody sees: only the visible page's view speaks for it. The result
        // view follows the original, so the original speaks for the side-by-side page.
        const int page = view == m_original ? kSideBySidePage : kSplitPage;
        connect(view, &widgets::ImageView::zoomChanged, this, [this, page](double zoom) {
            if (currentIndex() == page) Q_EMIT zoomChanged(zoom);
        });
    }
    connect(m_result, &widgets::ImageView::viewChanged, this, &FilterViewStack::onResultViewChanged);
    connect(m_result, &widgets::ImageView::hoveredPixel, this, &FilterViewStack::onResultHover);
    connect(m_split, &widgets::ImageView::splitPositionChanged, this, &FilterViewStack::splitPositionChanged);
    connect(m_tiles, &widgets::TileGridView::tileActivated, this, &FilterViewStack::tileActivated);
    connect(this, &QStackedWidget::currentChanged, this, [this](int page) {
        showResultOnPage(page);
        if (page != kAllFiltersPage) Q_EMIT zoomChanged(zoom());
    });
}

void FilterViewStack::setOriginal(const QImage& image) {
    m_original->setImage(image);
    m_split->setImage(image);
}

void FilterViewStack::setResult(const QImage& image, const QString& caption, const QSize& imageSize) {
    m_resultImage = image;
    m_resultCaption = caption;
    m_imageSize = imageSize;
    m_resultPageStale[kSideBySidePage] = m_resultPageStale[kSplitPage] = true;
    showResultOnPage(currentIndex());
}

void FilterViewStack::clearResult() {
    setResult({}, tr("Result"), m_imageSize);
    m_colorBar->hide();
}

double FilterViewStack::resultScale() const {
    if (m_resultImage.isNull() || m_imageSize.width() <= 0) return 1.0;
    return static_cast<double>(m_resultImage.width()) / m_imageSize.width();
}

void FilterViewStack::showResultOnPage(int page) {
    if (page == kSideBySidePage && m_resultPageStale[page]) {
        m_resultPageStale[page] = false;
        m_result->setImage(m_resultImage);
        m_result->setCaption(m_resultCaption);
        setHighlight(m_highlight);
        followOriginal();
    } else if (page == kSplitPage && m_resultPageStale[page]) {
        // Both sides of the split share one coordinate system: a reduced preview cannot go there (the
        // panel asks for full-size previews while the split page is shown).
        if (!m_resultImage.isNull() && m_resultImage.size() != m_imageSize) return;
        m_resultPageStale[page] = false;
        m_split->setSecondaryImage(m_resultImage);
        m_split->setSplitCaptions(tr("Original"), m_resultCaption);
    }
}

void FilterViewStack::followOriginal() {
    if (m_resultImage.isNull() || m_followingOriginal) return;
    m_followingOriginal = true;
    const double s = resultScale();
    if (m_original->fitsWindow()) {
        m_result->zoomToFit();  // stays fitted when the window is resized, as the original does
    } else {
        m_result->setView(m_original->zoom() / s, m_original->center() * s);
    }
    m_followingOriginal = false;
}

void FilterViewStack::onResultViewChanged(double zoom, const QPointF& center) {
    if (m_followingOriginal) return;
    const double s = resultScale();
    m_original->setView(zoom * s, center / s);
    m_split->setView(zoom * s, center / s);
}

void FilterViewStack::onResultHover(const QPoint& pixel) {
    // For a reduced preview the event filter reports image pixels; only leaving the image comes from here.
    if (resultScale() != 1.0 && pixel != QPoint(-1, -1)) return;
    if (pixel == m_lastResultHover) return;
    m_lastResultHover = pixel;
    Q_EMIT hoveredPixel(pixel);
}

bool FilterViewStack::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_result && event->type() == QEvent::MouseMove && resultScale() != 1.0) {
        // A preview pixel covers several image pixels: translate the exact cursor position instead.
        const QPointF p =
            m_result->widgetToImage(static_cast<QMouseEvent*>(event)->position()) / resultScale();
        QPoint pixel(static_cast<int>(std::floor(p.x())), static_cast<int>(std::floor(p.y())));
        if (!QRect(QPoint(0, 0), m_imageSize).contains(pixel)) pixel = QPoint(-1, -1);
        if (pixel != m_lastResultHover) {
            m_lastResultHover = pixel;
            Q_EMIT hoveredPixel(pixel);
        }
    }
    return QStackedWidget::eventFilter(watched, event);
}

void FilterViewStack::setLegend(const DisplayLegend& legend) {
    if (legend.visible) {
        m_colorBar->setColors(legend.colors);
        m_colorBar->setRange(legend.low, legend.high, legend.label);
    }
    m_colorBar->setVisible(legend.visible);
}

void FilterViewStack::setHighlight(const QRect& rect) {
    m_highlight = rect;
    m_original->setHighlight(rect);
    m_split->setHighlight(rect);
    const double s = resultScale();
    m_result->setHighlight(
        s == 1.0 || rect.isEmpty()
            ? rect
            : QRectF(rect.x() * s, rect.y() * s, rect.width() * s, rect.height() * s).toAlignedRect());
}

void FilterViewStack::setPlaceholderText(const QString& text) {
    for (widgets::ImageView* view : {m_original, m_result, m_split}) view->setPlaceholderText(text);
}

void FilterViewStack::setSplitPosition(double fraction) {
    m_split->setSplitPosition(fraction);
}

double FilterViewStack::splitPosition() const {
    return m_split->splitPosition();
}

double FilterViewStack::zoom() const {
    return currentIndex() == kSplitPage ? m_split->zoom() : m_original->zoom();
}

// On the grid, zooming changes the tile size: the same gesture, the same meaning.
void FilterViewStack::setTileWidth(int width) {
    m_tileWidth = std::clamp(width, 96, 1024);
    m_tiles->setTileWidth(m_tileWidth);
}

void FilterViewStack::scaleTiles(double factor) {
    setTileWidth(static_cast<int>(std::lround(m_tileWidth * factor)));
}

void FilterViewStack::zoomIn() {
    if (currentIndex() == kSideBySidePage) m_original->zoomIn();
    if (currentIndex() == kSplitPage) m_split->zoomIn();
    if (currentIndex() == kAllFiltersPage) scaleTiles(1.25);
}

void FilterViewStack::zoomOut() {
    if (currentIndex() == kSideBySidePage) m_original->zoomOut();
    if (currentIndex() == kSplitPage) m_split->zoomOut();
    if (currentIndex() == kAllFiltersPage) scaleTiles(0.8);
}

void FilterViewStack::zoomToFit() {
    if (currentIndex() == kSideBySidePage) m_original->zoomToFit();
    if (currentIndex() == kSplitPage) m_split->zoomToFit();
    if (currentIndex() == kAllFiltersPage) setTileWidth(kDefaultTileWidth);
}

void FilterViewStack::zoomActualSize() {
    if (currentIndex() == kSideBySidePage) m_original->zoomActualSize();
    if (currentIndex() == kSplitPage) m_split->zoomActualSize();
    if (currentIndex() == kAllFiltersPage) setTileWidth(512);  // the grid's images are at most 512 wide
}

}  // namespace convscope::gui
