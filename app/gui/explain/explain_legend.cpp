#include "app/gui/explain/explain_legend.h"

#include <QGridLayout>
#include <QLabel>
#include <QVector>

#include "core/common/colormap.h"
#include "widgets/plot/color_bar.h"

namespace convscope::gui {

namespace {

widgets::ColorBar* legendBar(common::Colormap map, double low, double high, const QString& label) {
    QVector<QColor> colors;
    for (const common::Rgb& c : common::colormapTable(map)) colors << QColor(c.r, c.g, c.b);
    auto* b = new widgets::ColorBar;
    b->setColors(colors);
    b->setRange(low, high, label);
    return b;
}

QLabel* legendCaption(const QString& text) {
    auto* l = new QLabel(text);
    l->setWordWrap(true);
    l->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
    return l;
}

}  // namespace

ExplainLegend::ExplainLegend(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("explainLegend"));
    auto* sequential = legendBar(common::Colormap::Viridis, 0.0, 1.0, tr("× max"));
    sequential->setObjectName(QStringLiteral("explainSequentialBar"));
    auto* signedBar = legendBar(common::Colormap::CoolWarm, -1.0, 1.0, tr("× max |v|"));
    signedBar->setObjectName(QStringLiteral("explainSignedBar"));
    auto* layout = new QGridLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(sequential, 0, 0, Qt::AlignHCenter);
    layout->addWidget(signedBar, 0, 1, Qt::AlignHCenter);
    layout->addWidget(legendCaption(tr("0 → max")), 1, 0);
    layout->addWidget(legendCaption(tr("blue − / red +")), 1, 1);
    layout->setRowStretch(0, 1);
    setToolTip(
        tr("Sequential maps (Viridis) run from 0 to the map's own maximum; signed maps are blue where "
           "they lower the class's score and red where they raise it, scaled by their largest "
           "magnitude. The colour's opacity grows with |value|, so the image shows through where the "
           "map is weak."));
}

}  // namespace convscope::gui
