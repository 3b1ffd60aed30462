#pragma once

#include <QImage>
#include <QWidget>

#include "widgets/board/grid_board_frame.h"

class QTimer;

namespace convscope::widgets {

/// Shows a GridBoardFrame with GridBoardPainter. setFrame() only stores the frame and schedules a repaint on
/// a single-shot timer (at most ~60 Hz), so an animation can push frames faster than the screen refreshes.
/// Hovering a cell shows its plane, index and exact value in a tooltip; clicking emits cellClicked.
class GridBoardView : public QWidget {
    Q_OBJECT
public:
    explicit GridBoardView(QWidget* parent = nullptr);

    void setFrame(const GridBoardFrame& frame);
    const GridBoardFrame& frame() const { return m_frame; }
    /// The current frame rendered at `size` (or the widget's size when empty), for export and tests.
    QImage render(const QSize& size = {}) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

    /// The tooltip for the cell under `pos` ("Input (padded) row −1, col 2: 0 (padding)"); empty off the
    /// cells.
    QString toolTipAt(const QPoint& pos) const;
    /// Index into frame().channels.tiles of the channel tile under `pos`, or −1.
    int channelTileAt(const QPoint& pos) const;

Q_SIGNALS:
    void cellClicked(int plane, int row, int col);
    /// A channel tile of the summary strip was clicked: the input channel it stands for.
    void channelClicked(int channel);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;

private:
    GridBoardFrame m_frame;
    QTimer* m_repaint = nullptr;
    mutable QSize m_preferred;  ///< computed on demand; invalid after a change of the frame's shape
};

}  // namespace convscope::widgets
