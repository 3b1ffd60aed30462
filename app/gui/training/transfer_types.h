#pragma once

#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QVector>
#include <optional>

#include "core/nn/models/model_config.h"

namespace convscope::gui {

/// The transfer-learning experiment to run (nn::TransferOptions as Qt values, so that the dialog needs no
/// LibTorch header). What it does not name keeps the engine's default.
struct TransferRequest {
    QVector<int> pretrainClasses{0, 1, 2, 3, 4};
    QVector<int> targetClasses{5, 6, 7, 8, 9};
    QVector<qint64> perClass{10, 50, 200};
    int pretrainEpochs = 1;
    int epochs = 15;
    QString freeze = QStringLiteral("none");  ///< of the fine-tuned runs: none or backbone
    quint64 seed = 1;
    QString device = QStringLiteral("cpu");
    int threads = 0;                       ///< 0: the hardware's concurrency
    qint64 limitTest = 1000;               ///< test images per curve point
    std::optional<nn::ModelConfig> model;  ///< nothing: the engine's ResNet-18 (nn::defaultTransferModel)
    QString dataDirectory;                 ///< Fashion-MNIST's folder; empty: Debian's dataset-fashion-mnist
    QString outputDirectory;  ///< where pretrain.ckpt (reused when its settings match) and the runs go
};

/// One run's test accuracy after each epoch, as the experiment reports it.
struct TransferCurve {
    int index = -1;           ///< into TransferOutcome::runs; −1 for the pretraining
    qint64 perClass = 0;      ///< training images per class; 0 for the pretraining
    bool pretrained = false;  ///< fine-tuned from the pretrained weights (else from random weights)
    qint64 trainImages = 0;
    QVector<int> epochs;
    QVector<double> testAccuracy;  ///< 0 … 1, one per epoch
    double finalTestAccuracy = 0.0;
    double seconds = 0.0;
    bool reused = false;  ///< the pretraining's checkpoint was found in the output folder
};

/// How an experiment ended and, when it finished, what it measured.
struct TransferOutcome {
    QString status;  ///< finished, stopped or failed
    QString message;
    TransferCurve pretrain;
    QVector<TransferCurve> runs;  ///< per count: fine-tuned, then from scratch
    QStringList pretrainClassNames, targetClassNames;
    double seconds = 0.0;
};

}  // namespace convscope::gui

Q_DECLARE_METATYPE(convscope::gui::TransferRequest)
Q_DECLARE_METATYPE(convscope::gui::TransferCurve)
Q_DECLARE_METATYPE(convscope::gui::TransferOutcome)
