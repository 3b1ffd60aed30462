#pragma once

#include <QGroupBox>
#include <QString>

#include "core/imaging/filter_engine.h"
#include "core/imaging/filter_options.h"

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QLabel;
class QRadioButton;

namespace convscope::gui {

/// The "Options" group of the Filters panel: correlation or convolution, the border rule, colour or
/// grayscale, how signed results are displayed, and below them what the last result was (its true range and
/// how long it took) or why it failed. Emits changed() after every user change.
class FilterOptionsBox : public QGroupBox {
    Q_OBJECT
public:
    explicit FilterOptionsBox(QWidget* parent = nullptr);

    imaging::FilterOptions options() const;
    imaging::DisplayOptions display() const;
    /// Sets the controls without emitting changed().
    void setOptions(const imaging::FilterOptions& options);
    void setDisplay(const imaging::DisplayOptions& display);
    /// Channels of the current image: the diverging colormap needs a single-channel result, so it is offered
    /// only for grey images or with Grayscale chosen.
    void setImageChannels(int channels);

    /// "Result range: −1020 … 1020" and "4000×3000 in 85 ms"; `preview` says it is the reduced copy's.
    void showResult(const imaging::ValueRange& range, const QSize& size, double milliseconds, bool preview);
    /// A red message instead of the range; an empty message clears it.
    void showError(const QString& message);
    void clearResult();
    QString rangeText() const;
    QString errorText() const;

Q_SIGNALS:
    void changed();

private:
    void updateDivergingAvailability();
    void onChanged();

    QRadioButton* m_correlate = nullptr;
    QRadioButton* m_convolve = nullptr;
    QComboBox* m_border = nullptr;
    QRadioButton* m_colour = nullptr;
    QRadioButton* m_gray = nullptr;
    QButtonGroup* m_displayGroup = nullptr;
    QCheckBox* m_stretch = nullptr;
    QLabel* m_range = nullptr;
    QLabel* m_timing = nullptr;
    QLabel* m_error = nullptr;
    int m_imageChannels = 3;
    bool m_updating = false;
};

}  // namespace convscope::gui
