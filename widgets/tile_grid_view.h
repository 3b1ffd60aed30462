#pragma once

#include <QImage>
#include <QString>
#include <QVector>
#include <QWidget>

namespace convscope::widgets {

struct Tile {
    QImage image;
    QString title;     ///< e.g. "Sobel X"
    QString subtitle;  ///< e.g. "min −1020 · max 1020"
};

/// A grid of labelled image tiles (the "all filters" view): as many columns as fit, every tile the same size
/// and keeping its image's aspect ratio, titles drawn below the images. Clicking a tile emits its index.
/// Lives inside a QScrollArea when the tiles do not fit vertically.
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
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;

Q_SIGNALS:
    void tileActivated(int index);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    int columnsFor(int width) const;
    QVector<Tile> m_tiles;
    int m_tileWidth = 220;
};

}  // namespace convscope::widgets
