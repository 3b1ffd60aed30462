#pragma once

#include <QStringList>
#include <QWidget>

#include "app/gui/features/feature_frame.h"

class QLabel;

namespace convscope::widgets {
class HeatmapView;
class TileGridView;
}  // namespace convscope::widgets

namespace convscope::gui {

/// One tap's channels as a grid of tiles beside the clicked channel enlarged with its values (viridis, a
/// colour bar, the value under the mouse, axes in pixels). A tap of single values (fc, C×1×1) is shown
/// as one strip of all its shown channels instead, so that they can be compared.
class FeatureChannelView : public QWidget {
    Q_OBJECT
public:
    explicit FeatureChannelView(QWidget* parent = nullptr);

    /// Keeps the selected channel when the tap still has it (live frames refresh the same tap).
    void setTap(const TapFrame& tap, const QStringList& classNames);
    void clear();
    int selectedChannel() const { return m_channel; }
    void selectChannel(int index);

    widgets::TileGridView* grid() const { return m_grid; }
    widgets::HeatmapView* heatmap() const { return m_heatmap; }
    QLabel* caption() const { return m_caption; }

    static constexpr int kTileWidth = 100;

private:
    void showChannel();

    QLabel* m_caption = nullptr;
    widgets::TileGridView* m_grid = nullptr;
    widgets::HeatmapView* m_heatmap = nullptr;
    TapFrame m_tap;
    QStringList m_classNames;
    int m_channel = 0;
};

}  // namespace convscope::gui
