#pragma once

#include <QGroupBox>
#include <QPoint>
#include <vector>

#include "app/gui/convolution/conv_lab_setup.h"

class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace convscope::widgets {
class ImageView;
}

namespace convscope::gui {

class ImageDocument;

/// The "Input" group of the Convolution panel: where the values come from (1..N, random digits, a crop of the
/// loaded image, or typed values), channels and size. In image mode a thumbnail of the loaded image takes a
/// click and the crop centred there supplies real pixel values (gray, or R, G, B channels when 3 channels are
/// asked for).
class ConvInputBox : public QGroupBox {
    Q_OBJECT
public:
    explicit ConvInputBox(const ImageDocument* document, QWidget* parent = nullptr);

    /// Writes source, channels, height, width and values into `setup`.
    void fill(ConvLabSetup& setup) const;
    /// Shows `setup`'s input without emitting changed().
    void show(const ConvLabSetup& setup);
    /// Fixes the channel count (Single, Dilated and pooling modes use 1 channel; `fixed` < 1 frees it).
    void setFixedChannels(int fixed);

    /// Image mode: takes the crop centred on image pixel `centre` (also what a click on the thumbnail does).
    void pickImageSpot(const QPoint& centre);
    QPoint imageSpot() const { return m_spot; }
    QComboBox* sourceCombo() const { return m_source; }
    QSpinBox* channelsBox() const { return m_channels; }
    QSpinBox* heightBox() const { return m_height; }
    QSpinBox* widthBox() const { return m_width; }

Q_SIGNALS:
    void changed();

private:
    void onSourceChanged();
    void onImageChanged();
    void editValues();
    void refreshCrop();

    const ImageDocument* m_document = nullptr;
    QComboBox* m_source = nullptr;
    QSpinBox* m_channels = nullptr;
    QSpinBox* m_height = nullptr;
    QSpinBox* m_width = nullptr;
    QPushButton* m_edit = nullptr;
    widgets::ImageView* m_picker = nullptr;
    QLabel* m_hint = nullptr;
    QPoint m_spot{-1, -1};
    std::vector<double> m_values;  ///< Image/Custom values
};

}  // namespace convscope::gui
