#include "app/gui/bridge/checkpoint_cache.h"

#include <QFileInfo>

#include "core/nn/models/model_factory.h"
#include "core/nn/train/checkpoint.h"

namespace convscope::gui::bridge {

void CheckpointCache::load(const QString& path) {
    const QFileInfo info(path);
    if (!info.exists()) {
        m_model.reset();
        m_path.clear();
        throw nn::CheckpointError(QObject::tr("the file does not exist").toStdString());
    }
    if (m_model && path == m_path && info.lastModified() == m_time && info.size() == m_bytes) return;
    m_model.reset();
    m_path.clear();
    const std::string file = path.toStdString();
    const nn::CheckpointState state = nn::readCheckpointState(file);
    nn::Classifier model = nn::makeModel(state.config.model);
    nn::loadCheckpoint(file, *model, nullptr, state.config.model);
    model->eval();
    m_model = model;
    m_config = state.config;
    m_path = path;
    m_time = info.lastModified();
    m_bytes = info.size();
    m_step = state.step;
}

QString CheckpointCache::key() const {
    return QStringLiteral("%1|%2|%3").arg(m_path, m_time.toString(Qt::ISODateWithMs)).arg(m_bytes);
}

}  // namespace convscope::gui::bridge
