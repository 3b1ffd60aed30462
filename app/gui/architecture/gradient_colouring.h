#pragma once

#include <QObject>
#include <QPointer>
#include <optional>

#include "app/gui/training/instrument_frame.h"

class QCheckBox;
class QLabel;
class QTimer;

namespace convscope::widgets {
class ArchitectureDiagramView;
}

namespace convscope::gui {

/// The Architecture diagram coloured by the gradient norm of each layer of the run being trained, so that
/// a vanishing gradient shows on the network itself. Keeps the latest InstrumentFrame (so that switching the
/// colouring on shows it at once) and repaints at most every 300 ms however often frames come; says so in
/// its label when the run's parameters are not the diagram's (another model is shown).
class GradientColouring : public QObject {
    Q_OBJECT
public:
    GradientColouring(widgets::ArchitectureDiagramView* diagram, QObject* parent = nullptr);
    /// Deletes the toggle and the label when no layout took them (LeakSanitizer found them leaked otherwise).
    ~GradientColouring() override;

    QCheckBox* toggle() const;  ///< "Colour by gradient norm", off at first
    QLabel* label() const;      ///< why nothing is coloured; hidden when all is well
    bool hasFrame() const { return m_frame.has_value(); }

public Q_SLOTS:
    void showFrame(const convscope::gui::InstrumentFrame& frame);
    /// The diagram shows another graph: colour it from the latest frame.
    void graphChanged();
    /// Applies the latest frame now (the timer does it otherwise).
    void applyNow();

private:
    widgets::ArchitectureDiagramView* m_diagram;
    QPointer<QCheckBox> m_toggle;  // guarded: a parent that took them may delete them first
    QPointer<QLabel> m_label;
    QTimer* m_throttle;
    std::optional<InstrumentFrame> m_frame;
};

}  // namespace convscope::gui
