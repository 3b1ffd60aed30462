#pragma once

#include <QImage>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QVector>

#include "core/common/kernel.h"

namespace convscope::gui {

/// One tap point's activation for one image, as Qt values (made on a worker from the tensors).
struct TapFrame {
    QString name;  ///< "conv1", "layer1.0", …, "fc"
    int channels = 0, height = 0, width = 0;
    /// The first kMaxChannels channels, each height x width, row-major (raw activation values).
    QVector<QVector<float>> channelValues;
    /// The same channels as pictures: the viridis colormap over each channel's own min … max (Format_RGB32,
    /// height x width: views enlarge them without smoothing).
    QVector<QImage> channelImages;
    QVector<float> channelMin, channelMax;
    double min = 0.0, max = 0.0, mean = 0.0, stdev = 0.0;  ///< over all channels
    int shownChannels() const { return int(channelImages.size()); }
    static constexpr int kMaxChannels = 64;
};

/// Every tap's activation for one image, what the model predicted, and the first layer's learned filters.
struct FeatureFrame {
    QString source;       ///< "test image 42 (Coat)" or "building.jpg: 868×600 colour → … → 28×28"
    QString modelSource;  ///< "training run 2026-12-01 21:03 (step 340)" or a checkpoint's path
    QImage input;         ///< the input as the model sees it, Grayscale8 (first channel), denormalised
    int prediction = -1;
    int trueLabel = -1;     ///< −1 when unknown (a photograph)
    QVector<float> scores;  ///< softmax probabilities per class
    QStringList classNames;
    QVector<TapFrame> taps;
    QVector<common::Kernel> firstLayerKernels;  ///< conv1's filters (their first input channel)
    qint64 step = -1;  ///< the training step the frame was taken at; −1 for a saved model

    bool isEmpty() const { return taps.isEmpty(); }
};

}  // namespace convscope::gui

Q_DECLARE_METATYPE(convscope::gui::FeatureFrame)
