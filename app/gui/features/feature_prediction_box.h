#pragma once

#include <QGroupBox>
#include <QString>

#include "app/gui/features/feature_frame.h"

class QLabel;

namespace convscope::gui {

/// The input as the model sees it (enlarged with sharp pixels) and what the model made of it: the three
/// most probable classes and, for a test image, the true class marked right or wrong.
class FeaturePredictionBox : public QGroupBox {
    Q_OBJECT
public:
    explicit FeaturePredictionBox(QWidget* parent = nullptr);

    void setFrame(const FeatureFrame& frame);
    void clear();

    /// The prediction as shown, in plain text ("Coat 87.1 %\nShirt 6.0 %\n…\nTrue class: Coat (right)").
    QString predictionText() const;
    QLabel* inputLabel() const { return m_input; }

    static constexpr int kInputSide = 140;

private:
    QLabel* m_input = nullptr;
    QLabel* m_inputCaption = nullptr;
    QLabel* m_prediction = nullptr;
    QString m_plain;
};

}  // namespace convscope::gui
