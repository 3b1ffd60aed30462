#pragma once

#include <QObject>
#include <QPointer>
#include <QString>

#include "app/gui/imported/import_controller.h"

class QWidget;

namespace convscope::gui {

/// Opening a TorchScript file from a panel, as File ▸ Open Model… does: the import dialog (prefilled with
/// what was given for the file before), then the load off the GUI thread that checks it. A model that opens
/// is remembered in ImportedModelStore, so that the panels' workers read it with its options; a bad one is
/// reported as one sentence and nothing is remembered.
class ModelImportFlow : public QObject {
    Q_OBJECT
public:
    /// `dialogParent`: the window the dialog is modal to (it also owns this object when given as parent).
    explicit ModelImportFlow(QWidget* dialogParent, QObject* parent = nullptr);

    /// Shows the dialog for `path`; Cancel ends the flow without a signal.
    void start(const QString& path);
    bool isBusy() const { return m_controller->isBusy(); }

Q_SIGNALS:
    void opened(const convscope::gui::ImportedModelInfo& info);
    /// `message`: one sentence naming the file and what is wrong.
    void failed(const QString& path, const QString& message);

private:
    QPointer<QWidget> m_dialogParent;
    ImportController* m_controller = nullptr;
};

}  // namespace convscope::gui
