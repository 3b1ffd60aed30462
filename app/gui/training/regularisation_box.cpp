#include "app/gui/training/regularisation_box.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QSignalBlocker>

#include "app/gui/training/label_smoothing_view.h"
#include "core/nn/models/model_switches.h"

namespace convscope::gui {

namespace {

const char* const kBatchNormTip =
    QT_TRANSLATE_NOOP("convscope::gui::RegularisationBox",
                      "Untick to remove every batch normalisation layer (the convolutions then get a bias): "
                      "compare how fast and how stably the same network trains without it");
const char* const kDropoutTip =
    QT_TRANSLATE_NOOP("convscope::gui::RegularisationBox",
                      "While training, zero each feature before the classifier with this probability (and "
                      "scale the rest by 1/(1 − p)); LeNet-5 drops the outputs of its two hidden fully "
                      "connected layers, as AlexNet does. 0: no dropout");

const char* const kLabelSmoothingTip =
    QT_TRANSLATE_NOOP("convscope::gui::RegularisationBox",
                      "Label smoothing ε: train against the target (1 − ε)·one-hot + ε/K instead of the "
                      "one-hot class, so the true class gets 1 − ε + ε/K and every other class ε/K (the "
                      "chart below). It keeps the model from chasing ever more confident logits (Inception "
                      "v3 used 0.1). The test loss stays the plain cross-entropy. 0: none");

}  // namespace

RegularisationBox::RegularisationBox(QWidget* parent) : QGroupBox(tr("Regularisation"), parent) {
    m_batchNorm = new QCheckBox(tr("Batch normalisation"));
    m_batchNorm->setObjectName(QStringLiteral("trainBatchNorm"));
    m_batchNorm->setChecked(true);
    m_batchNorm->setToolTip(tr(kBatchNormTip));
    m_dropout = new QDoubleSpinBox;
    m_dropout->setObjectName(QStringLiteral("trainDropout"));
    m_dropout->setRange(0.0, 0.9);
    m_dropout->setSingleStep(0.1);
    m_dropout->setDecimals(2);
    m_dropout->setSpecialValueText(tr("none"));
    m_dropout->setToolTip(tr(kDropoutTip));
    auto* form = new QFormLayout(this);
    form->addRow(QString(), m_batchNorm);
    form->addRow(tr("Dropout"), m_dropout);
    m_labelSmoothing = new QDoubleSpinBox;
    m_labelSmoothing->setObjectName(QStringLiteral("trainLabelSmoothing"));
    m_labelSmoothing->setRange(0.0, 0.95);
    m_labelSmoothing->setSingleStep(0.05);
    m_labelSmoothing->setDecimals(2);
    m_labelSmoothing->setSpecialValueText(tr("none"));
    m_labelSmoothing->setToolTip(tr(kLabelSmoothingTip));
    form->addRow(tr("Label smoothing"), m_labelSmoothing);
    m_targets = new LabelSmoothingView;
    form->addRow(m_targets);
    connect(m_labelSmoothing, &QDoubleSpinBox::valueChanged, this, [this](double epsilon) {
        m_targets->setEpsilon(epsilon);
        Q_EMIT changed();
    });
    connect(m_batchNorm, &QCheckBox::toggled, this, [this](bool on) {
        m_batchNormChoice = on;
        Q_EMIT changed();
    });
    connect(m_dropout, &QDoubleSpinBox::valueChanged, this, &RegularisationBox::changed);
}

void RegularisationBox::setModel(const QString& model, bool fixedByWeights) {
    const std::string name = model.toStdString();
    const QString title =
        name == "torchscript" ? tr("The imported model") : QString::fromStdString(nn::modelTitle(name));
    const bool bn = nn::batchNormApplies(name);
    const bool own = nn::dropoutApplies(name);  // a network ConvScope builds
    m_batchNorm->setEnabled(bn && !fixedByWeights);
    {
        // Unticked where there is none to switch off, so that a greyed tick never claims batch norm.
        const QSignalBlocker block(m_batchNorm);
        m_batchNorm->setChecked(bn && m_batchNormChoice);
    }
    m_batchNorm->setToolTip(
        !bn ? (own ? tr("%1 has no batch normalisation to switch off") : tr("%1 keeps its own layers"))
                  .arg(title)
        : fixedByWeights ? tr("Fine-tuning keeps the layers of the weights it starts from")
                         : tr(kBatchNormTip));
    m_dropout->setEnabled(own);
    m_dropout->setToolTip(own ? tr(kDropoutTip)
                              : tr("%1 keeps its own layers: dropout applies to the networks ConvScope "
                                   "builds")
                                    .arg(title));
}

bool RegularisationBox::batchNorm() const {
    return m_batchNormChoice;
}

double RegularisationBox::dropout() const {
    return m_dropout->value();
}

void RegularisationBox::setValues(bool batchNorm, double dropout) {
    const QSignalBlocker a(m_batchNorm), b(m_dropout);
    m_batchNormChoice = batchNorm;
    m_batchNorm->setChecked(batchNorm);
    m_dropout->setValue(dropout);
}

double RegularisationBox::labelSmoothing() const {
    return m_labelSmoothing->value();
}

void RegularisationBox::setLabelSmoothing(double epsilon) {
    const QSignalBlocker block(m_labelSmoothing);
    m_labelSmoothing->setValue(epsilon);
    m_targets->setEpsilon(m_labelSmoothing->value());
}

}  // namespace convscope::gui
