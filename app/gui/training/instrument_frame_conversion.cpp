#include "app/gui/training/instrument_frame_conversion.h"

#include "core/nn/train/train_config.h"

namespace convscope::gui {

namespace {

QStringList instrumentNames(const nn::NamedValues& values) {
    QStringList names;
    names.reserve(int(values.size()));
    for (const auto& [name, value] : values) names << QString::fromStdString(name);
    return names;
}

QVector<double> instrumentValues(const nn::NamedValues& values) {
    QVector<double> out;
    out.reserve(int(values.size()));
    for (const auto& [name, value] : values) out << value;
    return out;
}

}  // namespace

InstrumentFrame toInstrumentFrame(const nn::BatchMetrics& m) {
    const nn::InstrumentReadings& r = m.instruments;
    InstrumentFrame f;
    f.step = m.step;
    f.epoch = m.epoch;
    f.parameters = instrumentNames(r.gradNorms);
    f.gradNorms = instrumentValues(r.gradNorms);
    // updateRatios has the same trainable parameters in the same order as gradNorms.
    f.updateRatios = instrumentValues(r.updateRatios);
    f.weightParameters = instrumentNames(r.weightNorms);
    f.weightNorms = instrumentValues(r.weightNorms);
    f.reluTaps = instrumentNames(r.deadRelu);
    f.deadRelu = instrumentValues(r.deadRelu);
    f.parameterRanks = QVector<int>(r.gradRanks.begin(), r.gradRanks.end());
    for (const auto* from : {&r.weightHistograms, &r.gradHistograms}) {
        QVector<InstrumentHistogram>& to =
            from == &r.weightHistograms ? f.weightHistograms : f.gradHistograms;
        for (const nn::ValueHistogram& h : *from)
            to.push_back({QString::fromStdString(h.name), h.low, h.high,
                          QVector<qint64>(h.counts.begin(), h.counts.end()), qint64(h.zeros)});
    }
    return f;
}

}  // namespace convscope::gui
