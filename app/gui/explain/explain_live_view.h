#pragma once

#include <QVector>
#include <QWidget>

#include "app/gui/explain/explain_frame.h"

class QCheckBox;
class QLabel;
class QSlider;

namespace convscope::gui {

class ExplainOverlayTile;

/// Attention forming while a model trains: the Training panel's pinned test image, its Grad-CAM and
/// occlusion maps from the run being trained, one snapshot at most every second. A slider goes back through
/// the snapshots kept for the run; at its right end it follows the newest. "Follow" is asked for explicitly
/// (followChanged), because each snapshot costs the training a few forward and backward passes; it may be
/// ticked before a run starts.
class ExplainLiveView : public QWidget {
    Q_OBJECT
public:
    /// Snapshots kept per run; beyond it every other older one is dropped, so the slider still spans the
    /// whole run (at a coarser step) and memory stays bounded (two 168×168 overlays each).
    static constexpr int kMaxSnapshots = 240;

    explicit ExplainLiveView(QWidget* parent = nullptr);

    /// A run is being trained (the Training panel's liveChanged): "follow" becomes available, and a new run
    /// starts a new series of snapshots.
    void setLiveAvailable(bool live);
    void addSnapshot(const convscope::gui::ExplainFrame& frame);
    void setFollowing(bool on);
    bool isFollowing() const;

    int snapshotCount() const { return int(m_snapshots.size()); }
    int currentIndex() const;
    void showSnapshot(int index);
    const ExplainFrame* currentSnapshot() const;
    QSlider* slider() const { return m_slider; }
    QCheckBox* followBox() const { return m_follow; }
    ExplainOverlayTile* gradCamTile() const { return m_tiles[0]; }
    ExplainOverlayTile* occlusionTile() const { return m_tiles[1]; }

Q_SIGNALS:
    void followChanged(bool on);

private:
    void updateStatus();

    QCheckBox* m_follow = nullptr;
    QSlider* m_slider = nullptr;
    QLabel* m_position = nullptr;
    QLabel* m_prediction = nullptr;
    ExplainOverlayTile* m_tiles[2] = {nullptr, nullptr};
    QVector<ExplainFrame> m_snapshots;
    bool m_live = false;
};

}  // namespace convscope::gui
