#pragma once

#include <QGroupBox>
#include <QVector>

class QComboBox;
class QLabel;
class QSpinBox;

namespace convscope::gui {

/// The Costs page's factorised convolutions, computed as the learner changes the settings: one 5×5 against
/// two stacked 3×3 (Inception v2) and one n×n against a 1×n then an n×1 (Inception v3), each with its
/// weights, multiply-accumulates, receptive field and the arithmetic (core/conv/factorisation_cost.h, plain
/// arithmetic, cheap enough for the GUI thread). Below them, ResNet's 3×3 convolution counted with the bias
/// the seeds include and without it, as torchvision and ConvScope build it, and why.
class FactorisationBox : public QGroupBox {
    Q_OBJECT
public:
    explicit FactorisationBox(QWidget* parent = nullptr);

    QSpinBox* inChannels() const { return m_in; }
    QSpinBox* outChannels() const { return m_out; }
    QSpinBox* size() const { return m_size; }  ///< H = W
    QComboBox* kernel() const { return m_n; }  ///< n of the asymmetric factorisation: 3, 5 or 7

    /// The labels of one comparison (0: stacked 3×3, 1: asymmetric), for tests and captures.
    struct Labels {
        QLabel* title = nullptr;
        QLabel* setting = nullptr;
        QVector<QLabel*> rowLabels, parameters, macs, fields, parameterArithmetic, macArithmetic;
        QLabel* conclusion = nullptr;
    };
    const Labels& labels(int comparison) const { return m_labels[comparison]; }
    QLabel* biasNote() const { return m_biasNote; }

private:
    QWidget* comparisonWidget(Labels& labels);
    void recompute();

    QSpinBox* m_in = nullptr;
    QSpinBox* m_out = nullptr;
    QSpinBox* m_size = nullptr;
    QComboBox* m_n = nullptr;
    Labels m_labels[2];
    QLabel* m_biasNote = nullptr;
};

}  // namespace convscope::gui
