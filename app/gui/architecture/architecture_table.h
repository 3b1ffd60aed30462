#pragma once

#include <QHash>
#include <QString>
#include <QWidget>

#include "widgets/diagram/diagram_graph.h"

class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QStandardItemModel;
class QTableView;

namespace convscope::gui {

/// The Architecture panel's table: every operation of a described model in execution order, with its
/// output shape, parameters, multiply-accumulates, activation size, receptive field and scope. Columns sort
/// by value (numbers numerically), a filter narrows the rows by name or type, and a totals line sums the
/// model. Selecting a row tells the diagram; the diagram's selection comes back through selectNode.
class ArchitectureTable : public QWidget {
    Q_OBJECT
public:
    enum Column {
        Index,
        Layer,
        Type,
        Detail,
        Output,
        Parameters,
        Macs,
        Activation,
        ReceptiveField,
        Scope,
        ColumnCount
    };
    /// The items' sort key (qint64 for numbers, the text otherwise) and, on the Index column, the node id.
    static constexpr int SortRole = Qt::UserRole;
    static constexpr int NodeIdRole = Qt::UserRole + 1;

    explicit ArchitectureTable(QWidget* parent = nullptr);

    /// Replaces the rows; keeps the sort column and the filter, clears the selection. Does not emit.
    void setGraph(const widgets::DiagramGraph& graph);
    /// Selects the node's row and scrolls to it (clearing a filter that hides it); an unknown id clears the
    /// selection. Does not emit nodeActivated, so that the diagram and the table can follow each other.
    void selectNode(int nodeId);
    /// The selected row's node id, or -1.
    int selectedNode() const;

    /// Every node in execution order, whatever the filter and sort: numbers raw, UTF-8, RFC 4180.
    bool exportCsv(const QString& path, QString* error) const;
    QString csvText() const;

    /// Rows shown (after the filter).
    int rowCount() const;

    QTableView* view() const { return m_view; }
    QLineEdit* filterEdit() const { return m_filter; }
    QLabel* totalsLabel() const { return m_totals; }
    QPushButton* exportButton() const { return m_export; }

Q_SIGNALS:
    /// The user made another row current (click or keyboard).
    void nodeActivated(int nodeId);

private:
    QStandardItemModel* buildModel();
    void applyFilter(const QString& text);
    void updateTotals();
    void askCsvPath();
    QString scopeTitle(int scopeId) const;
    QString scopePath(int scopeId) const;

    QLineEdit* m_filter = nullptr;
    QPushButton* m_export = nullptr;
    QTableView* m_view = nullptr;
    QStandardItemModel* m_model = nullptr;
    QSortFilterProxyModel* m_proxy = nullptr;
    QLabel* m_totals = nullptr;
    widgets::DiagramGraph m_graph;
    QHash<int, int> m_rowOfNode;   ///< node id -> source row
    QHash<int, int> m_scopeIndex;  ///< scope id -> index in m_graph.scopes
    bool m_quiet = false;          ///< set while the table, not the user, moves the current row
};

}  // namespace convscope::gui
