#pragma once

#include <QGraphicsItem>
#include <QPainterPath>
#include <memory>

#include "widgets/diagram/diagram_layout.h"
#include "widgets/diagram/diagram_value_overlay.h"

namespace convscope::widgets {

/// What the diagram's items paint from, shared by all of them (one layout, one set of fonts, the values the
/// boxes are coloured by when the view has any).
struct DiagramPaintData {
    DiagramLayout layout;
    DiagramFonts fonts;
    DiagramValueOverlay overlay;
};

/// One box: an operation with its folded tags, a merge circle or a collapsed scope. Custom painting (no
/// child text items) keeps a 500-box scene cheap to build and draw; text is left out when zoomed far out.
class DiagramBoxItem : public QGraphicsItem {
public:
    enum { Type = UserType + 0x0D1 };
    DiagramBoxItem(std::shared_ptr<const DiagramPaintData> data, int box);

    int type() const override { return Type; }
    int box() const { return m_box; }
    const DiagramBox& data() const { return m_data->layout.boxes[m_box]; }
    /// The node under `scenePos`: a tag's node on its chip, the boxed node elsewhere.
    int nodeAt(const QPointF& scenePos) const;
    bool handleAt(const QPointF& scenePos) const;
    void setMarked(bool marked);

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

protected:
    void hoverEnterEvent(QGraphicsSceneHoverEvent* event) override;
    void hoverLeaveEvent(QGraphicsSceneHoverEvent* event) override;

private:
    void paintMerge(QPainter* painter, bool text) const;

    std::shared_ptr<const DiagramPaintData> m_data;
    int m_box;
    bool m_marked = false;
    bool m_hover = false;
};

/// One connection, with its arrowhead; highlighted under the mouse (its hit area is wider than the line).
class DiagramEdgeItem : public QGraphicsItem {
public:
    enum { Type = UserType + 0x0D2 };
    DiagramEdgeItem(std::shared_ptr<const DiagramPaintData> data, int edge);

    int type() const override { return Type; }
    int edge() const { return m_edge; }
    const DiagramEdge& data() const { return m_data->layout.edges[m_edge]; }
    bool isHovered() const { return m_hover; }
    /// Drawn in the selection colour: it enters or leaves the selected box.
    void setMarked(bool marked);

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

protected:
    void hoverEnterEvent(QGraphicsSceneHoverEvent* event) override;
    void hoverLeaveEvent(QGraphicsSceneHoverEvent* event) override;

private:
    std::shared_ptr<const DiagramPaintData> m_data;
    int m_edge;
    QRectF m_bounds;
    mutable QPainterPath m_shape;  // stroked lazily: only hit tests need it
    bool m_marked = false;
    bool m_hover = false;
};

/// An expanded scope's rounded frame with its title and, for stages and blocks, the "−" handle.
class DiagramFrameItem : public QGraphicsItem {
public:
    enum { Type = UserType + 0x0D3 };
    DiagramFrameItem(std::shared_ptr<const DiagramPaintData> data, int frame);

    int type() const override { return Type; }
    int frame() const { return m_frame; }
    const DiagramFrame& data() const { return m_data->layout.frames[m_frame]; }
    bool handleAt(const QPointF& scenePos) const;
    void setMarked(bool marked);

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    std::shared_ptr<const DiagramPaintData> m_data;
    int m_frame;
    bool m_marked = false;
};

/// The box at `scenePos`, or null.
DiagramBoxItem* diagramBoxAt(const QGraphicsScene* scene, const QPointF& scenePos);
/// The topmost edge whose hit area holds `scenePos`, or null.
DiagramEdgeItem* diagramEdgeAt(const QGraphicsScene* scene, const QPointF& scenePos);
/// The innermost frame holding `scenePos`; with `headerOnly`, only when the point is on its header.
DiagramFrameItem* diagramFrameAt(const QGraphicsScene* scene, const QPointF& scenePos, bool headerOnly);

}  // namespace convscope::widgets
