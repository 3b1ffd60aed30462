#pragma once

#include <QImage>
#include <QVector>
#include <QWidget>

#include "app/gui/explain/explain_frame.h"

class QGridLayout;
class QHBoxLayout;
class QLabel;

namespace convscope::gui {

class ExplainLegend;
class ExplainOverlayTile;

/// The Explain panel's pictures: every attribution method side by side (with the colour legend in the
/// grid's last place) and, below, the Grad-CAM layer strip, one overlay per spatial tap. Maps are numbered
/// as ExplainFrame::map does: the methods, then the strip.
class ExplainMapsView : public QWidget {
    Q_OBJECT
public:
    explicit ExplainMapsView(QWidget* parent = nullptr);

    void setFrame(const ExplainFrame& frame);
    void clear();
    void setSelectedMap(int index);
    /// Outlines cell (row, col) on map `index` only; −1 clears every outline.
    void markCell(int index, int row, int col);

    int tileCount() const { return int(m_methods.size() + m_strip.size()); }
    ExplainOverlayTile* tile(int index) const;
    /// Everything on show as one picture (File ▸ Export as PNG, Edit ▸ Copy).
    QImage picture();

Q_SIGNALS:
    void cellHovered(int index, int row, int col);
    void mapClicked(int index);

private:
    ExplainOverlayTile* makeTile(int side, int index);

    QLabel* m_methodsHeading = nullptr;
    QLabel* m_stripHeading = nullptr;
    QLabel* m_notes = nullptr;
    QGridLayout* m_grid = nullptr;
    QHBoxLayout* m_stripRow = nullptr;
    ExplainLegend* m_legend = nullptr;
    QVector<ExplainOverlayTile*> m_methods;
    QVector<ExplainOverlayTile*> m_strip;
};

}  // namespace convscope::gui
