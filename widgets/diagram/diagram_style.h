#pragma once

#include <QColor>
#include <QFont>
#include <QString>
#include <Qt>

#include "widgets/diagram/diagram_graph.h"

namespace convscope::widgets {

/// The architecture diagram's colours and fonts. Dark text on light fills, one hue per family of
/// operation (convolutions blue, pooling green, linear layers orange), so that a net's rhythm shows at a
/// glance.

struct DiagramBoxColors {
    QColor fill;
    QColor border;
};

struct DiagramFrameColors {
    QColor fill;  ///< transparent for branches
    QColor border;
    Qt::PenStyle style = Qt::SolidLine;
};

namespace diagramPalette {
inline const QColor kBackground{255, 255, 255};
inline const QColor kText{32, 32, 32};
inline const QColor kMuted{92, 99, 110};
inline const QColor kEdge{92, 99, 110};
inline const QColor kEdgeHover{214, 72, 15};
inline const QColor kEdgeSelected{27, 95, 209};
inline const QColor kSelection{27, 95, 209};
inline const QColor kFrameTitle{52, 62, 76};
inline const QColor kHandle{90, 100, 115};
}  // namespace diagramPalette

DiagramBoxColors diagramTypeColors(const QString& type);
/// A collapsed scope's box.
DiagramBoxColors diagramScopeBoxColors();
/// A tag chip ("BN", "ReLU") on a box.
DiagramBoxColors diagramTagColors(const QString& type);
DiagramFrameColors diagramFrameColors(DiagramScopeKind kind);

/// The fonts a diagram is measured and painted with, derived from one base font.
struct DiagramFonts {
    explicit DiagramFonts(const QFont& base = QFont());
    QFont text;    ///< box titles
    QFont small;   ///< shapes, tags, frame names
    QFont header;  ///< frame titles and collapsed scope titles (bold)
    QFont title;   ///< the diagram's title
};

}  // namespace convscope::widgets
