#include "app/gui/training/weights_file_probe.h"

#include <caffe2/serialize/inline_container.h>
#include <QFileInfo>

#include <exception>

#include "core/nn/train/checkpoint.h"

namespace convscope::gui {

WeightsFileProbe probeWeightsFile(const QString& path) {
    WeightsFileProbe p;
    p.path = QFileInfo(path).absoluteFilePath();
    if (!QFileInfo(p.path).isFile()) {
        p.error = QObject::tr("%1 does not exist or is not a file.").arg(p.path);
        return p;
    }
    try {
        const nn::CheckpointState state = nn::readCheckpointState(p.path.toStdString());
        p.kind = WeightsFileProbe::Kind::Checkpoint;
        p.config = state.config;
        p.epochsDone = state.epochsDone;
        return p;
    } catch (const std::exception&) {
        // Not a ConvScope checkpoint: perhaps TorchScript.
    }
    try {
        // torch.jit.save writes a zip whose records include the module's compiled code; torch.save (a
        // state dict, a pickled module) writes the data alone, which ConvScope cannot build a model from.
        caffe2::serialize::PyTorchStreamReader reader(p.path.toStdString());
        for (const std::string& record : reader.getAllRecords())
            if (record.rfind("code/", 0) == 0) {
                p.kind = WeightsFileProbe::Kind::TorchScript;
                return p;
            }
        p.error = QObject::tr(
                      "%1 holds weights without the code of a model (torch.save?): save the model "
                      "with torch.jit.save, or choose a ConvScope checkpoint.")
                      .arg(QFileInfo(p.path).fileName());
    } catch (const std::exception&) {
        p.error = QObject::tr("%1 is neither a ConvScope checkpoint nor a TorchScript file (torch.jit.save).")
                      .arg(QFileInfo(p.path).fileName());
    }
    return p;
}

}  // namespace convscope::gui
