#pragma once

#include <QImage>
#include <QPoint>
#include <QPointF>
#include <QRect>
#include <QSize>
#include <QStackedWidget>
#include <QString>

#include "app/gui/filters/display_legend.h"

class QScrollArea;

namespace convscope::widgets {
class ColorBar;
class ImageView;
class TileGridView;
class ViewSync;
}  // namespace convscope::widgets

namespace convscope::gui {

/// The centre of the Filters panel, one page per view mode: original and result side by side (zoom and
/// pan linked, with a colour bar when the display mapping needs explaining), one split view, and the grid
/// of every preset's result. Page indices follow FiltersPanel::ViewMode.
///
/// A preview result may be smaller than the image (computed on a reduced copy). The result view then shows
/// it at its own resolution while this class keeps it aligned with the original: zoom and pan are linked
/// through the scale factor, and hovered pixels and highlights are translated to image pixels. Only the
/// visible page's views receive a new result; the others catch up when their page is shown.
class FilterViewStack : public QStackedWidget {
    Q_OBJECT
public:
    explicit FilterViewStack(QWidget* parent = nullptr);

    void setOriginal(const QImage& image);
    /// `image` covers the whole image of `imageSize` pixels, at that or a smaller resolution.
    void setResult(const QImage& image, const QString& caption, const QSize& imageSize);
    void clearResult();
    void setLegend(const DisplayLegend& legend);
    /// Kernel footprint in image pixels on every image view; an empty rect removes it.
    void setHighlight(const QRect& rect);
    void setPlaceholderText(const QString& text);
    void setSplitPosition(double fraction);
    double splitPosition() const;
    /// Zoom of the image views in screen pixels per image pixel, for the status bar.
    double zoom() const;

    widgets::ImageView* originalView() const { return m_original; }
    widgets::ImageView* resultView() const { return m_result; }
    widgets::ImageView* splitView() const { return m_split; }
    widgets::TileGridView* tileGrid() const { return m_tiles; }
    widgets::ColorBar* colorBar() const { return m_colorBar; }

public Q_SLOTS:
    void zoomIn();
    void zoomOut();
    void zoomToFit();
    void zoomActualSize();

Q_SIGNALS:
    /// Image pixel under the cursor in any image view, (-1, -1) when it left the image.
    void hoveredPixel(QPoint pixel);
    /// The zoom of the visible page's image views changed, or another page with image views was shown.
    /// Never emitted for the all-filters grid, which has no zoom factor.
    void zoomChanged(double zoom);
    void splitPositionChanged(double fraction);
    void tileActivated(int index);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    /// Result pixels per image pixel: 1 for full results, below 1 for a reduced preview.
    double resultScale() const;
    void showResultOnPage(int page);
    void followOriginal();
    void onResultViewChanged(double zoom, const QPointF& center);
    void onResultHover(const QPoint& pixel);
    void scaleTiles(double factor);
    void setTileWidth(int width);

    widgets::ImageView* m_original = nullptr;
    widgets::ImageView* m_result = nullptr;
    widgets::ImageView* m_split = nullptr;
    widgets::ColorBar* m_colorBar = nullptr;
    widgets::TileGridView* m_tiles = nullptr;
    QScrollArea* m_tilesScroll = nullptr;
    widgets::ViewSync* m_sync = nullptr;
    QImage m_resultImage;
    QString m_resultCaption;
    QSize m_imageSize;
    QRect m_highlight;
    QPoint m_lastResultHover{-1, -1};
    bool m_resultPageStale[2] = {false, false};
    bool m_followingOriginal = false;
    int m_tileWidth = 0;
};

}  // namespace convscope::gui
