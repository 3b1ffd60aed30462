#include "app/gui/architecture/label_smoothing_box.h"

#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QSpinBox>
#include <QVBoxLayout>
#include <vector>

#include "app/gui/training/label_smoothing_view.h"
#include "core/nn/train/label_smoothing_targets.h"

namespace convscope::gui {

namespace {

QString smoothingNumber(double value) {
    return QLocale().toString(value, 'g', 4);
}

}  // namespace

LabelSmoothingBox::LabelSmoothingBox(QWidget* parent)
    : QGroupBox(tr("Label smoothing (Inception-v3)"), parent) {
    setObjectName(QStringLiteral("costLabelSmoothing"));
    auto* intro = new QLabel(tr(
        "Inception-v3 trains against a softened target instead of the one-hot vector: (1 − ε)·one-hot + ε/K. "
        "The true class keeps most of the probability and every class gets ε/K, so the loss stops "
        "rewarding ever larger logits for the true class (an over-confident network). Train with it in the "
        "Training form (Label smoothing) or with convscope-cli train --label-smoothing ε."));
    intro->setWordWrap(true);
    m_epsilon = new QDoubleSpinBox;
    m_epsilon->setObjectName(QStringLiteral("costSmoothingEpsilon"));
    m_epsilon->setRange(0.0, 0.95);
    m_epsilon->setSingleStep(0.05);
    m_epsilon->setDecimals(2);
    m_epsilon->setValue(0.1);  // the paper's value
    m_classes = new QSpinBox;
    m_classes->setObjectName(QStringLiteral("costSmoothingClasses"));
    m_classes->setRange(2, 100);  // beyond 100 bars the other classes' ε/K is no longer visible
    m_classes->setValue(10);
    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("ε")));
    controls->addWidget(m_epsilon);
    controls->addSpacing(12);
    controls->addWidget(new QLabel(tr("Classes K")));
    controls->addWidget(m_classes);
    controls->addStretch(1);
    m_view = new LabelSmoothingView;
    m_view->setObjectName(QStringLiteral("costSmoothingView"));
    m_view->setMinimumSize(320, 170);
    m_view->setMaximumWidth(520);
    m_arithmetic = new QLabel;
    m_arithmetic->setObjectName(QStringLiteral("costSmoothingArithmetic"));
    m_arithmetic->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(controls);
    layout->addWidget(m_view, 0, Qt::AlignLeft);
    layout->addWidget(m_arithmetic);
    connect(m_epsilon, &QDoubleSpinBox::valueChanged, this, [this] { recompute(); });
    connect(m_classes, &QSpinBox::valueChanged, this, [this] { recompute(); });
    recompute();
}

void LabelSmoothingBox::recompute() {
    const double epsilon = m_epsilon->value();
    const int classes = m_classes->value();
    m_view->setClasses(classes);
    m_view->setEpsilon(epsilon);
    const std::vector<double> targets = nn::smoothedTargets(classes, 0, epsilon);
    const QString eps = smoothingNumber(epsilon);
    const QString k = QString::number(classes);
    m_arithmetic->setText(
        tr("True class: 1 − %1 + %1/%2 = %3; each of the other %4 classes: %1/%2 = %5; together %6.")
            .arg(eps, k, smoothingNumber(targets[0]), QString::number(classes - 1),
                 smoothingNumber(targets[1]), smoothingNumber(targets[0] + (classes - 1) * targets[1])));
}

}  // namespace convscope::gui
