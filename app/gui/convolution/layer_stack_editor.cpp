#include "app/gui/convolution/layer_stack_editor.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QSignalBlocker>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>

namespace convscope::gui {

namespace {

enum Column { ColName, ColKernel, ColStride, ColDilation, ColPadding, ColumnCount };

QToolButton* rowButton(const QString& text, const QString& tip) {
    auto* b = new QToolButton;
    b->setText(text);
    b->setToolTip(tip);
    return b;
}

}  // namespace

LayerStackEditor::LayerStackEditor(QWidget* parent) : QWidget(parent) {
    m_table = new QTableWidget(0, ColumnCount);
    m_table->setObjectName(QStringLiteral("rfLayers"));
    m_table->setHorizontalHeaderLabels(
        {tr("Name"), tr("Kernel"), tr("Stride"), tr("Dilation"), tr("Padding")});
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->verticalHeader()->setVisible(false);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setToolTip(
        tr("Double-click a cell to edit. Padding is per side; pooling is a layer like any other."));

    m_add = rowButton(tr("Add"), tr("Add a 3×3 convolution after the selected layer"));
    m_remove = rowButton(tr("Remove"), tr("Remove the selected layer"));
    m_up = rowButton(tr("Up"), tr("Move the selected layer towards the input"));
    m_down = rowButton(tr("Down"), tr("Move the selected layer towards the output"));
    auto* buttons = new QHBoxLayout;
    for (QToolButton* b : {m_add, m_remove, m_up, m_down}) buttons->addWidget(b);
    buttons->addStretch(1);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);

    connect(m_table, &QTableWidget::itemChanged, this, &LayerStackEditor::edited);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &LayerStackEditor::updateButtons);
    connect(m_add, &QToolButton::clicked, this, &LayerStackEditor::addLayer);
    connect(m_remove, &QToolButton::clicked, this, &LayerStackEditor::removeLayer);
    connect(m_up, &QToolButton::clicked, this, [this] { moveLayer(-1); });
    connect(m_down, &QToolButton::clicked, this, [this] { moveLayer(1); });
    updateButtons();
}

void LayerStackEditor::setLayers(const std::vector<conv::LayerGeometry>& layers) {
    const QSignalBlocker block(m_table);
    const int rows = std::min(static_cast<int>(layers.size()), kMaxLayers);
    m_table->setRowCount(0);
    m_table->setRowCount(rows);
    for (int r = 0; r < rows; ++r) setRow(r, layers[static_cast<std::size_t>(r)]);
    updateButtons();
}

void LayerStackEditor::setRow(int row, const conv::LayerGeometry& layer) {
    const QSignalBlocker block(m_table);
    m_table->setItem(row, ColName, new QTableWidgetItem(QString::fromStdString(layer.name)));
    const int values[] = {layer.kernel, layer.stride, layer.dilation, layer.padding};
    for (int c = ColKernel; c <= ColPadding; ++c) {
        auto* item = new QTableWidgetItem;
        item->setData(Qt::EditRole, values[c - ColKernel]);
        item->setTextAlignment(Qt::AlignCenter);
        m_table->setItem(row, c, item);
    }
}

bool LayerStackEditor::readLayers(std::vector<conv::LayerGeometry>* layers, QString* error) const {
    static const char* const kField[] = {nullptr, QT_TR_NOOP("kernel"), QT_TR_NOOP("stride"),
                                         QT_TR_NOOP("dilation"), QT_TR_NOOP("padding")};
    layers->clear();
    for (int r = 0; r < m_table->rowCount(); ++r) {
        conv::LayerGeometry layer;
        const QTableWidgetItem* nameItem = m_table->item(r, ColName);
        layer.name = nameItem ? nameItem->text().trimmed().toStdString() : std::string();
        int values[4] = {0, 0, 0, 0};
        for (int c = ColKernel; c <= ColPadding; ++c) {
            const QTableWidgetItem* item = m_table->item(r, c);
            bool ok = false;
            const int v = item ? item->data(Qt::EditRole).toString().trimmed().toInt(&ok) : 0;
            const int lowest = c == ColPadding ? 0 : 1;
            if (!ok || v < lowest) {
                const QString name =
                    layer.name.empty() ? tr("layer %1").arg(r + 1) : QString::fromStdString(layer.name);
                *error = tr("Layer %1 (%2): the %3 must be a whole number of at least %4.")
                             .arg(r + 1)
                             .arg(name, tr(kField[c]))
                             .arg(lowest);
                return false;
            }
            values[c - ColKernel] = v;
        }
        layer.kernel = values[0];
        layer.stride = values[1];
        layer.dilation = values[2];
        layer.padding = values[3];
        layers->push_back(layer);
    }
    return true;
}

void LayerStackEditor::addLayer() {
    if (m_table->rowCount() >= kMaxLayers) return;
    const int current = m_table->currentRow();
    const int row = current < 0 ? m_table->rowCount() : current + 1;
    {
        const QSignalBlocker block(m_table);
        m_table->insertRow(row);
    }
    setRow(row, {QStringLiteral("conv%1").arg(m_table->rowCount()).toStdString(), 3, 1, 1, 0});
    m_table->selectRow(row);
    updateButtons();
    Q_EMIT edited();
}

void LayerStackEditor::removeLayer() {
    const int row = m_table->currentRow();
    if (row < 0) return;
    m_table->removeRow(row);
    const int last = m_table->rowCount() - 1;
    if (last >= 0) m_table->selectRow(row < last ? row : last);
    updateButtons();
    Q_EMIT edited();
}

void LayerStackEditor::moveLayer(int delta) {
    const int row = m_table->currentRow();
    const int target = row + delta;
    if (row < 0 || target < 0 || target >= m_table->rowCount()) return;
    {
        const QSignalBlocker block(m_table);
        for (int c = 0; c < ColumnCount; ++c) {
            QTableWidgetItem* a = m_table->takeItem(row, c);
            QTableWidgetItem* b = m_table->takeItem(target, c);
            m_table->setItem(row, c, b);
            m_table->setItem(target, c, a);
        }
    }
    m_table->selectRow(target);
    updateButtons();
    Q_EMIT edited();
}

void LayerStackEditor::updateButtons() {
    const int row = m_table->currentRow();
    const bool selected = row >= 0 && !m_table->selectedItems().isEmpty();
    m_add->setEnabled(m_table->rowCount() < kMaxLayers);
    m_remove->setEnabled(selected);
    m_up->setEnabled(selected && row > 0);
    m_down->setEnabled(selected && row < m_table->rowCount() - 1);
}

}  // namespace convscope::gui
