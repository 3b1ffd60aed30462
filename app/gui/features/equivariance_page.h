#pragma once

#include <QWidget>

#include "app/gui/features/equivariance_frame.h"

class QComboBox;
class QLabel;
class QSlider;
class QSpinBox;
class QTableWidget;
class QTimer;

namespace convscope::widgets {
class HeatmapView;
}

namespace convscope::gui {

class EquivarianceController;

/// The Feature maps panel's "Shift & equivariance" tab: the learner moves the input (dx, dy, rotation,
/// scale) and sees, tap by tap, f(s(x)) beside s(f(x)), their difference (diverging colours around zero)
/// and the equivariance error per tap, and whether the prediction changed. A sentence explains, with the
/// numbers on screen, why stride and pooling break exact equivariance for shifts that are not multiples of
/// the stride. The model and image are the panel's (setSource). Slider moves are coalesced (one request per
/// kThrottleMs at most) and a newer request cancels the one in flight.
class EquivariancePage : public QWidget {
    Q_OBJECT
public:
    explicit EquivariancePage(QWidget* parent = nullptr);
    ~EquivariancePage() override;

    /// The model and image to use (the panel's latest request). Computed while the page is visible.
    void setSource(const FeatureMapsRequest& source);
    /// No saved model to run (the live run, nothing chosen): `why` is shown instead of maps.
    void setUnavailable(const QString& why);

    EquivarianceFrame frame() const { return m_frame; }
    bool isComputing() const;
    QString message() const;
    /// The sentence about stride and pooling under the maps (empty without a frame).
    QString explanation() const;

    QSlider* dxSlider() const { return m_dx; }
    QSlider* dySlider() const { return m_dy; }
    QSlider* rotationSlider() const { return m_rotation; }
    QSlider* scaleSlider() const { return m_scale; }  ///< percent
    QComboBox* modeBox() const { return m_mode; }
    QSpinBox* channelSpin() const { return m_channel; }
    QTableWidget* tapTable() const { return m_table; }
    widgets::HeatmapView* differenceView() const { return m_difference; }

    static constexpr int kThrottleMs = 60;

protected:
    void showEvent(QShowEvent* event) override;

private:
    void schedule();
    void send();
    void onReady(const EquivarianceFrame& frame);
    void onFailed(const QString& message);
    void showFrame();
    void showMessage(const QString& text, bool error);
    void updateLabels();

    QSlider* m_dx = nullptr;
    QSlider* m_dy = nullptr;
    QSlider* m_rotation = nullptr;
    QSlider* m_scale = nullptr;
    QLabel* m_dxValue = nullptr;
    QLabel* m_dyValue = nullptr;
    QLabel* m_rotationValue = nullptr;
    QLabel* m_scaleValue = nullptr;
    QComboBox* m_mode = nullptr;
    QSpinBox* m_channel = nullptr;
    QTableWidget* m_table = nullptr;
    QLabel* m_prediction = nullptr;
    QLabel* m_explanation = nullptr;
    QLabel* m_message = nullptr;
    QLabel* m_region = nullptr;
    widgets::HeatmapView* m_input = nullptr;
    widgets::HeatmapView* m_transformedInput = nullptr;
    widgets::HeatmapView* m_features = nullptr;
    widgets::HeatmapView* m_maps = nullptr;
    widgets::HeatmapView* m_difference = nullptr;
    EquivarianceController* m_compute = nullptr;
    QTimer* m_timer = nullptr;

    FeatureMapsRequest m_source;
    bool m_hasSource = false;
    bool m_dirty = false;  ///< a request is due once the page is shown
    QString m_tap;         ///< the tap whose maps are shown (by name, so that it survives a model change)
    EquivarianceFrame m_frame;
};

}  // namespace convscope::gui
