#pragma once

#include <QDialog>

#include "app/gui/imported/imported_model_store.h"

class QComboBox;
class QLabel;
class QLineEdit;

namespace convscope::gui {

/// Asks what a TorchScript file cannot tell: the input shape (C×H×W), the normalisation its training used
/// (none, ImageNet, Fashion-MNIST) and, optionally, a text file of class names. Prefilled with what was
/// given the last time this file was opened. A shape that does not parse or a class names file that cannot
/// be read keeps the dialog open with the reason under the fields; whether the model accepts the shape is
/// checked after, off the GUI thread, when the model is loaded.
class ImportDialog : public QDialog {
    Q_OBJECT
public:
    /// `remembered`: the entry of a file opened before, or nothing for a first open.
    ImportDialog(const QString& path, const std::optional<ImportedModelEntry>& remembered,
                 QWidget* parent = nullptr);

    /// What was entered (valid once the dialog has been accepted).
    ImportedModelEntry entry() const { return m_entry; }
    QString path() const { return m_path; }
    QLineEdit* shapeEdit() const { return m_shape; }
    QComboBox* normalisationCombo() const { return m_normalisation; }
    QLineEdit* classNamesEdit() const { return m_classNames; }
    /// The reason the last accept was refused, or empty.
    QString errorText() const;

    void accept() override;

private:
    void browseClassNames();

    QString m_path;
    ImportedModelEntry m_entry;
    QLineEdit* m_shape = nullptr;
    QComboBox* m_normalisation = nullptr;
    QLineEdit* m_classNames = nullptr;
    QLabel* m_error = nullptr;
};

}  // namespace convscope::gui
