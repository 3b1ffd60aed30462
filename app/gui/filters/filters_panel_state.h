#pragma once

#include <QByteArray>
#include <QString>
#include <QVariantMap>

#include <optional>

#include "core/common/kernel.h"
#include "core/imaging/filter_options.h"

namespace convscope::gui {

/// Everything the Filters panel remembers between sessions, read from and written to AppSettings in one
/// place. Reading never fails: values that do not parse (a hand-edited or outdated file) become defaults.
struct FiltersPanelState {
    QString preset;                              ///< a preset name, or "custom"
    QVariantMap params;                          ///< the preset's parameters by key
    std::optional<common::Kernel> customKernel;  ///< when a valid custom kernel was saved
    imaging::FilterOptions options;
    imaging::DisplayOptions display;
    int viewMode = 0;  ///< FiltersPanel::ViewMode, 0..2
    double splitPosition = 0.5;
    QByteArray controlsSplitter;  ///< QSplitter::saveState of controls | centre
    QByteArray centreSplitter;    ///< QSplitter::saveState of views / inspector

    static FiltersPanelState load();
    void save() const;
};

}  // namespace convscope::gui
