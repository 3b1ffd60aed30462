#pragma once

#include <QImage>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QVector>

#include "app/gui/explain/error_analysis_request.h"

namespace convscope::gui {

/// One test image of the gallery: what the model made of it and where it looked.
struct ErrorTile {
    int index = -1;  ///< in the test set
    int label = -1;
    int predicted = -1;
    float probability = 0.0f;  ///< the predicted class's softmax probability
    float loss = 0.0f;         ///< cross-entropy, −log p(true class)
    QImage overlay;            ///< Grad-CAM for the predicted class over the input, Format_RGB888
};

/// An off-diagonal confusion-matrix cell (nn::ConfusedPair as a Qt value).
struct ErrorPair {
    int trueClass = 0;
    int predicted = 0;
    qint64 count = 0;
    double share = 0.0;  ///< count / the true class's images
};

/// The answer to an ErrorAnalysisRequest: the model's outcome over the whole test set (confusion matrix,
/// most-confused pairs) and the gallery of the requested cell or of the top losses.
struct ErrorAnalysisFrame {
    ErrorAnalysisRequest request;  ///< what this frame answers
    QString modelSource;           ///< the checkpoint's path, the model's title and its training step
    QStringList classNames;
    qint64 testCount = 0;
    double accuracy = 0.0;
    QVector<qint64> confusion;  ///< classes × classes, row = true class
    QVector<ErrorPair> pairs;   ///< every off-diagonal cell with images, largest first
    /// Images in the requested cell (ErrorMode::Cell) or in the test set (ErrorMode::TopLosses): the gallery
    /// shows `tiles.size()` of them.
    qint64 matching = 0;
    QVector<ErrorTile> tiles;  ///< cell: most confident first; top losses: highest loss first
    QString layer;             ///< the tap Grad-CAM used (the last spatial one)

    bool isEmpty() const { return classNames.isEmpty(); }
    QString className(int c) const { return classNames.value(c, QStringLiteral("class %1").arg(c)); }
};

}  // namespace convscope::gui

Q_DECLARE_METATYPE(convscope::gui::ErrorAnalysisFrame)
