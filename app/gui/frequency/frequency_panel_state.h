#pragma once

#include <QByteArray>
#include <QString>
#include <QVariantMap>

#include <optional>

#include "core/common/kernel.h"

namespace convscope::gui {

/// What the Frequency panel remembers between sessions, read and written in one place. Reading never fails:
/// values that do not parse become the defaults below (which are what a first start shows).
struct FrequencyPanelState {
    int page = 0;                                   ///< 0 kernel response, 1 convolution theorem, 2 speed
    bool followFilters = true;                      ///< kernel A: the Filters panel's, or one chosen here
    QString ownPreset = QStringLiteral("sobel-x");  ///< the kernel chosen here: a preset name or "custom"
    QVariantMap ownParams;                          ///< the preset's parameters by key
    std::optional<common::Kernel> ownCustom;        ///< when the kernel chosen here is a custom one
    QString compare = QStringLiteral("seed-binomial-5x5");  ///< kernel B's id; empty: no comparison
    int size = 256;
    int scale = 1;   ///< spectral::MagnitudeScale: Log1p, the seed's
    int origin = 0;  ///< spectral::KernelOrigin
    int of = 0;      ///< spectral::ResponseOf
    bool padTheorem = true;
    QByteArray splitter;  ///< QSplitter::saveState of controls | pages

    static FrequencyPanelState load();
    void save() const;
};

}  // namespace convscope::gui
