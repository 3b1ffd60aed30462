#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace convscope::gui {

/// What the Explain panel remembers between sessions, read and written in one place. Reading never fails:
/// values that do not parse become the defaults below.
struct ExplainPanelState {
    bool openImage = false;  ///< the open image converted, rather than a Fashion-MNIST test image
    int testIndex = 0;
    /// The checkpoint chosen last (empty: none); nothing at all on a first start, when the panel opens the
    /// small pretrained model that ships in assets/.
    std::optional<QString> checkpoint;
    int target = -1;      ///< the class explained; −1: the predicted one
    int selectedMap = 0;  ///< the map File ▸ Export writes as CSV (methods, then the layer strip)
    QByteArray splitter;

    static ExplainPanelState load();
    void save() const;
};

}  // namespace convscope::gui
