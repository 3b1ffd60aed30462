#pragma once

#include <QDialog>
#include <QString>

namespace convscope::gui {

/// Help > About ConvScope: what the program is, its version, and the versions of the libraries in use
/// (read at run time where the library can tell, so a bug report names what actually ran).
class AboutDialog : public QDialog {
    Q_OBJECT
public:
    explicit AboutDialog(QWidget* parent = nullptr);

    /// The library versions as plain text, one "name: version" per line (what "Copy" puts on the clipboard).
    static QString versionReport();

private:
    static QString versionTableHtml();
};

}  // namespace convscope::gui
