#pragma once
// The TorchScript fixtures in tests/data/torchscript and PyTorch's answers for them (made by
// make_torchscript_models.py there), for the import tests of core/nn, the CLI and the GUI.
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

namespace convscope::testing {

/// The path of a fixture: "tiny_net_scripted.pt", "tiny_net_features.bin", …
inline QString torchscriptFixture(const char* name) {
    return QStringLiteral(CONVSCOPE_TEST_DATA_DIR "/torchscript/") + QLatin1String(name);
}

/// tiny_net_expected.json: total_params, module_shapes, module_params, conv_outputs, conv_shapes, logits.
inline QJsonObject torchscriptExpected() {
    QFile f(torchscriptFixture("tiny_net_expected.json"));
    if (!f.open(QIODevice::ReadOnly)) return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

}  // namespace convscope::testing
