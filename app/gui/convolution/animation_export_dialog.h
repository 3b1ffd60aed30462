#pragma once

#include <QDialog>
#include <QSize>
#include <QString>
#include <memory>

#include "app/gui/convolution/animation_export_request.h"

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QProgressDialog;
class QPushButton;
class QSpinBox;

namespace convscope::gui {

class AnimationExportController;

/// Asks how to export the step-through animation: format, file, step range, speed and frame size, with an
/// estimate of the result ("37 frames, about 9 s at 4 fps"). Export stays disabled while the path cannot be
/// written. Steps are shown as the step page numbers them: "start" (nothing computed), then 1 … stepCount.
class AnimationExportDialog : public QDialog {
    Q_OBJECT
public:
    /// `suggestedPath`: a file to offer (its extension picks the format); empty offers convolution.gif in the
    /// user's pictures folder.
    AnimationExportDialog(std::shared_ptr<const conv::ConvTrace> trace, const ConvFrameOptions& options,
                          const QString& suggestedPath = {}, QWidget* parent = nullptr);

    /// The export as chosen; the path gets the format's extension when it has none.
    AnimationExportRequest request() const;

    /// Why `path` cannot take an export in `format`, as a sentence; empty when it can.
    static QString pathProblem(const QString& path, imaging::AnimationFormat format);
    /// The board's preferred size scaled down (aspect kept) to fit 1600 x 1000.
    static QSize defaultFrameSize(const conv::ConvTrace& trace, const ConvFrameOptions& options);

    /// Starts `request` on `controller` and shows its progress in a window-modal QProgressDialog whose Cancel
    /// cancels the export. The dialog deletes itself when the export ends; failures are shown in a message
    /// box. Connect to the controller's finished() for anything else (a status message).
    static QProgressDialog* runWithProgress(QWidget* parent, AnimationExportController* controller,
                                            const AnimationExportRequest& request);

    QComboBox* formatCombo() const { return m_format; }
    QLineEdit* pathEdit() const { return m_path; }
    QSpinBox* firstStepSpin() const { return m_first; }
    QSpinBox* lastStepSpin() const { return m_last; }
    QDoubleSpinBox* framesPerSecondSpin() const { return m_fps; }
    QSpinBox* frameWidthSpin() const { return m_width; }
    QSpinBox* frameHeightSpin() const { return m_height; }
    QLabel* estimateLabel() const { return m_estimate; }
    QLabel* pathHintLabel() const { return m_pathHint; }
    QPushButton* exportButton() const { return m_ok; }

private:
    imaging::AnimationFormat currentFormat() const;
    QString effectivePath() const;
    void onFormatChanged();
    void onPathEdited();
    void browse();
    void updateState();

    std::shared_ptr<const conv::ConvTrace> m_trace;
    ConvFrameOptions m_options;
    QComboBox* m_format = nullptr;
    QLineEdit* m_path = nullptr;
    QLabel* m_pathHint = nullptr;
    QSpinBox* m_first = nullptr;
    QSpinBox* m_last = nullptr;
    QDoubleSpinBox* m_fps = nullptr;
    QSpinBox* m_width = nullptr;
    QSpinBox* m_height = nullptr;
    QLabel* m_estimate = nullptr;
    QPushButton* m_ok = nullptr;
};

}  // namespace convscope::gui
