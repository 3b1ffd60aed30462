#pragma once

#include <QByteArray>
#include <QString>

namespace convscope::gui {

/// What the Architecture panel remembers between sessions, read and written in one place. Reading never
/// fails: values that do not parse become the defaults below (the seed's ResNet-18 on ImageNet's input).
struct ArchitecturePanelState {
    QString model = QStringLiteral("resnet18");
    QString file;  ///< model "torchscript": the imported file
    int inChannels = 3;
    int classes = 1000;
    int inputSize = 224;
    bool imagenetStem = true;
    int page = 0;  ///< 0 diagram, 1 layers, 2 model zoo, 3 costs
    QByteArray diagramSplitter;
    bool gradientColouring = false;  ///< the diagram coloured by the training run's gradient norms

    static ArchitecturePanelState load();
    void save() const;
};

}  // namespace convscope::gui
