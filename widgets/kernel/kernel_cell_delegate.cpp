#include "widgets/kernel/kernel_cell_delegate.h"

#include <QLineEdit>

#include "widgets/common/number_text.h"

namespace convscope::widgets {

QWidget* KernelCellDelegate::createEditor(QWidget* parent, const QStyleOptionViewItem&,
                                          const QModelIndex&) const {
    auto* editor = new QLineEdit(parent);
    editor->setAlignment(Qt::AlignCenter);
    editor->setFrame(false);
    // Deliberately no validator: a rejected entry gets an explanation instead of keys that silently fail.
    return editor;
}

void KernelCellDelegate::setEditorData(QWidget* editor, const QModelIndex& index) const {
    auto* line = qobject_cast<QLineEdit*>(editor);
    if (!line) return;
    const QVariant exact = index.data(Qt::UserRole);
    line->setText(exact.isValid() ? exactNumber(exact.toDouble()) : index.data(Qt::EditRole).toString());
    line->selectAll();
}

void KernelCellDelegate::setModelData(QWidget* editor, QAbstractItemModel*, const QModelIndex& index) const {
    auto* line = qobject_cast<QLineEdit*>(editor);
    if (!line) return;
    const QVariant exact = index.data(Qt::UserRole);
    // Confirming the untouched exact text is not an edit.
    if (exact.isValid() && line->text() == exactNumber(exact.toDouble())) return;
    Q_EMIT textEntered(index.row(), index.column(), line->text());
}

}  // namespace convscope::widgets
