#include "app/gui/architecture/gradient_colouring.h"

#include <QCheckBox>
#include <QLabel>
#include <QTimer>

#include "app/gui/architecture/gradient_overlay.h"
#include "widgets/diagram/architecture_diagram_view.h"

namespace convscope::gui {

GradientColouring::GradientColouring(widgets::ArchitectureDiagramView* diagram, QObject* parent)
    : QObject(parent),
      m_diagram(diagram),
      m_toggle(new QCheckBox(tr("Colour by gradient norm"))),
      m_label(new QLabel),
      m_throttle(new QTimer(this)) {
    m_toggle->setObjectName(QStringLiteral("diagramGradientColouring"));
    m_toggle->setToolTip(
        tr("While a model trains in the Training panel, colour each layer by the L2 norm of its parameters' "
           "gradient at the latest logged step (log scale); a folded block shows the norm of all its "
           "parameters together. A vanishing gradient shows as dark layers near the input."));
    m_label->setObjectName(QStringLiteral("diagramGradientMessage"));
    m_label->setWordWrap(true);  // a long sentence must not widen the toolbar
    m_label->setStyleSheet(QStringLiteral("color: #8a5a00;"));
    m_label->hide();
    m_throttle->setSingleShot(true);
    m_throttle->setInterval(300);
    connect(m_throttle, &QTimer::timeout, this, &GradientColouring::applyNow);
    connect(m_toggle, &QCheckBox::toggled, this, &GradientColouring::applyNow);
}

GradientColouring::~GradientColouring() {
    if (m_toggle && !m_toggle->parent()) delete m_toggle;
    if (m_label && !m_label->parent()) delete m_label;
}

QCheckBox* GradientColouring::toggle() const { return m_toggle; }

QLabel* GradientColouring::label() const { return m_label; }

void GradientColouring::showFrame(const InstrumentFrame& frame) {
    if (frame.parameters.isEmpty()) return;  // a step with dead-ReLU readings only
    m_frame = frame;
    if (m_toggle->isChecked() && !m_throttle->isActive()) m_throttle->start();
}

void GradientColouring::graphChanged() {
    m_throttle->stop();
    applyNow();
}

void GradientColouring::applyNow() {
    m_throttle->stop();
    QString message;
    if (!m_toggle->isChecked()) {
        m_diagram->clearNodeValues();
    } else if (!m_frame) {
        m_diagram->clearNodeValues();
        message = tr("No gradients yet: train a model in the Training panel.");
    } else {
        const GradientOverlay overlay = GradientOverlay::map(m_diagram->graph(), *m_frame);
        message = overlay.message();
        if (overlay.sameModel()) {
            m_diagram->setNodeValues(overlay.values());
        } else {
            m_diagram->clearNodeValues();
        }
    }
    m_label->setText(message);
    m_label->setVisible(!message.isEmpty());
}

}  // namespace convscope::gui
