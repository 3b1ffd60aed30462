#pragma once

#include <QImage>
#include <QString>
#include <QVector>
#include <QWidget>

namespace convscope::widgets {

struct Tile {
    QImage image;
    QString title;     ///< e.g. "Sobel X"
    QString subtitle;  ///< e.g. "min −1020 · max 1020"; one line per '\n' (every tile gets the room of the
                       ///< longest)
};

/// A grid of labelled image tiles (the "all filters" view): as many columns as fit, every tile the same size
/// and keeping its image's aspect ratio, titles drawn below the images. Clicking a tile emits its index.
/// Lives inside a QScrollArea when the tiles do not fit vertically. Keyboard: arrow keys move the focus
/// between tiles, Enter or Space activates the focused one.
class TileGridView : public QWidget {
    Q_OBJECT
public:
    explicit TileGridView(QWidget* parent = nullptr);

    void setTiles(const QVector<Tile>& tiles);
    /// Replaces one tile (results arrive one by one).
    void setTile(int index, const Tile& tile);
    int tileCount() const { return m_tiles.size(); }
    const Tile& tile(int index) const { return m_tiles.at(index); }
    /// Widget rectangle of a tile's image area, for tests.
    QRect tileRect(int index) const;
    void setTileWidth(int pixels);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;

Q_SIGNALS:
    void tileActivated(int index);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    bool event(QEvent* event) override;  // per-tile tooltips

private:
    int columnsFor(int width) const;
    int imageHeight() const;
    int textHeight() const;
    /// Lines of the tallest subtitle: every tile gets that room, so the grid stays aligned.
    int subtitleLines() const;
    int tileHeight() const { return imageHeight() + textHeight(); }
    int gridLeft() const;
    QRect tileBox(int index) const;
    int tileAt(const QPoint& pos) const;
    const QImage& thumbnail(int index, const QSize& deviceSize);
    void setHovered(int index);

    QVector<Tile> m_tiles;
    QVector<QImage> m_thumbnails;
    int m_tileWidth = 220;
    int m_hovered = -1;
    int m_pressed = -1;
    int m_current = 0;
};

}  // namespace convscope::widgets
