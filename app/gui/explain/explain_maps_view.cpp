#include "app/gui/explain/explain_maps_view.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

#include "app/gui/explain/explain_legend.h"
#include "app/gui/explain/explain_overlay_tile.h"
#include "app/gui/explain/explain_text.h"

namespace convscope::gui {

namespace {
// Sides on screen: the methods at 6× a 28×28 input, the strip a little smaller so that a ResNet's five taps
// still fit in one row.
constexpr int kExplainMethodSide = 168;
constexpr int kExplainStripSide = 140;
constexpr int kExplainColumns = 4;
// The methods' names before the first frame, so that the grid keeps its shape while the model loads.
const char* const kExplainMethodTitles[] = {"Grad-CAM",   "Grad-CAM++",           "HiResCAM", "Saliency",
                                            "SmoothGrad", "Integrated gradients", "Occlusion"};
}  // namespace

ExplainMapsView::ExplainMapsView(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("explainMaps"));
    m_methodsHeading = new QLabel;
    m_methodsHeading->setWordWrap(true);
    m_grid = new QGridLayout;
    m_grid->setSpacing(6);
    for (int i = 0; i < int(std::size(kExplainMethodTitles)); ++i) {
        ExplainOverlayTile* t = makeTile(kExplainMethodSide, i);
        t->clear(tr(kExplainMethodTitles[i]));
        m_methods << t;
        m_grid->addWidget(t, i / kExplainColumns, i % kExplainColumns);
    }
    m_legend = new ExplainLegend;
    m_grid->addWidget(m_legend, 1, kExplainColumns - 1);
    m_notes = new QLabel;
    m_notes->setObjectName(QStringLiteral("explainNotes"));
    m_notes->setWordWrap(true);
    m_notes->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_stripHeading = new QLabel;
    m_stripHeading->setWordWrap(true);
    m_stripRow = new QHBoxLayout;
    m_stripRow->setSpacing(6);
    m_stripRow->addStretch(1);

    auto* gridRow = new QHBoxLayout;
    gridRow->addLayout(m_grid);
    gridRow->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_methodsHeading);
    layout->addLayout(gridRow);
    layout->addWidget(m_notes);
    layout->addSpacing(8);
    layout->addWidget(m_stripHeading);
    layout->addLayout(m_stripRow);
    layout->addStretch(1);
    clear();
}

ExplainOverlayTile* ExplainMapsView::makeTile(int side, int index) {
    auto* t = new ExplainOverlayTile(side);
    connect(t, &ExplainOverlayTile::cellHovered, this, [this, t](int row, int col) {
        Q_EMIT cellHovered(
            int(m_methods.contains(t) ? m_methods.indexOf(t) : m_methods.size() + m_strip.indexOf(t)), row,
            col);
    });
    connect(t, &ExplainOverlayTile::clicked, this, [this, t] {
        Q_EMIT mapClicked(
            int(m_methods.contains(t) ? m_methods.indexOf(t) : m_methods.size() + m_strip.indexOf(t)));
    });
    Q_UNUSED(index);
    return t;
}

void ExplainMapsView::setFrame(const ExplainFrame& frame) {
    const QString target = explainClassName(frame, frame.target).toHtmlEscaped();
    m_methodsHeading->setText(
        tr("<b>Why “%1”?</b> What makes the model's score for %1, by seven methods%2.")
            .arg(target, frame.target == frame.predicted ? tr(" (the predicted class)") : QString()));
    for (int i = 0; i < m_methods.size(); ++i) {
        if (i >= frame.methods.size()) {
            m_methods[i]->clear(QString());
            continue;
        }
        const ExplainMap& m = frame.methods[i];
        const QString title = m.atLayer ? QStringLiteral("%1 · %2").arg(m.title, m.layer) : m.title;
        QString tip = methodDescription(m.method);
        if (!m.note.isEmpty()) tip += QStringLiteral("\n") + m.note;
        m_methods[i]->setPicture(m.overlay, m.rows, m.cols, title, displayConvention(m), tip);
    }
    QStringList notes;
    for (const ExplainMap& m : frame.methods)
        if (!m.note.isEmpty()) notes << QStringLiteral("%1: %2").arg(m.title, m.note);
    m_notes->setText(notes.join(QStringLiteral(" · ")));
    m_notes->setVisible(!notes.isEmpty());

    // The strip's length is the model's number of spatial taps.
    while (m_strip.size() > frame.strip.size()) delete m_strip.takeLast();
    while (m_strip.size() < frame.strip.size()) {
        ExplainOverlayTile* t = makeTile(kExplainStripSide, int(m_methods.size() + m_strip.size()));
        m_stripRow->insertWidget(int(m_strip.size()), t);
        m_strip << t;
    }
    for (int i = 0; i < m_strip.size(); ++i) {
        const ExplainMap& m = frame.strip[i];
        m_strip[i]->setPicture(
            m.overlay, m.rows, m.cols, layerCaption(m), displayConvention(m),
            tr("Grad-CAM at %1: that layer's channels weighted by their average gradient. "
               "Early layers see edges at fine resolution, late ones parts of the garment.")
                .arg(m.layer));
    }
    m_stripHeading->setText(
        tr("<b>Grad-CAM layer by layer</b>, from the first spatial tap to the last, for %1").arg(target));
    m_stripHeading->setVisible(!m_strip.isEmpty());
}

void ExplainMapsView::clear() {
    m_methodsHeading->setText(tr("<b>Why?</b> The attribution maps appear here once the model has run."));
    for (int i = 0; i < m_methods.size(); ++i) m_methods[i]->clear(tr(kExplainMethodTitles[i]));
    while (!m_strip.isEmpty()) delete m_strip.takeLast();
    m_stripHeading->setVisible(false);
    m_notes->setVisible(false);
}

ExplainOverlayTile* ExplainMapsView::tile(int index) const {
    if (index < 0) return nullptr;
    if (index < m_methods.size()) return m_methods[index];
    return m_strip.value(index - m_methods.size(), nullptr);
}

void ExplainMapsView::setSelectedMap(int index) {
    for (int i = 0; i < tileCount(); ++i) tile(i)->setSelected(i == index);
}

void ExplainMapsView::markCell(int index, int row, int col) {
    for (int i = 0; i < tileCount(); ++i) {
        if (i == index)
            tile(i)->setMarkedCell(row, col);
        else
            tile(i)->setMarkedCell(-1, -1);
    }
}

QImage ExplainMapsView::picture() {
    return grab().toImage();
}

}  // namespace convscope::gui
