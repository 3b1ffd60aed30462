#include "app/gui/explain/explain_terms_view.h"

#include <QHeaderView>
#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "app/gui/explain/explain_text.h"
#include "widgets/common/cell_tint.h"
#include "widgets/common/number_text.h"

namespace convscope::gui {

ExplainTermsView::ExplainTermsView(QWidget* parent)
    : QGroupBox(tr("What a Grad-CAM cell is made of"), parent) {
    setObjectName(QStringLiteral("explainTerms"));
    m_header = new QLabel;
    m_header->setObjectName(QStringLiteral("explainTermsHeader"));
    m_header->setWordWrap(true);
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_list = new QTreeWidget;
    m_list->setObjectName(QStringLiteral("explainTermsList"));
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setAlternatingRowColors(true);
    m_list->setSelectionMode(QAbstractItemView::ContiguousSelection);
    m_list->header()->setStretchLastSection(false);
    m_list->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_footer = new QLabel;
    m_footer->setObjectName(QStringLiteral("explainTermsSum"));
    m_footer->setWordWrap(true);
    m_footer->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_header);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_footer);
    connect(m_list, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem* item) {
        const int channel = item->data(0, Qt::UserRole).toInt();
        if (channel >= 0 && !m_layer.isEmpty()) Q_EMIT channelActivated(m_layer, channel);
    });
    clear({});
}

void ExplainTermsView::showCell(const ExplainMap& map, const QString& where, int row, int col) {
    m_layer = map.layer;
    if (!map.hasTerms() || row < 0 || col < 0 || row >= map.rows || col >= map.cols) return;
    m_hasCell = true;
    m_row = row;
    m_col = col;
    m_value = map.value(row, col);
    m_terms = map.cellTerms(row, col);
    const QString weight = termWeightName(map);
    m_header->setText(
        tr("<b>%1</b>, cell (%2, %3) of %4×%5<br>value = Σ<sub>k</sub> %6 · A<sub>k</sub>(i,j), "
           "largest first")
            .arg(where.toHtmlEscaped())
            .arg(row)
            .arg(col)
            .arg(map.rows)
            .arg(map.cols)
            .arg(weight.toHtmlEscaped()));
    m_list->setHeaderLabels({tr("channel"), weight, tr("A_k(i,j)"), tr("term")});
    m_list->clear();
    float largest = 0.0f;
    for (const ExplainTerm& t : m_terms) largest = std::max(largest, std::abs(t.term));
    QList<QTreeWidgetItem*> items;
    for (const ExplainTerm& t : m_terms) {
        auto* item = new QTreeWidgetItem;
        item->setData(0, Qt::UserRole, t.channel);
        if (t.channel >= 0) {
            item->setToolTip(
                0,
                tr("Click to open channel %1 of %2 in the Feature maps panel").arg(t.channel).arg(map.layer));
            item->setText(0, QString::number(t.channel));
            item->setText(1, widgets::formatValue(t.weight, 3));
            item->setText(2, widgets::formatValue(t.activation, 3));
        } else {
            item->setText(0, tr("%n more", nullptr, t.omitted));
        }
        item->setText(3, widgets::formatValue(t.term, 3));
        // The term's sign and size at a glance: the signed maps' colours.
        const QColor tint = widgets::divergingTint(t.term, largest);
        item->setBackground(3, tint);
        item->setForeground(3, widgets::readableTextOn(tint));
        for (int c = 1; c < 4; ++c) item->setTextAlignment(c, Qt::AlignRight | Qt::AlignVCenter);
        items << item;
    }
    m_list->addTopLevelItems(items);
    m_list->setEnabled(true);
    QString footer = tr("Σ = %1, the cell's value").arg(widgets::formatValue(m_value, 5));
    if (map.relu && m_value < 0) footer += tr(" (negative: the ReLU shows it as 0)");
    m_footer->setText(footer);
}

void ExplainTermsView::clear(const QString& hint) {
    m_hasCell = false;
    m_row = m_col = -1;
    m_value = 0.0;
    m_terms.clear();
    m_header->setText(hint);
    m_list->clear();
    m_list->setHeaderLabels({tr("channel"), QStringLiteral("α_k"), tr("A_k(i,j)"), tr("term")});
    m_list->setEnabled(false);
    m_footer->clear();
}

}  // namespace convscope::gui
