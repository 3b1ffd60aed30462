#pragma once

#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QVector>

namespace convscope::gui {

/// A histogram of one parameter tensor's values at one logged step (core/nn/train/instrument_readings.h's
/// ValueHistogram): `counts` split [low, high] into equal bins, values outside counted in the end bins. Large
/// tensors are counted on an even sample (at most 65,536 values): the shares are what to read.
struct InstrumentHistogram {
    QString parameter;
    double low = 0.0;
    double high = 0.0;
    QVector<qint64> counts;
    qint64 zeros = 0;  ///< gradients only: exact zeros, which have no log10 and are not in `counts`
};

/// What the instruments of training read at one logged step (core/nn/train/instrument_readings.h), as Qt
/// values for the views: the Training panel's gradient views and the Architecture diagram's colouring.
struct InstrumentFrame {
    qint64 step = 0;  ///< batches done since the start of the run
    int epoch = 0;    ///< 1-based
    /// Trainable parameters in the model's order ("layer1.0.conv1.weight"), with their gradient's L2 norm
    /// before the optimizer step and the update-to-weight ratio ‖Δw‖ / ‖w‖ of that step (NaN where ‖w‖ = 0).
    QStringList parameters;
    QVector<double> gradNorms;
    QVector<double> updateRatios;
    /// Every parameter (frozen ones too) and its L2 norm after the step.
    QStringList weightParameters;
    QVector<double> weightNorms;
    /// Taps whose activation is a ReLU output, and the share of their values that are exactly zero.
    QStringList reluTaps;
    QVector<double> deadRelu;
    /// The tensor rank of each of `parameters` (4: a convolution's weight, 2: a linear layer's, 1: biases and
    /// batch-norm parameters); empty where not known.
    QVector<int> parameterRanks;
    /// Convolution and linear weights only (rank ≥ 2), in the model's order: the weights' values after the
    /// step (bins fixed per parameter at its first reading) and log10 |gradient| over [−12, 0].
    QVector<InstrumentHistogram> weightHistograms;
    QVector<InstrumentHistogram> gradHistograms;

    bool isEmpty() const { return parameters.isEmpty() && weightParameters.isEmpty() && reluTaps.isEmpty(); }
};

}  // namespace convscope::gui

Q_DECLARE_METATYPE(convscope::gui::InstrumentFrame)
