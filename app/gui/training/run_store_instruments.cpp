// A run's instruments of training on disk: instruments.jsonl in the run's folder, one compact JSON object per
// line. The names are written once, on the file's first line, because a run's parameters do not change:
//
//   {"names": {"parameters": [...], "ranks": [...], "weight_parameters": [...], "relu_taps": [...],
//              "weight_hist": [...], "grad_hist": [...]}}
//   {"step": 10, "epoch": 1, "grad_norms": [...], "update_ratios": [...], "weight_norms": [...],
//    "dead_relu": [...], "weight_hist": [[low, high, zeros, [counts...]], ...], "grad_hist": [...]}
//
// Values follow the order of the names. A NaN (an update ratio where ‖w‖ = 0) is written as null and read
// back as NaN. A frame whose lengths do not match the names it follows is skipped when read.
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>
#include <limits>

#include "app/gui/training/run_store.h"

namespace convscope::gui {

namespace {

QString instrumentsJsonPath(const QString& directory) {
    return directory + QStringLiteral("/instruments.jsonl");
}

QJsonArray instrumentNumbers(const QVector<double>& v) {
    QJsonArray a;
    for (double x : v) a.append(std::isfinite(x) ? QJsonValue(x) : QJsonValue());
    return a;
}

QVector<double> instrumentNumbersFrom(const QJsonValue& value) {
    QVector<double> out;
    for (const QJsonValue& v : value.toArray())
        out.push_back(v.isDouble() ? v.toDouble() : std::numeric_limits<double>::quiet_NaN());
    return out;
}

QStringList instrumentNamesFrom(const QJsonValue& value) {
    QStringList out;
    for (const QJsonValue& v : value.toArray()) out.push_back(v.toString());
    return out;
}

QStringList instrumentHistogramNames(const QVector<InstrumentHistogram>& histograms) {
    QStringList names;
    for (const InstrumentHistogram& h : histograms) names.push_back(h.parameter);
    return names;
}

QJsonArray instrumentHistogramsJson(const QVector<InstrumentHistogram>& histograms) {
    QJsonArray all;
    for (const InstrumentHistogram& h : histograms) {
        QJsonArray counts;
        for (qint64 c : h.counts) counts.append(c);
        all.append(QJsonArray{h.low, h.high, h.zeros, counts});
    }
    return all;
}

bool instrumentHistogramsFrom(const QJsonValue& value, const QStringList& names,
                              QVector<InstrumentHistogram>* out) {
    const QJsonArray all = value.toArray();
    if (all.size() != names.size()) return false;
    for (int i = 0; i < all.size(); ++i) {
        const QJsonArray h = all[i].toArray();
        if (h.size() != 4) return false;
        InstrumentHistogram histogram;
        histogram.parameter = names[i];
        histogram.low = h[0].toDouble();
        histogram.high = h[1].toDouble();
        histogram.zeros = h[2].toInteger();
        for (const QJsonValue& c : h[3].toArray()) histogram.counts.push_back(c.toInteger());
        out->push_back(std::move(histogram));
    }
    return true;
}

QJsonArray instrumentStrings(const QStringList& list) {
    return QJsonArray::fromStringList(list);
}

}  // namespace

void RunStore::appendInstruments(const RunRecord& run, const InstrumentFrame& f) {
    if (run.directory.isEmpty()) return;
    QFile file(instrumentsJsonPath(run.directory));
    const bool first = !file.exists() || QFileInfo(file).size() == 0;
    if (!file.open(QIODevice::Append | QIODevice::Text)) return;
    if (first) {
        QJsonArray ranks;
        for (int r : f.parameterRanks) ranks.append(r);
        const QJsonObject names{
            {QStringLiteral("parameters"), instrumentStrings(f.parameters)},
            {QStringLiteral("ranks"), ranks},
            {QStringLiteral("weight_parameters"), instrumentStrings(f.weightParameters)},
            {QStringLiteral("relu_taps"), instrumentStrings(f.reluTaps)},
            {QStringLiteral("weight_hist"), instrumentStrings(instrumentHistogramNames(f.weightHistograms))},
            {QStringLiteral("grad_hist"), instrumentStrings(instrumentHistogramNames(f.gradHistograms))}};
        file.write(
            QJsonDocument(QJsonObject{{QStringLiteral("names"), names}}).toJson(QJsonDocument::Compact));
        file.write("\n");
    }
    const QJsonObject line{{QStringLiteral("step"), f.step},
                           {QStringLiteral("epoch"), f.epoch},
                           {QStringLiteral("grad_norms"), instrumentNumbers(f.gradNorms)},
                           {QStringLiteral("update_ratios"), instrumentNumbers(f.updateRatios)},
                           {QStringLiteral("weight_norms"), instrumentNumbers(f.weightNorms)},
                           {QStringLiteral("dead_relu"), instrumentNumbers(f.deadRelu)},
                           {QStringLiteral("weight_hist"), instrumentHistogramsJson(f.weightHistograms)},
                           {QStringLiteral("grad_hist"), instrumentHistogramsJson(f.gradHistograms)}};
    file.write(QJsonDocument(line).toJson(QJsonDocument::Compact));
    file.write("\n");
}

QVector<InstrumentFrame> RunStore::loadInstruments(const QString& directory) {
    QVector<InstrumentFrame> frames;
    QFile file(instrumentsJsonPath(directory));
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) return frames;
    InstrumentFrame names;  // the latest "names" line
    QStringList weightHistNames, gradHistNames;
    while (!file.atEnd()) {
        const QJsonObject o = QJsonDocument::fromJson(file.readLine()).object();
        if (o.contains(QLatin1String("names"))) {
            const QJsonObject n = o.value(QLatin1String("names")).toObject();
            names = InstrumentFrame();
            names.parameters = instrumentNamesFrom(n.value(QLatin1String("parameters")));
            for (const QJsonValue& r : n.value(QLatin1String("ranks")).toArray())
                names.parameterRanks.push_back(r.toInt());
            names.weightParameters = instrumentNamesFrom(n.value(QLatin1String("weight_parameters")));
            names.reluTaps = instrumentNamesFrom(n.value(QLatin1String("relu_taps")));
            weightHistNames = instrumentNamesFrom(n.value(QLatin1String("weight_hist")));
            gradHistNames = instrumentNamesFrom(n.value(QLatin1String("grad_hist")));
            continue;
        }
        if (!o.contains(QLatin1String("step"))) continue;  // an unreadable or cut-off line
        InstrumentFrame f = names;
        f.step = o.value(QLatin1String("step")).toInteger();
        f.epoch = o.value(QLatin1String("epoch")).toInt();
        f.gradNorms = instrumentNumbersFrom(o.value(QLatin1String("grad_norms")));
        f.updateRatios = instrumentNumbersFrom(o.value(QLatin1String("update_ratios")));
        f.weightNorms = instrumentNumbersFrom(o.value(QLatin1String("weight_norms")));
        f.deadRelu = instrumentNumbersFrom(o.value(QLatin1String("dead_relu")));
        const bool fits =
            f.gradNorms.size() == f.parameters.size() && f.updateRatios.size() == f.parameters.size() &&
            f.weightNorms.size() == f.weightParameters.size() && f.deadRelu.size() == f.reluTaps.size() &&
            instrumentHistogramsFrom(o.value(QLatin1String("weight_hist")), weightHistNames,
                                     &f.weightHistograms) &&
            instrumentHistogramsFrom(o.value(QLatin1String("grad_hist")), gradHistNames, &f.gradHistograms);
        if (fits) frames.push_back(std::move(f));
    }
    return frames;
}

}  // namespace convscope::gui
