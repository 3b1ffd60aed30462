#pragma once

#include <QElapsedTimer>
#include <QString>
#include <QWidget>

#include "app/gui/convolution/conv_frame_builder.h"
#include "app/gui/convolution/conv_trace_worker.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QSlider;
class QTimer;
class QToolButton;

namespace convscope::widgets {
class ChannelWiringView;
class GridBoardView;
}  // namespace convscope::widgets

namespace convscope::gui {

/// The "Step through" page: the animated board, the transport (first, back, play/pause, forward, last, seek,
/// speed), the output-size formula with the current numbers and, for multi-channel layers, the channel
/// wiring. Step −1 is the initial state (nothing computed); steps run 0 … stepCount − 1.
class ConvStepPage : public QWidget {
    Q_OBJECT
public:
    explicit ConvStepPage(QWidget* parent = nullptr);

    /// Shows a new trace. The position is kept (clamped) so that changing a control does not rewind.
    void setTrace(ConvTracePtr trace, const QString& shapeArithmetic);
    /// Shows why the setup cannot be traced; the board keeps the last valid trace, greyed.
    void setError(const QString& message);
    /// A note under the formula, e.g. what a worked example's seed states.
    void setNote(const QString& note);

    ConvTracePtr trace() const { return m_trace; }
    int currentStep() const { return m_step; }
    int stepCount() const;
    bool isPlaying() const;
    /// Milliseconds the GUI thread spent on the last frame (building it and repainting the board).
    double lastFrameMs() const { return m_lastFrameMs; }
    /// How the board crops big problems; the export renders its frames with the same options.
    const ConvFrameOptions& frameOptions() const { return m_options; }

    void setStep(int step);
    void stepForward();
    void stepBack();
    void play();
    void pause();
    void togglePlay();
    /// Steps per second of playback.
    void setSpeed(double stepsPerSecond);
    double speed() const { return m_stepsPerSecond; }

    widgets::GridBoardView* board() const { return m_board; }
    widgets::ChannelWiringView* wiring() const { return m_wiring; }
    QLabel* formulaLabel() const { return m_formula; }
    QLabel* generalFormulaLabel() const { return m_general; }
    QLabel* errorLabel() const { return m_error; }
    QSlider* seekSlider() const { return m_seek; }
    QToolButton* exportButton() const { return m_export; }
    /// "Channel shuffle after": shown for grouped convolutions; draws ShuffleNet's permutation in the wiring.
    QCheckBox* shuffleCheck() const { return m_shuffle; }

Q_SIGNALS:
    void exportRequested();
    void stepChanged(int step);

private:
    void showFrame();
    void updateTransport();
    void onTimer();

    ConvTracePtr m_trace;
    int m_step = -1;
    double m_lastFrameMs = 0.0;
    double m_stepsPerSecond = 2.0;
    ConvFrameOptions m_options;
    widgets::GridBoardView* m_board = nullptr;
    widgets::ChannelWiringView* m_wiring = nullptr;
    QCheckBox* m_shuffle = nullptr;
    QLabel* m_general = nullptr;  ///< the output-size formula in letters, for the current operation
    QLabel* m_formula = nullptr;
    QLabel* m_shape = nullptr;
    QLabel* m_note = nullptr;
    QLabel* m_error = nullptr;
    QToolButton* m_first = nullptr;
    QToolButton* m_back = nullptr;
    QToolButton* m_play = nullptr;
    QToolButton* m_forward = nullptr;
    QToolButton* m_last = nullptr;
    QToolButton* m_export = nullptr;
    QSlider* m_seek = nullptr;
    QLabel* m_position = nullptr;
    QComboBox* m_speed = nullptr;
    QTimer* m_timer = nullptr;
};

}  // namespace convscope::gui
