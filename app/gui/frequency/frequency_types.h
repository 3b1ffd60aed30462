#pragma once

#include <QImage>
#include <QMetaType>
#include <QString>
#include <QVector>

#include <opencv2/core/mat.hpp>

#include "core/common/kernel.h"
#include "core/imaging/filter_options.h"
#include "core/spectral/frequency_response.h"

namespace convscope::gui {

/// One kernel's response to compute: kernel A (slot 0) or the comparison kernel B (slot 1).
struct ResponseRequest {
    int slot = 0;
    common::Kernel kernel;
    QString title;  ///< "Sobel X"
    spectral::ResponseOptions options;
    spectral::MagnitudeScale scale = spectral::MagnitudeScale::Log1p;
};

/// What the Response page shows for one kernel: Qt value types only.
struct ResponseView {
    int slot = 0;
    QString title;
    int size = 0;  ///< N
    spectral::MagnitudeScale scale = spectral::MagnitudeScale::Log1p;
    QVector<float> magnitude;      ///< |H|, N*N, centred
    QVector<float> scaled;         ///< the magnitude on `scale`
    QVector<float> phase;          ///< radians
    QVector<double> frequencies;   ///< N values, −0.5 … for the slices' x axis
    QVector<double> sliceX;        ///< scaled magnitude along f_y = 0
    QVector<double> sliceY;        ///< scaled magnitude along f_x = 0
    QVector<double> radialRadius;  ///< ring centres, cycles/pixel
    QVector<double> radialMean;    ///< mean |H| per ring (linear)
    double dcGain = 0.0;
    double peakGain = 0.0;
    QString kind;     ///< "band-pass, directional at 0°"
    QString summary;  ///< the classification's sentence
};

/// The convolution-theorem view: the image's luminance and the kernel, applied as the Filters panel does.
struct TheoremRequest {
    cv::Mat image;  ///< CV_8UC1 or CV_8UC3 (BGR), the document's pixels (shared, never modified)
    common::Kernel kernel;
    QString title;
    imaging::CorrelationMode mode = imaging::CorrelationMode::Correlate;
    imaging::BorderMode border = imaging::BorderMode::Reflect101;
    bool circular = false;
    /// Larger images are reduced (area averaging) to this many pixels on their long side first: the view is
    /// about the theorem, and a double-precision transform of 12 megapixels takes seconds and a gigabyte.
    int maxSide = 1024;
};

struct TheoremView {
    QImage image, spectrum, response, product, inverse, spatial, difference;  ///< Grayscale8 or RGB
    int rows = 0, cols = 0, transformRows = 0, transformCols = 0;
    bool circular = false;
    double maxDifference = 0.0;  ///< max |inverse − spatial|
    double maxAbsResult = 0.0;   ///< max |spatial|, to put the difference in proportion
    double spectrumMax = 0.0, responseMax = 0.0, productMax = 0.0;
    double agreement = 0.0;    ///< differences up to this are float rounding, drawn black
    int differenceSpread = 1;  ///< the difference picture is max-filtered over (2·spread + 1)² pixels
    QString note;
};

}  // namespace convscope::gui

Q_DECLARE_METATYPE(convscope::gui::ResponseRequest)
Q_DECLARE_METATYPE(convscope::gui::ResponseView)
Q_DECLARE_METATYPE(convscope::gui::TheoremRequest)
Q_DECLARE_METATYPE(convscope::gui::TheoremView)
