#pragma once

#include <QString>
#include <QWidget>
#include <vector>

#include "core/conv/receptive_field.h"

class QTableWidget;
class QToolButton;

namespace convscope::gui {

/// An editable table of layers (name, kernel, stride, dilation, padding) with Add, Remove, Up and Down, for
/// the Receptive field page. It only edits: reading the cells back reports the first cell that is not a valid
/// whole number, and the page decides what the numbers mean.
class LayerStackEditor : public QWidget {
    Q_OBJECT
public:
    static constexpr int kMaxLayers = 32;

    explicit LayerStackEditor(QWidget* parent = nullptr);

    /// Replaces the rows without emitting edited() (at most kMaxLayers are kept).
    void setLayers(const std::vector<conv::LayerGeometry>& layers);
    /// The stack as the cells hold it; false with a sentence naming the layer and the field for a cell that
    /// is not a whole number in range (kernel, stride, dilation ≥ 1; padding ≥ 0).
    bool readLayers(std::vector<conv::LayerGeometry>* layers, QString* error) const;

    QTableWidget* table() const { return m_table; }

Q_SIGNALS:
    /// A cell was edited or a row added, removed or moved.
    void edited();

private:
    void setRow(int row, const conv::LayerGeometry& layer);
    void addLayer();
    void removeLayer();
    void moveLayer(int delta);
    void updateButtons();

    QTableWidget* m_table = nullptr;
    QToolButton* m_add = nullptr;
    QToolButton* m_remove = nullptr;
    QToolButton* m_up = nullptr;
    QToolButton* m_down = nullptr;
};

}  // namespace convscope::gui
