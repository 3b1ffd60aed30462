#include "app/gui/architecture/architecture_table.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTableView>
#include <QVBoxLayout>
#include <algorithm>
#include <limits>

#include "app/gui/support/csv_text.h"
#include "app/gui/support/table_view_setup.h"

namespace convscope::gui {

namespace {

// The filter matches "name type", so "layer2 conv" finds layer2's convolutions.
constexpr int kFilterRole = Qt::UserRole + 2;

QString grouped(qint64 value) {
    return QLocale(QLocale::English).toString(value);
}

QString shapeText(const QVector<qint64>& shape) {
    QStringList parts;
    for (qint64 d : shape) parts << QString::number(d);
    return parts.join(QStringLiteral("×"));
}

qint64 elementCount(const QVector<qint64>& shape) {
    qint64 n = shape.isEmpty() ? 0 : 1;
    for (qint64 d : shape) n *= d;
    return n;
}

QString bytesText(qint64 bytes) {
    if (bytes < 1024) return QStringLiteral("%1 B").arg(bytes);
    const QLocale english(QLocale::English);
    if (bytes < 1024 * 1024) return english.toString(double(bytes) / 1024.0, 'f', 1) + QStringLiteral(" KiB");
    if (bytes < qint64(1024) * 1024 * 1024)
        return english.toString(double(bytes) / (1024.0 * 1024.0), 'f', 1) + QStringLiteral(" MiB");
    return english.toString(double(bytes) / (1024.0 * 1024.0 * 1024.0), 'f', 1) + QStringLiteral(" GiB");
}

QStandardItem* textItem(const QString& text) {
    auto* item = new QStandardItem(text);
    item->setData(text, ArchitectureTable::SortRole);
    item->setEditable(false);
    return item;
}

QStandardItem* numberItem(const QString& text, qint64 key) {
    auto* item = new QStandardItem(text);
    item->setData(key, ArchitectureTable::SortRole);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    item->setEditable(false);
    return item;
}

}  // namespace

ArchitectureTable::ArchitectureTable(QWidget* parent) : QWidget(parent) {
    m_filter = new QLineEdit;
    m_filter->setObjectName(QStringLiteral("architectureFilter"));
    m_filter->setPlaceholderText(tr("Filter by name or type (e.g. “layer2 conv”)"));
    m_filter->setClearButtonEnabled(true);
    m_export = new QPushButton(tr("Export CSV…"));
    m_export->setObjectName(QStringLiteral("architectureExportCsv"));
    m_export->setEnabled(false);
    auto* top = new QHBoxLayout;
    top->addWidget(m_filter, 1);
    top->addWidget(m_export);

    m_model = buildModel();
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(SortRole);
    m_proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterRole(kFilterRole);
    m_proxy->setFilterKeyColumn(Index);

    m_view = new QTableView;
    m_view->setObjectName(QStringLiteral("architectureTable"));
    m_view->setAccessibleName(tr("Layers"));
    m_view->setModel(m_proxy);
    setUpReadOnlyTable(m_view);
    m_view->sortByColumn(Index, Qt::AscendingOrder);

    m_totals = new QLabel;
    m_totals->setObjectName(QStringLiteral("architectureTotals"));
    m_totals->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_totals->setWordWrap(true);
    m_totals->setToolTip(
        tr("Activations: the sum of every operation's output in float32 for one image, the "
           "memory a forward pass would need if it kept them all (training does)."));

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_totals);

    connect(m_filter, &QLineEdit::textChanged, this, &ArchitectureTable::applyFilter);
    connect(m_export, &QPushButton::clicked, this, &ArchitectureTable::askCsvPath);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                if (m_quiet || !current.isValid()) return;
                Q_EMIT nodeActivated(m_proxy->index(current.row(), Index).data(NodeIdRole).toInt());
            });
    updateTotals();
}

QStandardItemModel* ArchitectureTable::buildModel() {
    auto* model = new QStandardItemModel(0, ColumnCount, this);
    model->setHorizontalHeaderLabels({tr("#"), tr("Layer"), tr("Type"), tr("Detail"), tr("Output"),
                                      tr("Parameters"), tr("MACs"), tr("Activation"), tr("Receptive\nfield"),
                                      tr("Scope")});
    const auto tip = [model](int column, const QString& text) {
        model->horizontalHeaderItem(column)->setToolTip(text);
    };
    tip(Index, tr("Position in execution order"));
    tip(Output, tr("Output shape for one image: channels × height × width, or features"));
    tip(Macs, tr("Multiply-accumulates for one image"));
    tip(Activation, tr("Size of the output in float32 for one image"));
    tip(ReceptiveField, tr("Input pixels one output value sees along each side; “all” after global pooling"));
    tip(Scope, tr("The block, branch or stage the operation belongs to"));
    for (int c : {Output, Parameters, Macs, Activation, ReceptiveField, Index})
        model->horizontalHeaderItem(c)->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return model;
}

void ArchitectureTable::setGraph(const widgets::DiagramGraph& graph) {
    m_graph = graph;
    m_scopeIndex.clear();
    for (int i = 0; i < m_graph.scopes.size(); ++i) m_scopeIndex.insert(m_graph.scopes[i].id, i);
    m_rowOfNode.clear();

    // A fresh model swapped in whole: appending to a sorted proxy would re-sort once per row.
    QStandardItemModel* model = buildModel();
    model->setRowCount(int(m_graph.nodes.size()));
    const QBrush faint = palette().brush(QPalette::PlaceholderText);
    for (int r = 0; r < m_graph.nodes.size(); ++r) {
        const widgets::DiagramNode& n = m_graph.nodes[r];
        m_rowOfNode.insert(n.id, r);
        QStandardItem* index = numberItem(QString::number(r), r);
        index->setData(n.id, NodeIdRole);
        index->setData(QString(n.name + QLatin1Char(' ') + n.type), kFilterRole);
        model->setItem(r, Index, index);
        model->setItem(r, Layer, textItem(n.name));
        model->setItem(r, Type, textItem(n.type));
        QStandardItem* detail = textItem(n.detail);
        detail->setToolTip(n.detail);
        model->setItem(r, Detail, detail);
        model->setItem(r, Output, numberItem(shapeText(n.shape), elementCount(n.shape)));
        QStandardItem* params = numberItem(grouped(n.parameters), n.parameters);
        params->setToolTip(n.parameterArithmetic);
        model->setItem(r, Parameters, params);
        QStandardItem* macs = numberItem(grouped(n.macs), n.macs);
        macs->setToolTip(n.macArithmetic);
        model->setItem(r, Macs, macs);
        // Most operations (activations, normalisation, pooling) cost nothing; faint zeros let the
        // convolutions and the classifier stand out.
        for (QStandardItem* count : {params, macs})
            if (count->data(SortRole).toLongLong() == 0) count->setForeground(faint);
        QStandardItem* act = numberItem(bytesText(n.activationBytes), n.activationBytes);
        act->setToolTip(tr("%1 bytes").arg(grouped(n.activationBytes)));
        model->setItem(r, Activation, act);
        // Global outputs sort after every finite field.
        QStandardItem* rf = n.global
                                ? numberItem(tr("all"), std::numeric_limits<qint64>::max())
                                : numberItem(tr("%1 px").arg(grouped(n.receptiveField)), n.receptiveField);
        rf->setToolTip(n.global ? tr("Sees the whole image")
                                : tr("%1×%1 input pixels; neighbouring outputs are %2 px apart (jump)")
                                      .arg(n.receptiveField)
                                      .arg(n.jump));
        model->setItem(r, ReceptiveField, rf);
        QStandardItem* scope = textItem(scopeTitle(n.scope));
        scope->setToolTip(scopePath(n.scope));
        model->setItem(r, Scope, scope);
    }

    m_quiet = true;
    QStandardItemModel* old = m_model;
    m_model = model;
    m_proxy->setSourceModel(model);
    delete old;
    m_view->clearSelection();
    m_quiet = false;
    m_view->resizeColumnsToContents();
    // Names and details can be long (Inception's branches); cap them so the numbers stay in view.
    for (int c : {Layer, Detail})
        m_view->setColumnWidth(c, std::min(m_view->columnWidth(c), 32 * fontMetrics().averageCharWidth()));
    m_export->setEnabled(!m_graph.nodes.isEmpty());
    updateTotals();
}

QString ArchitectureTable::scopeTitle(int scopeId) const {
    const int i = m_scopeIndex.value(scopeId, -1);
    // The model's own scope would repeat the title on every stem row; it is left blank instead.
    if (i < 0 || m_graph.scopes[i].kind == widgets::DiagramScopeKind::Model) return {};
    return m_graph.scopes[i].title;
}

QString ArchitectureTable::scopePath(int scopeId) const {
    QStringList chain;
    for (int i = m_scopeIndex.value(scopeId, -1); i >= 0 && chain.size() <= m_graph.scopes.size();
         i = m_scopeIndex.value(m_graph.scopes[i].parent, -1)) {
        const widgets::DiagramScope& s = m_graph.scopes[i];
        chain.prepend(s.name.isEmpty() || s.kind == widgets::DiagramScopeKind::Model
                          ? s.title
                          : QStringLiteral("%1 (%2)").arg(s.title, s.name));
    }
    return chain.join(QStringLiteral(" › "));
}

void ArchitectureTable::applyFilter(const QString& text) {
    // Every word must appear, in any order; words are matched literally.
    QString pattern;
    for (const QString& word : text.split(QLatin1Char(' '), Qt::SkipEmptyParts))
        pattern += QStringLiteral("(?=.*%1)").arg(QRegularExpression::escape(word));
    m_quiet = true;
    m_proxy->setFilterRegularExpression(
        QRegularExpression(pattern, QRegularExpression::CaseInsensitiveOption));
    m_quiet = false;
    updateTotals();
}

void ArchitectureTable::selectNode(int nodeId) {
    const int source = m_rowOfNode.value(nodeId, -1);
    m_quiet = true;
    if (source < 0) {
        m_view->selectionModel()->clearSelection();
        m_view->selectionModel()->setCurrentIndex(QModelIndex(), QItemSelectionModel::NoUpdate);
        m_quiet = false;
        return;
    }
    QModelIndex index = m_proxy->mapFromSource(m_model->index(source, Index));
    if (!index.isValid()) {
        // The diagram asked for a row the filter hides: showing it matters more than the filter.
        m_filter->clear();
        m_quiet = true;
        index = m_proxy->mapFromSource(m_model->index(source, Index));
    }
    m_view->selectionModel()->setCurrentIndex(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(index, QAbstractItemView::PositionAtCenter);
    m_quiet = false;
}

int ArchitectureTable::selectedNode() const {
    const QModelIndexList rows = m_view->selectionModel()->selectedRows(Index);
    return rows.isEmpty() ? -1 : rows.first().data(NodeIdRole).toInt();
}

int ArchitectureTable::rowCount() const {
    return m_proxy->rowCount();
}

void ArchitectureTable::updateTotals() {
    if (m_graph.nodes.isEmpty()) {
        m_totals->setText(tr("No model described yet."));
        return;
    }
    qint64 activations = 0;
    for (const widgets::DiagramNode& n : m_graph.nodes) activations += n.activationBytes;
    QString text =
        tr("Total: %1 parameters · %2 MACs · %3 of activations · %4 operations")
            .arg(grouped(m_graph.totalParameters), grouped(m_graph.totalMacs), bytesText(activations))
            .arg(m_graph.nodes.size());
    if (rowCount() != m_graph.nodes.size())
        text += tr(" (showing %1 of %2)").arg(rowCount()).arg(m_graph.nodes.size());
    m_totals->setText(text);
}

QString ArchitectureTable::csvText() const {
    QVector<QStringList> records;
    records << QStringList{QStringLiteral("index"),
                           QStringLiteral("id"),
                           QStringLiteral("name"),
                           QStringLiteral("type"),
                           QStringLiteral("detail"),
                           QStringLiteral("output_shape"),
                           QStringLiteral("parameters"),
                           QStringLiteral("macs"),
                           QStringLiteral("activation_bytes"),
                           QStringLiteral("receptive_field_px"),
                           QStringLiteral("jump_px"),
                           QStringLiteral("global"),
                           QStringLiteral("scope"),
                           QStringLiteral("scope_title"),
                           QStringLiteral("parameter_arithmetic"),
                           QStringLiteral("mac_arithmetic")};
    for (int r = 0; r < m_graph.nodes.size(); ++r) {
        const widgets::DiagramNode& n = m_graph.nodes[r];
        const int s = m_scopeIndex.value(n.scope, -1);
        records << QStringList{QString::number(r),
                               QString::number(n.id),
                               n.name,
                               n.type,
                               n.detail,
                               shapeText(n.shape),
                               QString::number(n.parameters),
                               QString::number(n.macs),
                               QString::number(n.activationBytes),
                               QString::number(n.receptiveField),
                               QString::number(n.jump),
                               n.global ? QStringLiteral("true") : QStringLiteral("false"),
                               s >= 0 ? m_graph.scopes[s].name : QString(),
                               s >= 0 ? m_graph.scopes[s].title : QString(),
                               n.parameterArithmetic,
                               n.macArithmetic};
    }
    return gui::csvText(records);
}

bool ArchitectureTable::exportCsv(const QString& path, QString* error) const {
    return writeCsvFile(path, csvText(), error);
}

void ArchitectureTable::askCsvPath() {
    QString base = m_graph.title.isEmpty() ? QStringLiteral("architecture") : m_graph.title.toLower();
    base.replace(QRegularExpression(QStringLiteral("[^a-z0-9]+")), QStringLiteral("-"));
    QString path = QFileDialog::getSaveFileName(this, tr("Export Layer Table"),
                                                documentsPath(base + QStringLiteral(".csv")),
                                                tr("Comma-separated values (*.csv)"));
    if (path.isEmpty()) return;
    if (QFileInfo(path).suffix().isEmpty()) path += QStringLiteral(".csv");
    QString error;
    if (!exportCsv(path, &error)) QMessageBox::warning(this, tr("Export Layer Table"), error);
}

}  // namespace convscope::gui
