#pragma once

#include <QDateTime>
#include <QImage>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QVector>

#include "core/nn/train/train_config.h"

namespace convscope::gui {

/// A training run to start: its settings, where the data is, the folder the run is kept in.
struct TrainingRequest {
    nn::TrainConfig config;
    QString dataDirectory;  ///< empty: Debian's dataset-fashion-mnist folder
    QString runsDirectory;  ///< where a new folder for this run is made
    int featureImage = 0;   ///< the test image whose feature maps stream live
    double featureIntervalSeconds = 1.0;
};

struct BatchPoint {
    int epoch = 0, batch = 0, batchesPerEpoch = 0;
    qint64 step = 0;
    double loss = 0.0, accuracy = 0.0, learningRate = 0.0, imagesPerSecond = 0.0, etaSeconds = 0.0;
};

struct EpochPoint {
    int epoch = 0;
    double trainLoss = 0.0, trainAccuracy = 0.0, testLoss = 0.0, testAccuracy = 0.0, seconds = 0.0;
    QVector<double> perClassAccuracy;
    QVector<qint64> confusion;  ///< classes x classes, row = true class
    QVector<int> predictions;   ///< the first test images' predicted classes (see TestSamples)
};

/// The first test images, shown with their true and predicted labels.
struct TestSamples {
    QVector<QImage> images;  ///< at the input size: Grayscale8, or RGB888 for a colour folder
    QVector<int> labels;
    QStringList classNames;  ///< the run's classes (a folder's names, or Fashion-MNIST's)
};

/// A run as kept on disk (RunStore): everything the charts need to show it again after a restart.
struct RunRecord {
    QString id;         ///< the folder's name, e.g. "2026-12-01_21-03-17_resnet18"
    QString directory;  ///< absolute path of that folder
    QString title;      ///< "ResNet-18, small stem, 1 epoch (21:03)"
    QDateTime started;
    QString configText;  ///< nn::TrainConfig::toText()
    QString status;      ///< running, finished, stopped, diverged, failed
    QString message;
    QVector<BatchPoint> batches;
    QVector<EpochPoint> epochs;
    QString checkpointPath() const { return directory + QStringLiteral("/checkpoint.ckpt"); }
};

}  // namespace convscope::gui

Q_DECLARE_METATYPE(convscope::gui::TrainingRequest)
Q_DECLARE_METATYPE(convscope::gui::BatchPoint)
Q_DECLARE_METATYPE(convscope::gui::EpochPoint)
Q_DECLARE_METATYPE(convscope::gui::TestSamples)
Q_DECLARE_METATYPE(convscope::gui::RunRecord)
