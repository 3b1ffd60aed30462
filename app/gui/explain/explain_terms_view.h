#pragma once

#include <QGroupBox>
#include <QString>

#include "app/gui/explain/explain_frame.h"

class QLabel;
class QTreeWidget;

namespace convscope::gui {

/// The side list of a Grad-CAM-family cell: its value written out as the sum of its channels' terms
/// α_k·A_k(i,j), largest magnitude first (the Filters panel's pixel inspector, for a class activation map).
class ExplainTermsView : public QGroupBox {
    Q_OBJECT
public:
    explicit ExplainTermsView(QWidget* parent = nullptr);

    /// Lists cell (row, col) of `map`; `where` names the map ("Grad-CAM at conv2").
    void showCell(const ExplainMap& map, const QString& where, int row, int col);
    /// Shows `hint` instead of terms.
    void clear(const QString& hint);

    bool hasCell() const { return m_hasCell; }
    int row() const { return m_row; }
    int col() const { return m_col; }
    /// The cell's value as the map holds it (before the display's ReLU).
    double cellValue() const { return m_value; }
    const QVector<ExplainTerm>& terms() const { return m_terms; }
    QTreeWidget* list() const { return m_list; }

Q_SIGNALS:
    /// The learner clicked channel `channel`'s row: its feature map at `layer` is worth a look.
    void channelActivated(const QString& layer, int channel);

private:
    QLabel* m_header = nullptr;
    QTreeWidget* m_list = nullptr;
    QLabel* m_footer = nullptr;
    QVector<ExplainTerm> m_terms;
    QString m_layer;
    bool m_hasCell = false;
    int m_row = -1, m_col = -1;
    double m_value = 0.0;
};

}  // namespace convscope::gui
