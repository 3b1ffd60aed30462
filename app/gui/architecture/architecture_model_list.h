#pragma once

#include <QString>

class QComboBox;

namespace convscope::gui {

/// The Architecture panel's model list: the zoo's models (item data: the catalog name) and, after them,
/// the imported TorchScript files opened so far (data "torchscript", the file in kImportedFileRole), shown
/// as "tiny_net.pt (imported)".
namespace architecture_models {

inline constexpr int kImportedFileRole = 0x0101;  // Qt::UserRole + 1
inline constexpr const char* kImportedName = "torchscript";

/// The item for `model` (and, for "torchscript", `file`), or -1.
int find(const QComboBox* combo, const QString& model, const QString& file);
/// The item of the imported `file`, added at the end when it is not there yet.
int addImported(QComboBox* combo, const QString& file);
/// The current item's file: empty for a model of the zoo.
QString currentFile(const QComboBox* combo);
bool isImported(const QString& model);

}  // namespace architecture_models

}  // namespace convscope::gui
