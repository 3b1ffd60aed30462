#pragma once

#include <QStyledItemDelegate>

namespace convscope::widgets {

/// Cell editor for KernelGridEditor: cells display a rounded value, but the editor opens on the exact value
/// (held in Qt::UserRole), so that confirming an edit without typing never rounds the kernel. The typed text
/// is handed over by textEntered instead of being written to the model, so that it is seen even when it
/// equals the rounded text already shown (the model would drop such a write as "no change").
class KernelCellDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem& option,
                          const QModelIndex& index) const override;
    void setEditorData(QWidget* editor, const QModelIndex& index) const override;
    void setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const override;

Q_SIGNALS:
    void textEntered(int row, int column, const QString& text) const;
};

}  // namespace convscope::widgets
