#include "widgets/board/unpool_arrow_painter.h"

#include <QPainter>
#include <QPainterPath>
#include <QPolygonF>
#include <cmath>

#include "widgets/board/grid_board_layout.h"
#include "widgets/board/grid_plane_painter.h"

namespace convscope::widgets {

namespace {

const QColor kFaint(90, 90, 90, 110);

bool cellCentre(const GridBoardLayout& layout, const GridBoardFrame& frame, int plane, int row, int col,
                QPointF* centre) {
    if (plane < 0 || plane >= frame.planes.size() || plane >= layout.planes.size()) return false;
    const GridBoardLayout::PlaneBox& box = layout.planes[plane];
    const GridPlane& p = frame.planes[plane];
    if (!box.visible || row < 0 || col < 0 || row >= p.rows || col >= p.cols) return false;
    *centre = QPointF(box.grid.x() + (col + 0.5) * layout.cell, box.grid.y() + (row + 0.5) * layout.cell);
    return true;
}

void paintArrow(QPainter& painter, const QLineF& line, const QColor& color, double width, double head) {
    painter.setPen(QPen(color, width, Qt::SolidLine, Qt::RoundCap));
    painter.setBrush(Qt::NoBrush);
    // A gentle curve, so arrows between cells in one column do not run over the cells in between.
    const QPointF normal(-line.dy(), line.dx());
    const double bend = 0.12;
    const QPointF control = line.center() + normal * bend;
    QPainterPath path(line.p1());
    path.quadTo(control, line.p2());
    painter.drawPath(path);
    const QLineF tangent(control, line.p2());
    const double angle = std::atan2(tangent.dy(), tangent.dx());
    const QPointF tip = line.p2();
    const QPointF left = tip - QPointF(std::cos(angle - 0.45), std::sin(angle - 0.45)) * head;
    const QPointF right = tip - QPointF(std::cos(angle + 0.45), std::sin(angle + 0.45)) * head;
    painter.setPen(Qt::NoPen);
    painter.setBrush(color);
    painter.drawPolygon(QPolygonF({tip, left, right}));
}

}  // namespace

QLineF UnpoolArrowPainter::arrowLine(const GridBoardLayout& layout, const GridBoardFrame& frame,
                                     const GridArrow& arrow) {
    QPointF from;
    QPointF to;
    if (!cellCentre(layout, frame, arrow.fromPlane, arrow.fromRow, arrow.fromCol, &from) ||
        !cellCentre(layout, frame, arrow.toPlane, arrow.toRow, arrow.toCol, &to))
        return {};
    QLineF line(from, to);
    // Start and end a little inside the cells' edges, leaving the values readable.
    const double inset = layout.cell * 0.3;
    if (line.length() <= 2 * inset) return {};
    const QPointF unit = (to - from) / line.length();
    return QLineF(from + unit * inset, to - unit * inset);
}

void UnpoolArrowPainter::paint(QPainter& painter, const GridBoardLayout& layout,
                               const GridBoardFrame& frame) {
    if (frame.arrows.isEmpty()) return;
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    const double cell = std::max(layout.cell, 4);
    // Faint ones first, so the current arrow is on top.
    for (const bool current : {false, true}) {
        for (const GridArrow& arrow : frame.arrows) {
            if (arrow.current != current) continue;
            const QLineF line = arrowLine(layout, frame, arrow);
            if (line.isNull()) continue;
            if (current)
                paintArrow(painter, line, GridPlanePainter::kAccent, std::max(1.5, cell / 14), cell / 3.5);
            else
                paintArrow(painter, line, kFaint, std::max(1.0, cell / 24), cell / 5);
        }
    }
    painter.restore();
}

}  // namespace convscope::widgets
