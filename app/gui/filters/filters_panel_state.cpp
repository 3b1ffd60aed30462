#include "app/gui/filters/filters_panel_state.h"

#include <QDataStream>
#include <QIODevice>
#include <QVector>

#include <exception>

#include "app/gui/shell/app_settings.h"

namespace convscope::gui {

namespace {

template <typename Parse, typename Value>
Value parsedOr(Parse parse, const QString& text, Value fallback) {
    try {
        return parse(text.toStdString());
    } catch (const std::exception&) {
        return fallback;
    }
}

}  // namespace

FiltersPanelState FiltersPanelState::load() {
    const AppSettings s;
    FiltersPanelState state;
    state.preset = s.filterPreset();
    state.params = s.filterParams();
    const QVector<double> values = s.customKernelValues();
    try {
        state.customKernel = common::Kernel(s.customKernelRows(), s.customKernelCols(),
                                            std::vector<double>(values.begin(), values.end()));
    } catch (const std::exception&) {
        state.customKernel.reset();  // none saved, or not a valid kernel
    }
    state.options.mode = parsedOr(imaging::parseCorrelationMode, s.correlationMode(), state.options.mode);
    state.options.border = parsedOr(imaging::parseBorderMode, s.borderMode(), state.options.border);
    state.options.grayscale = s.grayscale();
    state.display.mode = parsedOr(imaging::parseSignedDisplay, s.signedDisplay(), state.display.mode);
    state.display.stretch = s.stretch();
    const int mode = s.filterViewMode();
    state.viewMode = mode >= 0 && mode <= 2 ? mode : 0;
    state.splitPosition = s.splitPosition();
    // AppSettings has one entry for the panel's splitters: both states go into it, in this order.
    QDataStream in(s.filtersSplitterState());
    QByteArray controls, centre;
    in >> controls >> centre;
    if (in.status() == QDataStream::Ok) {
        state.controlsSplitter = controls;
        state.centreSplitter = centre;
    }
    return state;
}

void FiltersPanelState::save() const {
    AppSettings s;
    s.setFilterPreset(preset);
    s.setFilterParams(params);
    if (customKernel) {
        const auto& v = customKernel->values();
        s.setCustomKernel(customKernel->rows(), customKernel->cols(), QVector<double>(v.begin(), v.end()));
    }
    s.setCorrelationMode(QString::fromStdString(imaging::toString(options.mode)));
    s.setBorderMode(QString::fromStdString(imaging::toString(options.border)));
    s.setGrayscale(options.grayscale);
    s.setSignedDisplay(QString::fromStdString(imaging::toString(display.mode)));
    s.setStretch(display.stretch);
    s.setFilterViewMode(viewMode);
    s.setSplitPosition(splitPosition);
    QByteArray splitters;
    QDataStream out(&splitters, QIODevice::WriteOnly);
    out << controlsSplitter << centreSplitter;
    s.setFiltersSplitterState(splitters);
}

}  // namespace convscope::gui
