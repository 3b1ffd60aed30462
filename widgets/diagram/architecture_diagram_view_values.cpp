// ArchitectureDiagramView's colouring by a value per node (the gradient norms of a training run): the
// overlay, its legend in the scene and in the viewport's corner, and the tooltips that add the values.
#include <QPainter>

#include "widgets/diagram/architecture_diagram_view.h"
#include "widgets/diagram/diagram_items.h"
#include "widgets/diagram/diagram_tooltips.h"
#include "widgets/diagram/diagram_value_legend.h"

namespace convscope::widgets {

// --- Values

void ArchitectureDiagramView::setNodeValues(const DiagramNodeValues& values) {
    const bool had = m_data->overlay.isActive();
    m_data->overlay = DiagramValueOverlay(m_graph, values);
    if (had != m_data->overlay.isActive()) {
        rebuild();  // the legend comes or goes, and the scene's size with it
    } else {
        m_scene->update();
        viewport()->update();
    }
}

void ArchitectureDiagramView::clearNodeValues() {
    if (!m_data->overlay.isActive()) return;
    m_data->overlay = {};
    rebuild();
}

bool ArchitectureDiagramView::hasNodeValues() const {
    return m_data->overlay.isActive();
}

const DiagramValueOverlay& ArchitectureDiagramView::nodeValues() const {
    return m_data->overlay;
}

void ArchitectureDiagramView::drawForeground(QPainter* painter, const QRectF&) {
    // The scene's legend scrolled out of sight: the same legend in the viewport's top right corner.
    if (m_legendRect.isNull() || mapToScene(viewport()->rect()).boundingRect().contains(m_legendRect)) return;
    const QSizeF size = diagramLegendSize(m_data->fonts);
    const QRectF at(QPointF(viewport()->width() - size.width() - 10, 10), size);
    painter->save();
    painter->resetTransform();
    paintDiagramLegend(painter, at, m_data->overlay, m_data->fonts);
    painter->restore();
}

// --- Tooltips

QString ArchitectureDiagramView::toolTipAt(const QPoint& viewportPos) const {
    const QPointF p = mapToScene(viewportPos);
    const DiagramValueOverlay& values = m_data->overlay;
    if (const DiagramBoxItem* box = diagramBoxAt(m_scene, p)) {
        const DiagramBox& b = box->data();
        const int hit = box->nodeAt(p);
        const QString text = diagramBoxToolTip(m_graph, m_index, b, hit);
        if (b.kind == DiagramBoxKind::Scope)
            return text + values.toolTipLine(values.boxValue(b), values.countWithValues(b.nodeIds));
        return text + values.toolTipLine(values.nodeValue(hit));
    }
    if (const DiagramEdgeItem* edge = diagramEdgeAt(m_scene, p))
        return diagramEdgeToolTip(m_graph, m_index, edge->data());
    if (const DiagramFrameItem* frame = diagramFrameAt(m_scene, p, true)) {
        const int id = frame->data().scopeId;
        return diagramFrameToolTip(m_graph, m_index, id) +
               values.toolTipLine(values.scopeValue(id), values.scopeCount(id));
    }
    return {};
}

}  // namespace convscope::widgets
