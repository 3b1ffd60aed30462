#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace convscope::gui {

/// What the Feature maps panel remembers between sessions, read and written in one place. Reading never
/// fails: values that do not parse become the defaults below.
struct FeatureMapsPanelState {
    bool openImage = false;  ///< the open image converted, rather than a Fashion-MNIST test image
    int testIndex = 0;
    /// The checkpoint chosen last (empty: none); nothing at all on a first start, when the panel opens the
    /// small pretrained model that ships in assets/.
    std::optional<QString> checkpoint;
    QString tap;       ///< the tap point shown ("layer1.0"), empty for the first
    int channel = -1;  ///< the channel enlarged, -1 for none
    QByteArray splitter;

    static FeatureMapsPanelState load();
    void save() const;
};

}  // namespace convscope::gui
