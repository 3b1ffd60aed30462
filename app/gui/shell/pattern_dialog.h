#pragma once

#include <QDialog>
#include <QPixmap>
#include <QString>
#include <QTimer>

#include <opencv2/core/mat.hpp>

#include "core/imaging/test_patterns.h"

class QDialogButtonBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QSpinBox;

namespace convscope::gui {

/// Chooses the size and parameters of one test pattern, with a live preview of the whole pattern.
/// Only the parameters that the chosen pattern uses are shown.
class PatternDialog : public QDialog {
    Q_OBJECT
public:
    PatternDialog(imaging::PatternKind kind, const imaging::PatternParams& initial,
                  QWidget* parent = nullptr);

    imaging::PatternKind kind() const { return m_kind; }
    imaging::PatternParams params() const;
    void setParams(const imaging::PatternParams& params);
    /// The pattern for the current parameters (CV_8UC1); empty, with errorText() set, if they are invalid.
    cv::Mat pattern();
    QString errorText() const { return m_errorText; }
    /// The preview currently shown (null when the pattern is too large to preview).
    QPixmap preview() const { return m_previewPixmap; }
    /// Regenerates the preview now instead of after the short typing delay.
    void updatePreview();

    /// A name for the window title, e.g. "Grating 512 × 512 · 0.0625 cycles/px at 30°".
    static QString displayName(imaging::PatternKind kind, const imaging::PatternParams& params);

private:
    QWidget* buildForm();
    void showRelevantRows();
    void updatePeriodHint();
    bool generate(const imaging::PatternParams& params);

    imaging::PatternKind m_kind;
    QFormLayout* m_form = nullptr;
    QSpinBox* m_width = nullptr;
    QSpinBox* m_height = nullptr;
    QDoubleSpinBox* m_frequency = nullptr;
    QLabel* m_period = nullptr;
    QDoubleSpinBox* m_angle = nullptr;
    QDoubleSpinBox* m_maxFrequency = nullptr;
    QSpinBox* m_cellSize = nullptr;
    QSpinBox* m_steps = nullptr;
    QSpinBox* m_seed = nullptr;
    QLabel* m_preview = nullptr;
    QLabel* m_previewCaption = nullptr;
    QLabel* m_error = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QTimer m_previewTimer;
    QPixmap m_previewPixmap;
    QString m_errorText;
    cv::Mat m_cached;
    imaging::PatternParams m_cachedParams;
};

}  // namespace convscope::gui
