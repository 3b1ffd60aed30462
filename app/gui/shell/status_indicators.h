#pragma once

#include <QObject>
#include <QString>

class QFrame;
class QLabel;
class QStatusBar;

namespace convscope::gui {

/// The permanent fields at the right of the status bar: value under the cursor, image size, zoom.
class StatusIndicators : public QObject {
    Q_OBJECT
public:
    /// Adds the fields to `bar`, which owns them.
    explicit StatusIndicators(QStatusBar* bar);

    /// "4000 × 3000 · RGB" or "· gray"; a width of 0 clears the field.
    void setImageSize(int width, int height, int channels);
    void setCursorInfo(const QString& text);
    /// `zoom` is a factor: 0.25 shows "Zoom 25 %".
    void setZoom(double zoom);
    /// Hidden where no zoom factor applies (the all-filters grid).
    void setZoomVisible(bool visible);

    /// "25", "12.5", "6.25", "1600": enough digits to tell zoom steps apart, no trailing zeros.
    static QString percentText(double zoom);

private:
    QLabel* m_cursor = nullptr;
    QFrame* m_cursorRule = nullptr;
    QLabel* m_size = nullptr;
    QLabel* m_zoom = nullptr;
};

}  // namespace convscope::gui
