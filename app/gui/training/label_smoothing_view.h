#pragma once

#include <QVector>
#include <QWidget>

namespace convscope::gui {

/// What label smoothing ε makes of one training image's target: a bar per class, the true class (drawn
/// first, in orange) at 1 − ε + ε/K and every other class at ε/K (core/nn/train/label_smoothing_targets.h),
/// on a probability axis from 0 to 1 with both axes labelled. Beside the Training form's "Label smoothing"
/// control, updated as it changes.
class LabelSmoothingView : public QWidget {
    Q_OBJECT
public:
    explicit LabelSmoothingView(QWidget* parent = nullptr);

    void setEpsilon(double epsilon);
    void setClasses(int classes);  ///< K, 10 by default (Fashion-MNIST)
    double epsilon() const { return m_epsilon; }
    /// The bars' heights, the true class first.
    const QVector<double>& probabilities() const { return m_probabilities; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    void recompute();

    double m_epsilon = 0.0;
    int m_classes = 10;
    QVector<double> m_probabilities;
};

}  // namespace convscope::gui
