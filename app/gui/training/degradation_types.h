#pragma once

#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QVector>

namespace convscope::gui {

/// The degradation experiment to run (nn::DegradationOptions as Qt values, so that the dialog needs no
/// LibTorch header). The recipe is the paper's (SGD, momentum 0.9, weight decay 1e-4, learning rate 0.02
/// (the paper: 0.1, unstable for ResNet-56 in runs this short) divided by 10 at 50 % and 75 %, batches of
/// 128); what the form does not choose keeps the engine's default.
struct DegradationRequest {
    QStringList models{QStringLiteral("plain20"), QStringLiteral("plain56"), QStringLiteral("resnet20"),
                       QStringLiteral("resnet56")};
    int epochs = 3;
    qint64 limitTrain = 2500;  ///< training images (the first N of Fashion-MNIST's 60,000); 0: all
    qint64 limitTest = 1000;   ///< test images evaluated after every epoch
    int logEvery = 2;          ///< a loss point and a heatmap column every N batches
    quint64 seed = 1;
    QString device = QStringLiteral("cpu");
    int threads = 0;  ///< 0: the hardware's concurrency
    /// Tests only: a smaller batch for tiny runs; 0 keeps the paper's 128.
    int batchSize = 0;
    QString dataDirectory;  ///< Fashion-MNIST's folder; empty: Debian's dataset-fashion-mnist
};

/// One run as it starts.
struct DegradationRunInfo {
    int index = -1;
    QString model;  ///< "plain56"
    int depth = 0;
    bool residual = false;
    qint64 parameters = 0;
    qint64 trainImages = 0;
    int batchesPerEpoch = 0;
};

/// One run as it ended.
struct DegradationRunSummary {
    DegradationRunInfo info;
    double finalTrainLoss = 0.0;  ///< the last epoch's mean
    double finalTestError = 0.0;  ///< 0 … 1
    double seconds = 0.0;
};

/// How an experiment ended and what it measured.
struct DegradationOutcome {
    QString status;  ///< finished, stopped or failed
    QString message;
    QVector<DegradationRunSummary> runs;  ///< the runs that finished, in order
    QString summary;                      ///< nn::describeDegradation's sentences
    double seconds = 0.0;
};

}  // namespace convscope::gui

Q_DECLARE_METATYPE(convscope::gui::DegradationRequest)
Q_DECLARE_METATYPE(convscope::gui::DegradationRunInfo)
Q_DECLARE_METATYPE(convscope::gui::DegradationOutcome)
