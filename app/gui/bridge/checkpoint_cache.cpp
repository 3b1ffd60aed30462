#include "app/gui/bridge/checkpoint_cache.h"

#include <QFileInfo>
#include <QStringList>

#include "core/nn/imported/scripted_classifier.h"
#include "core/nn/models/model_factory.h"
#include "core/nn/train/checkpoint.h"

namespace convscope::gui::bridge {

namespace {

QString optionsText(const nn::ImportOptions& o) {
    QString text;
    for (std::int64_t v : o.inputShape) text += QString::number(v) + QLatin1Char('x');
    text += QString::fromStdString(o.normalisation);
    for (double v : o.mean) text += QLatin1Char(' ') + QString::number(v, 'g', 17);
    for (double v : o.stdev) text += QLatin1Char(' ') + QString::number(v, 'g', 17);
    for (const std::string& c : o.classNames) text += QLatin1Char('|') + QString::fromStdString(c);
    return text;
}

QString tapsText(const std::vector<std::string>& taps) {
    QStringList names;
    for (const std::string& t : taps) names << QString::fromStdString(t);
    return names.join(QLatin1Char(','));
}

}  // namespace

void CheckpointCache::load(const QString& path, const std::optional<nn::ImportOptions>& imported) {
    if (!imported) {
        load(path);
        return;
    }
    const QFileInfo info(path);
    const QString options = optionsText(*imported);
    const QString taps = tapsText(imported->taps);
    if (m_model && m_imported && path == m_path && options == m_options && info.exists() &&
        info.lastModified() == m_time && info.size() == m_bytes) {
        // Other nodes to tap need no second load. setTaps names an unknown node in its ImportError.
        if (taps != m_taps) {
            static_cast<nn::ScriptedClassifierImpl&>(*m_model).setTaps(imported->taps);
            m_taps = taps;
        }
        return;
    }
    m_model.reset();
    m_path.clear();
    nn::ImportOptions o = *imported;
    o.file = path.toStdString();
    // The loader's own sentence for a missing, truncated or foreign file names it.
    const nn::ScriptedClassifier model = nn::ScriptedClassifierImpl::load(o.file, o.inputShape);
    m_config = nn::importedConfig(o, model->classes());
    model->setTaps(o.taps);
    model->eval();
    m_model = model;
    m_imported = true;
    m_options = options;
    m_taps = taps;
    m_path = path;
    m_time = info.lastModified();
    m_bytes = info.size();
    m_step = 0;
}

void CheckpointCache::load(const QString& path) {
    const QFileInfo info(path);
    if (!info.exists()) {
        m_model.reset();
        m_path.clear();
        throw nn::CheckpointError(QObject::tr("the file does not exist").toStdString());
    }
    if (m_model && !m_imported && path == m_path && info.lastModified() == m_time && info.size() == m_bytes)
        return;
    m_model.reset();
    m_path.clear();
    const std::string file = path.toStdString();
    const nn::CheckpointState state = nn::readCheckpointState(file);
    nn::Classifier model = nn::makeModel(state.config.model);
    nn::loadCheckpoint(file, *model, nullptr, state.config.model);
    model->eval();
    m_model = model;
    m_imported = false;
    m_options.clear();
    m_taps.clear();
    m_config = state.config;
    m_path = path;
    m_time = info.lastModified();
    m_bytes = info.size();
    m_step = state.step;
}

QString CheckpointCache::key() const {
    return QStringLiteral("%1|%2|%3|%4|%5")
        .arg(m_path, m_time.toString(Qt::ISODateWithMs))
        .arg(m_bytes)
        .arg(m_options, m_taps);
}

}  // namespace convscope::gui::bridge
