#include "app/gui/bridge/model_source.h"

#include <QCoreApplication>

#include "app/gui/bridge/checkpoint_cache.h"
#include "core/nn/models/model_config.h"

namespace convscope::gui::bridge {

QString modelSourceText(const CheckpointCache& cache) {
    if (cache.isImported())
        return QCoreApplication::translate("ModelSource", "%1 (imported TorchScript)").arg(cache.path());
    return QCoreApplication::translate("ModelSource", "%1 (%2, step %3)")
        .arg(cache.path(), QString::fromStdString(nn::modelTitle(cache.config().model.name)))
        .arg(cache.step());
}

}  // namespace convscope::gui::bridge
