#pragma once

#include <QWidget>
#include <memory>

class QComboBox;
class QLabel;
class QSlider;
class QSpinBox;
class QTimer;
class QToolButton;

namespace convscope::conv {
class Conv3dTrace;
}

namespace convscope::widgets {
class VolumeStackView;
}

namespace convscope::gui {

/// The "3-D convolution" page: a D×H×W input (the sequence 1…N or a short video of a moving square), a kD×k×k
/// kernel that moves along depth as well as rows and columns, drawn as stacks of planes (VolumeStackView),
/// stepped like the step-through page (start, back, play/pause, forward, end, seek) with each step's
/// products underneath. The trace is tiny (at most 8×10×10), so it is computed on the GUI thread.
class Conv3dPage : public QWidget {
    Q_OBJECT
public:
    enum Preset { SequencePreset = 0, VideoPreset = 1 };

    explicit Conv3dPage(QWidget* parent = nullptr);
    ~Conv3dPage() override;

    /// Loads a preset: the sequence with an all-ones 3×3×3 kernel, or six frames of a moving square with a
    /// 3×3×3 frame-difference kernel.
    void loadPreset(Preset preset);

    std::shared_ptr<const conv::Conv3dTrace> trace() const { return m_trace; }
    int stepCount() const;
    /// −1 before the first step.
    int currentStep() const { return m_step; }
    void setStep(int step);
    void stepForward() { setStep(m_step + 1); }
    void stepBack() { setStep(m_step - 1); }
    void play();
    void pause();
    bool isPlaying() const;

    widgets::VolumeStackView* board() const { return m_board; }
    QLabel* arithmeticLabel() const { return m_arithmetic; }
    QLabel* shapeLabel() const { return m_shape; }
    QLabel* errorLabel() const { return m_error; }
    QSlider* seekSlider() const { return m_seek; }

Q_SIGNALS:
    void stepChanged(int step);

private:
    void rebuild();
    void showFrame();
    void updateTransport();

    std::shared_ptr<const conv::Conv3dTrace> m_trace;
    int m_step = -1;
    bool m_loading = false;
    QComboBox* m_preset = nullptr;
    QComboBox* m_input = nullptr;
    QComboBox* m_kernel = nullptr;
    QSpinBox* m_depth = nullptr;
    QSpinBox* m_height = nullptr;
    QSpinBox* m_width = nullptr;
    QSpinBox* m_kernelDepth = nullptr;
    QSpinBox* m_kernelSide = nullptr;
    QSpinBox* m_strideDepth = nullptr;
    QSpinBox* m_stride = nullptr;
    QSpinBox* m_padDepth = nullptr;
    QSpinBox* m_pad = nullptr;
    widgets::VolumeStackView* m_board = nullptr;
    QLabel* m_arithmetic = nullptr;
    QLabel* m_shape = nullptr;
    QLabel* m_note = nullptr;
    QLabel* m_error = nullptr;
    QToolButton* m_first = nullptr;
    QToolButton* m_back = nullptr;
    QToolButton* m_play = nullptr;
    QToolButton* m_forward = nullptr;
    QToolButton* m_last = nullptr;
    QSlider* m_seek = nullptr;
    QLabel* m_position = nullptr;
    QTimer* m_timer = nullptr;
};

}  // namespace convscope::gui
