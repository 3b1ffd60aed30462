#include "app/gui/imported/imported_model_store.h"

#include <QCryptographicHash>
#include <QFileInfo>
#include <QStringList>
#include <QVariantMap>

#include <exception>

#include "app/gui/support/settings_file.h"

namespace convscope::gui {

namespace {

// Paths hold slashes, which QSettings reads as groups: each file is stored under a hash of its path.
QString importedModelKey(const QString& absolutePath) {
    const QByteArray hash = QCryptographicHash::hash(absolutePath.toUtf8(), QCryptographicHash::Sha1);
    return QStringLiteral("importedModels/") + QString::fromLatin1(hash.toHex().left(16));
}

QString absolutePathOf(const QString& path) {
    return QFileInfo(path).absoluteFilePath();
}

QVariantList numberList(const std::vector<double>& values) {
    QVariantList list;
    for (double v : values) list << v;
    return list;
}

std::vector<double> numbersOf(const QVariant& value) {
    std::vector<double> values;
    for (const QVariant& v : value.toList()) values.push_back(v.toDouble());
    return values;
}

}  // namespace

QString ImportedModelStore::shapeText(const std::vector<std::int64_t>& shape) {
    QStringList parts;
    for (std::int64_t v : shape) parts << QString::number(v);
    return parts.join(QLatin1Char('x'));
}

std::optional<ImportedModelEntry> ImportedModelStore::find(const QString& path) {
    if (path.isEmpty()) return std::nullopt;
    const QString file = absolutePathOf(path);
    const QVariantMap map = SettingsFile().value(importedModelKey(file)).toMap();
    if (map.value(QStringLiteral("file")).toString() != file) return std::nullopt;
    ImportedModelEntry e;
    e.options.file = file.toStdString();
    try {
        e.options.inputShape =
            nn::parseInputShape(map.value(QStringLiteral("input")).toString().toStdString());
    } catch (const std::exception&) {
        return std::nullopt;  // a hand-edited settings file: the file is asked about again
    }
    e.options.normalisation =
        map.value(QStringLiteral("normalisation"), QStringLiteral("none")).toString().toStdString();
    e.options.mean = numbersOf(map.value(QStringLiteral("mean")));
    e.options.stdev = numbersOf(map.value(QStringLiteral("std")));
    for (const QString& name : map.value(QStringLiteral("classNames")).toStringList())
        e.options.classNames.push_back(name.toStdString());
    e.classNamesFile = map.value(QStringLiteral("classNamesFile")).toString();
    e.classes = map.value(QStringLiteral("classes"), 0).toInt();
    for (const QString& tap : map.value(QStringLiteral("taps")).toStringList())
        e.options.taps.push_back(tap.toStdString());
    e.operations = map.value(QStringLiteral("operations")).toStringList();
    e.convolutions = map.value(QStringLiteral("convolutions")).toStringList();
    return e;
}

std::optional<nn::ImportOptions> ImportedModelStore::optionsFor(const QString& path) {
    if (const auto e = find(path)) return e->options;
    return std::nullopt;
}

void ImportedModelStore::remember(const ImportedModelEntry& entry) {
    const QString file = absolutePathOf(QString::fromStdString(entry.options.file));
    QVariantMap map;
    map.insert(QStringLiteral("file"), file);
    map.insert(QStringLiteral("input"), shapeText(entry.options.inputShape));
    map.insert(QStringLiteral("normalisation"), QString::fromStdString(entry.options.normalisation));
    map.insert(QStringLiteral("mean"), numberList(entry.options.mean));
    map.insert(QStringLiteral("std"), numberList(entry.options.stdev));
    QStringList names;
    for (const std::string& n : entry.options.classNames) names << QString::fromStdString(n);
    map.insert(QStringLiteral("classNames"), names);
    map.insert(QStringLiteral("classNamesFile"), entry.classNamesFile);
    map.insert(QStringLiteral("classes"), entry.classes);
    QStringList taps;
    for (const std::string& t : entry.options.taps) taps << QString::fromStdString(t);
    map.insert(QStringLiteral("taps"), taps);
    map.insert(QStringLiteral("operations"), entry.operations);
    map.insert(QStringLiteral("convolutions"), entry.convolutions);
    SettingsFile().setValue(importedModelKey(file), map);
}

}  // namespace convscope::gui
