#pragma once

#include <QDialog>

#include <string>
#include <vector>

#include "app/gui/imported/imported_model_store.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;

namespace convscope::gui {

/// Asks what a TorchScript file cannot tell: the input shape (C×H×W), the normalisation its training used
/// (none, ImageNet, Fashion-MNIST) and, optionally, a text file of class names. Prefilled with what was
/// given the last time this file was opened. A shape that does not parse or a class names file that cannot
/// be read keeps the dialog open with the reason under the fields; whether the model accepts the shape is
/// checked after, off the GUI thread, when the model is loaded.
///
/// The nodes whose feature maps are shown (and that the Explain panel offers as Grad-CAM layers): once the
/// file has opened, a checkable list of its operations, its convolutions checked by default; before, their
/// names as `convscope-cli describe` prints them, separated by commas (checked when the model loads).
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
    /// The nodes as text: shown while the file's operations are not known.
    QLineEdit* nodesEdit() const { return m_nodes; }
    /// The nodes as a checkable list of the file's operations: shown once they are known.
    QListWidget* nodesList() const { return m_nodesList; }
    /// The reason the last accept was refused, or empty.
    QString errorText() const;

    void accept() override;

private:
    void browseClassNames();
    void fillNodes(const ImportedModelEntry& remembered);
    /// The chosen taps; empty for every convolution. Throws std::invalid_argument when none is checked.
    std::vector<std::string> chosenTaps() const;

    QString m_path;
    ImportedModelEntry m_entry;
    QLineEdit* m_shape = nullptr;
    QComboBox* m_normalisation = nullptr;
    QLineEdit* m_classNames = nullptr;
    QLineEdit* m_nodes = nullptr;
    QListWidget* m_nodesList = nullptr;
    QLabel* m_error = nullptr;
};

}  // namespace convscope::gui
