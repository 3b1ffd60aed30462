#include "widgets/diagram/diagram_items.h"

#include <QGraphicsScene>
#include <QPainter>
#include <QPainterPathStroker>
#include <QStyleOptionGraphicsItem>
#include <cmath>

#include "widgets/diagram/diagram_style.h"

namespace convscope::widgets {

namespace {
constexpr double kTextLod = 0.35;  // below this zoom text is too small to read: draw shapes only
constexpr double kArrow = 7;
constexpr double kEdgeWidth = 1.3;

double levelOfDetail(const QPainter* painter, const QStyleOptionGraphicsItem* option) {
    return option->levelOfDetailFromTransform(painter->worldTransform());
}

bool showText(const QPainter* painter, const QStyleOptionGraphicsItem* option) {
    return levelOfDetail(painter, option) >= kTextLod;
}

// Outlines stay one device pixel wide when zoomed far out, so that a fitted 150-layer net keeps its shape.
QPen outline(const QColor& color, double width, double lod, Qt::PenStyle style = Qt::SolidLine) {
    QPen pen(color, width, style, Qt::FlatCap, Qt::RoundJoin);
    if (width * lod < 1.0) {
        pen.setWidthF(1.0);
        pen.setCosmetic(true);
    }
    return pen;
}

// A square handle with "+" (expand) or "−" (collapse) drawn as lines: no font has to have the glyphs.
void paintHandle(QPainter* painter, const QRectF& r, bool plus) {
    painter->setPen(QPen(diagramPalette::kHandle, 1));
    painter->setBrush(Qt::white);
    painter->drawRoundedRect(r, 2, 2);
    const QPointF c = r.center();
    const double h = r.width() * 0.3;
    painter->setPen(QPen(diagramPalette::kHandle, 1.4));
    painter->drawLine(QPointF(c.x() - h, c.y()), QPointF(c.x() + h, c.y()));
    if (plus) painter->drawLine(QPointF(c.x(), c.y() - h), QPointF(c.x(), c.y() + h));
}

// Coloured by value: the value's colour with a darker border; no value: neutral grey, so that the coloured
// boxes stand out. Without values: the diagram's own colours.
DiagramBoxColors boxColors(const DiagramValueOverlay& overlay, double value, const DiagramBoxColors& own) {
    if (!overlay.isActive()) return own;
    const QColor fill = overlay.colorFor(value);
    if (!fill.isValid()) return {DiagramValueOverlay::neutralFill(), DiagramValueOverlay::neutralBorder()};
    return {fill, fill.darker(160)};
}

struct BoxInk {
    QColor text;
    QColor muted;
};

// Text stays readable on every colour of the scale: black or white by the fill's luminance.
BoxInk inkFor(const DiagramValueOverlay& overlay, const QColor& fill) {
    if (!overlay.isActive()) return {diagramPalette::kText, diagramPalette::kMuted};
    const QColor ink = DiagramValueOverlay::inkOn(fill);
    QColor muted = ink;
    muted.setAlphaF(0.8);
    return {ink, muted};
}
}  // namespace

// --- Boxes

DiagramBoxItem::DiagramBoxItem(std::shared_ptr<const DiagramPaintData> data, int box)
    : m_data(std::move(data)), m_box(box) {
    setAcceptHoverEvents(true);
    setZValue(2);
}

int DiagramBoxItem::nodeAt(const QPointF& scenePos) const {
    for (const DiagramTag& tag : data().tags)
        if (tag.rect.contains(scenePos)) return tag.nodeId;
    return data().nodeId;
}

bool DiagramBoxItem::handleAt(const QPointF& scenePos) const {
    const QRectF& h = data().handle;
    return !h.isEmpty() && h.adjusted(-3, -3, 3, 3).contains(scenePos);
}

void DiagramBoxItem::setMarked(bool marked) {
    if (m_marked == marked) return;
    m_marked = marked;
    update();
}

QRectF DiagramBoxItem::boundingRect() const {
    return data().rect.adjusted(-3, -3, 6, 6);  // pen, selection outline and the scope's stacked shadow
}

void DiagramBoxItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*) {
    const DiagramBox& b = data();
    const DiagramFonts& f = m_data->fonts;
    const bool text = showText(painter, option);
    const double lod = levelOfDetail(painter, option);
    painter->setRenderHint(QPainter::Antialiasing, true);
    if (b.kind == DiagramBoxKind::Merge) {
        paintMerge(painter, text);
        return;
    }
    const double width = m_marked ? 2.6 : m_hover ? 1.8 : 1.1;
    const DiagramValueOverlay& overlay = m_data->overlay;
    if (b.kind == DiagramBoxKind::Scope) {
        const DiagramBoxColors c = boxColors(overlay, overlay.boxValue(b), diagramScopeBoxColors());
        const BoxInk ink = inkFor(overlay, c.fill);
        // A second card behind the box says "there is more inside".
        painter->setPen(QPen(c.border, 1));
        painter->setBrush(c.fill.darker(106));
        painter->drawRoundedRect(b.body.translated(4, 4), 5, 5);
        painter->setPen(outline(m_marked ? diagramPalette::kSelection : c.border, width, lod));
        painter->setBrush(c.fill);
        painter->drawRoundedRect(b.body, 5, 5);
        if (!text) return;
        paintHandle(painter, b.handle, true);
        painter->setPen(ink.text);
        painter->setFont(f.header);
        painter->drawText(b.titlePos, b.title);
        painter->setFont(f.small);
        painter->setPen(ink.muted);
        painter->drawText(b.subtitlePos, b.subtitle);
        return;
    }
    const DiagramBoxColors c = boxColors(overlay, overlay.boxValue(b), diagramTypeColors(b.type));
    const BoxInk ink = inkFor(overlay, c.fill);
    painter->setPen(outline(m_marked ? diagramPalette::kSelection : c.border, width, lod));
    painter->setBrush(c.fill);
    painter->drawRoundedRect(b.body, 4, 4);
    if (!text) return;
    painter->setPen(ink.text);
    painter->setFont(f.text);
    painter->drawText(b.titlePos, b.title);
    painter->setFont(f.small);
    for (const DiagramTag& tag : b.tags) {
        // A folded node with parameters of its own (batch norm) shows its own value on its chip.
        const double v = overlay.nodeValue(tag.nodeId);
        const DiagramBoxColors tc = overlay.isActive() && std::isnan(v)
                                        ? DiagramBoxColors{Qt::white, DiagramValueOverlay::neutralBorder()}
                                        : boxColors(overlay, v, diagramTagColors(tag.type));
        painter->setPen(QPen(tc.border, 0.9));
        painter->setBrush(tc.fill);
        painter->drawRoundedRect(tag.rect, 3, 3);
        painter->setPen(inkFor(overlay, tc.fill).text);
        painter->drawText(tag.textPos, tag.label);
    }
    painter->setPen(ink.muted);
    painter->drawText(b.subtitlePos, b.subtitle);
}

void DiagramBoxItem::paintMerge(QPainter* painter, bool text) const {
    const DiagramBox& b = data();
    const DiagramFonts& f = m_data->fonts;
    const QColor ink = m_marked ? diagramPalette::kSelection : diagramTypeColors(b.type).border;
    painter->setPen(QPen(ink, m_marked ? 2.4 : m_hover ? 1.8 : 1.3));
    painter->setBrush(Qt::white);
    painter->drawEllipse(b.body);
    const QPointF c = b.body.center();
    const double h = b.body.width() * 0.28;
    painter->setPen(QPen(ink, 1.6, Qt::SolidLine, Qt::RoundCap));
    if (b.type == QLatin1String("Add")) {
        painter->drawLine(QPointF(c.x() - h, c.y()), QPointF(c.x() + h, c.y()));
        painter->drawLine(QPointF(c.x(), c.y() - h), QPointF(c.x(), c.y() + h));
    } else if (b.type == QLatin1String("Multiply")) {
        const double d = h * 0.8;
        painter->drawLine(QPointF(c.x() - d, c.y() - d), QPointF(c.x() + d, c.y() + d));
        painter->drawLine(QPointF(c.x() - d, c.y() + d), QPointF(c.x() + d, c.y() - d));
    } else if (text) {
        QFont bold = f.small;
        bold.setBold(true);
        painter->setFont(bold);
        painter->drawText(b.body, Qt::AlignCenter | Qt::TextDontClip, QStringLiteral("C"));
    }
    if (!text) return;
    painter->setFont(f.small);
    if (!b.mergeTags.isEmpty()) {
        painter->setPen(diagramPalette::kText);
        painter->drawText(b.mergeTagsPos, b.mergeTags);
    }
    painter->setPen(diagramPalette::kMuted);
    painter->drawText(b.subtitlePos, b.subtitle);
}

void DiagramBoxItem::hoverEnterEvent(QGraphicsSceneHoverEvent*) {
    m_hover = true;
    update();
}

void DiagramBoxItem::hoverLeaveEvent(QGraphicsSceneHoverEvent*) {
    m_hover = false;
    update();
}

// --- Edges

DiagramEdgeItem::DiagramEdgeItem(std::shared_ptr<const DiagramPaintData> data, int edge)
    : m_data(std::move(data)), m_edge(edge) {
    setAcceptHoverEvents(true);
    setZValue(1);
    const DiagramEdge& e = this->data();
    m_bounds = e.path.boundingRect().united(QRectF(e.tip, QSizeF(0.1, 0.1))).adjusted(-6, -6, 6, 6);
}

void DiagramEdgeItem::setMarked(bool marked) {
    if (m_marked == marked) return;
    m_marked = marked;
    update();
}

QRectF DiagramEdgeItem::boundingRect() const {
    return m_bounds;
}

QPainterPath DiagramEdgeItem::shape() const {
    if (m_shape.isEmpty()) {
        QPainterPathStroker stroker;
        stroker.setWidth(9);
        stroker.setCapStyle(Qt::FlatCap);
        m_shape = stroker.createStroke(data().path);
    }
    return m_shape;
}

void DiagramEdgeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*) {
    const DiagramEdge& e = data();
    const QColor color = m_hover    ? diagramPalette::kEdgeHover
                         : m_marked ? diagramPalette::kEdgeSelected
                                    : diagramPalette::kEdge;
    const double width = m_hover ? 2.6 : m_marked ? 2.0 : kEdgeWidth;
    painter->setRenderHint(QPainter::Antialiasing, true);
    painter->setBrush(Qt::NoBrush);
    painter->setPen(outline(color, width, levelOfDetail(painter, option)));
    painter->drawPath(e.path);
    const QPointF d = e.direction;
    const QPointF n(-d.y(), d.x());
    const QPointF base = e.tip - d * kArrow;
    QPolygonF head;
    head << e.tip << base + n * (kArrow * 0.45) << base - n * (kArrow * 0.45);
    painter->setPen(Qt::NoPen);
    painter->setBrush(color);
    painter->drawPolygon(head);
}

void DiagramEdgeItem::hoverEnterEvent(QGraphicsSceneHoverEvent*) {
    m_hover = true;
    setZValue(1.5);  // above the other lines, still under the boxes
    update();
}

void DiagramEdgeItem::hoverLeaveEvent(QGraphicsSceneHoverEvent*) {
    m_hover = false;
    setZValue(1);
    update();
}

// --- Frames

DiagramFrameItem::DiagramFrameItem(std::shared_ptr<const DiagramPaintData> data, int frame)
    : m_data(std::move(data)), m_frame(frame) {
    setZValue(0);
}

bool DiagramFrameItem::handleAt(const QPointF& scenePos) const {
    const QRectF& h = data().handle;
    return !h.isEmpty() && h.adjusted(-3, -3, 3, 3).contains(scenePos);
}

void DiagramFrameItem::setMarked(bool marked) {
    if (m_marked == marked) return;
    m_marked = marked;
    update();
}

QRectF DiagramFrameItem::boundingRect() const {
    return data().rect.adjusted(-2, -2, 2, 2);
}

void DiagramFrameItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*) {
    const DiagramFrame& fr = data();
    const DiagramFrameColors c = diagramFrameColors(fr.kind);
    painter->setRenderHint(QPainter::Antialiasing, true);
    painter->setPen(outline(m_marked ? diagramPalette::kSelection : c.border, m_marked ? 2.2 : 1.0,
                            levelOfDetail(painter, option), c.style));
    painter->setBrush(c.fill);
    painter->drawRoundedRect(fr.rect, 7, 7);
    if (!showText(painter, option)) return;
    if (!fr.handle.isEmpty()) paintHandle(painter, fr.handle, false);
    painter->setPen(diagramPalette::kFrameTitle);
    painter->setFont(m_data->fonts.header);
    for (int k = 0; k < fr.titleLines.size(); ++k)
        painter->drawText(fr.titlePos + QPointF(0, k * fr.lineHeight), fr.titleLines[k]);
    if (!fr.name.isEmpty()) {
        painter->setPen(diagramPalette::kMuted);
        painter->setFont(m_data->fonts.small);
        painter->drawText(fr.namePos, fr.name);
    }
}

// --- Hit tests

DiagramBoxItem* diagramBoxAt(const QGraphicsScene* scene, const QPointF& scenePos) {
    for (QGraphicsItem* item : scene->items(scenePos)) {
        if (item->type() != DiagramBoxItem::Type) continue;
        auto* box = static_cast<DiagramBoxItem*>(item);
        if (box->data().rect.adjusted(-1, -1, 1, 1).contains(scenePos)) return box;
    }
    return nullptr;
}

DiagramEdgeItem* diagramEdgeAt(const QGraphicsScene* scene, const QPointF& scenePos) {
    for (QGraphicsItem* item : scene->items(scenePos))  // shape-based: the line's hit area, not its bounds
        if (item->type() == DiagramEdgeItem::Type) return static_cast<DiagramEdgeItem*>(item);
    return nullptr;
}

DiagramFrameItem* diagramFrameAt(const QGraphicsScene* scene, const QPointF& scenePos, bool headerOnly) {
    for (QGraphicsItem* item : scene->items(scenePos)) {  // topmost, i.e. innermost, first
        if (item->type() != DiagramFrameItem::Type) continue;
        auto* frame = static_cast<DiagramFrameItem*>(item);
        if (!frame->data().rect.contains(scenePos)) continue;
        return !headerOnly || frame->data().header.contains(scenePos) ? frame : nullptr;
    }
    return nullptr;
}

}  // namespace convscope::widgets
