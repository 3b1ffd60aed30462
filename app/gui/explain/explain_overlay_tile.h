#pragma once

#include <QImage>
#include <QString>
#include <QWidget>

namespace convscope::gui {

/// One attribution overlay with its title and display convention below it. Hovering reports the map cell
/// under the cursor (the overlay is the map upsampled over the input, so a cell covers a block of pixels);
/// the hovered cell is outlined, and a click selects the tile (for export).
class ExplainOverlayTile : public QWidget {
    Q_OBJECT
public:
    explicit ExplainOverlayTile(int side, QWidget* parent = nullptr);

    /// `rows` × `cols`: the raw map's cells that hovering resolves.
    void setPicture(const QImage& overlay, int rows, int cols, const QString& title, const QString& subtitle,
                    const QString& toolTip);
    void clear(const QString& title);
    void setSelected(bool selected);
    bool isSelected() const { return m_selected; }
    /// Outlines cell (row, col); (−1, −1) for none.
    void setMarkedCell(int row, int col);
    QString title() const { return m_title; }
    QString subtitle() const { return m_subtitle; }
    const QImage& picture() const { return m_image; }
    /// Where the overlay is drawn, in widget coordinates (for tests and for the cell under the cursor).
    QRect imageRect() const;
    /// The centre of cell (row, col) in widget coordinates.
    QPoint cellCenter(int row, int col) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override { return sizeHint(); }

Q_SIGNALS:
    void cellHovered(int row, int col);
    void clicked();

protected:
    void paintEvent(QPaintEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    int textHeight() const;
    int tileWidth() const;

    int m_side;
    QImage m_image;
    int m_rows = 0, m_cols = 0;
    QString m_title, m_subtitle;
    bool m_selected = false;
    int m_markRow = -1, m_markCol = -1;
    int m_hoverRow = -1, m_hoverCol = -1;
};

}  // namespace convscope::gui
