#include "app/gui/architecture/architecture_model_list.h"

#include <QComboBox>
#include <QDir>
#include <QFileInfo>

namespace convscope::gui::architecture_models {

bool isImported(const QString& model) {
    return model == QLatin1String(kImportedName);
}

int find(const QComboBox* combo, const QString& model, const QString& file) {
    if (!isImported(model)) return combo->findData(model);
    const QString path = QFileInfo(file).absoluteFilePath();
    for (int i = 0; i < combo->count(); ++i)
        if (isImported(combo->itemData(i).toString()) &&
            combo->itemData(i, kImportedFileRole).toString() == path)
            return i;
    return -1;
}

int addImported(QComboBox* combo, const QString& file) {
    if (const int index = find(combo, QLatin1String(kImportedName), file); index >= 0) return index;
    bool first = true;
    for (int i = 0; i < combo->count() && first; ++i) first = !isImported(combo->itemData(i).toString());
    if (first) combo->insertSeparator(combo->count());
    const QString path = QFileInfo(file).absoluteFilePath();
    combo->addItem(QObject::tr("%1 (imported)").arg(QFileInfo(path).fileName()),
                   QLatin1String(kImportedName));
    const int index = combo->count() - 1;
    combo->setItemData(index, path, kImportedFileRole);
    combo->setItemData(index, QDir::toNativeSeparators(path), Qt::ToolTipRole);
    return index;
}

QString currentFile(const QComboBox* combo) {
    return isImported(combo->currentData().toString()) ? combo->currentData(kImportedFileRole).toString()
                                                       : QString();
}

}  // namespace convscope::gui::architecture_models
