#pragma once

class QTableView;

namespace convscope::gui {

/// The Architecture panel's read-only tables (layers, model zoo): whole-row single selection, sorting,
/// alternating dense rows (a ResNet-50 has well over a hundred operations; one screen should show a good
/// stretch), no row numbers, the last column stretched.
void setUpReadOnlyTable(QTableView* view);

}  // namespace convscope::gui
