#pragma once

#include <QGroupBox>

class QDoubleSpinBox;
class QLabel;
class QSpinBox;

namespace convscope::gui {

class LabelSmoothingView;

/// The Costs page's label smoothing (Inception-v3, Szegedy et al. 2016): the target distribution that ε makes
/// over K classes, drawn as bars and written out with its numbers (core/nn/train/label_smoothing_targets.h,
/// the definition the trainer's loss uses), and where to train with it.
class LabelSmoothingBox : public QGroupBox {
    Q_OBJECT
public:
    explicit LabelSmoothingBox(QWidget* parent = nullptr);

    QDoubleSpinBox* epsilon() const { return m_epsilon; }
    QSpinBox* classes() const { return m_classes; }
    LabelSmoothingView* view() const { return m_view; }
    QLabel* arithmetic() const { return m_arithmetic; }

private:
    void recompute();

    QDoubleSpinBox* m_epsilon = nullptr;
    QSpinBox* m_classes = nullptr;
    LabelSmoothingView* m_view = nullptr;
    QLabel* m_arithmetic = nullptr;
};

}  // namespace convscope::gui
