#pragma once

#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QVector>

namespace convscope::gui {

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

    bool isEmpty() const { return parameters.isEmpty() && weightParameters.isEmpty() && reluTaps.isEmpty(); }
};

}  // namespace convscope::gui

Q_DECLARE_METATYPE(convscope::gui::InstrumentFrame)
