#pragma once

#include <QGraphicsItem>
#include <QSizeF>
#include <memory>

#include "widgets/diagram/diagram_style.h"
#include "widgets/diagram/diagram_value_overlay.h"

namespace convscope::widgets {

struct DiagramPaintData;

/// The colour scale of a diagram coloured by value: its title and context ("Gradient norm", "step 120"),
/// a horizontal bar from the low to the high end with its decades written out in plain numbers ("0.0001"),
/// and the neutral swatch of the boxes without a value. Painted by the scene item below (so that exports
/// carry it) and by the view in a corner of its viewport when that item is scrolled out of sight.
QSizeF diagramLegendSize(const DiagramFonts& fonts);
void paintDiagramLegend(QPainter* painter, const QRectF& rect, const DiagramValueOverlay& overlay,
                        const DiagramFonts& fonts);

/// The legend in the scene, at the diagram's top right (the view widens the scene to hold it).
class DiagramLegendItem : public QGraphicsItem {
public:
    enum { Type = UserType + 0x0D4 };
    DiagramLegendItem(std::shared_ptr<const DiagramPaintData> data, const QRectF& rect);

    int type() const override { return Type; }
    QRectF boundingRect() const override { return m_rect.adjusted(-1, -1, 1, 1); }
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    std::shared_ptr<const DiagramPaintData> m_data;
    QRectF m_rect;
};

}  // namespace convscope::widgets
