#pragma once

#include <QString>

namespace convscope::gui {

/// What the Training panel remembers between sessions: the form (its preset and every option, as
/// nn::TrainConfig::toText writes them) and the data folder. Reading never fails: a configuration that does
/// not parse leaves the form's defaults (the quick preset).
struct TrainingPanelState {
    QString preset;      ///< a preset id or "custom"; empty when none was saved
    QString configText;  ///< nn::TrainConfig::toText; empty when none was saved
    QString dataDirectory;

    static TrainingPanelState load();
    void save() const;
};

}  // namespace convscope::gui
