#include "app/gui/support/table_view_setup.h"

#include <QHeaderView>
#include <QTableView>

namespace convscope::gui {

void setUpReadOnlyTable(QTableView* view) {
    view->setSortingEnabled(true);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->verticalHeader()->setVisible(false);
    const int line = view->fontMetrics().height();
    view->verticalHeader()->setMinimumSectionSize(line + 2);
    view->verticalHeader()->setDefaultSectionSize(line + 6);
    view->horizontalHeader()->setStretchLastSection(true);
    view->horizontalHeader()->setHighlightSections(false);
}

}  // namespace convscope::gui
