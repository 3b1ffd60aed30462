#include "app/gui/imported/model_import_flow.h"

#include <QWidget>

#include "app/gui/imported/import_dialog.h"

namespace convscope::gui {

ModelImportFlow::ModelImportFlow(QWidget* dialogParent, QObject* parent)
    : QObject(parent), m_dialogParent(dialogParent), m_controller(new ImportController(this)) {
    connect(m_controller, &ImportController::opened, this, [this](const ImportedModelInfo& info) {
        ImportedModelStore::remember(info.entry);
        Q_EMIT opened(info);
    });
    connect(m_controller, &ImportController::failed, this, &ModelImportFlow::failed);
}

void ModelImportFlow::start(const QString& path) {
    auto* dialog = new ImportDialog(path, ImportedModelStore::find(path), m_dialogParent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { m_controller->open(dialog->entry()); });
    // Window-modal and non-blocking: no nested event loop.
    dialog->open();
}

}  // namespace convscope::gui
