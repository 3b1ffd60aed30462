#pragma once

#include <QGroupBox>
#include <QString>

class QButtonGroup;
class QLabel;

namespace convscope::widgets {
class PixelInspectorView;
struct PixelInspectorData;
}  // namespace convscope::widgets

namespace convscope::gui {

/// The "Pixel inspector" group: which channel to explain (R, G or B, for colour results) above the
/// PixelInspectorView that shows the neighbourhood, the kernel as applied, the products and their sum.
class InspectorBox : public QGroupBox {
    Q_OBJECT
public:
    explicit InspectorBox(QWidget* parent = nullptr);

    /// The channel to inspect in the engine's order: 0 blue, 1 green, 2 red.
    int channel() const;
    /// "R", "G" or "B".
    QString channelName() const;
    void setChannel(int channel);
    /// Colour results have three channels to choose from; single-channel ones have only "Gray".
    void setColourResult(bool colour);
    bool colourResult() const { return m_colourResult; }

    void setData(const widgets::PixelInspectorData& data);
    /// The data shown is the image's centre pixel, not a hovered one: the title says so.
    void setCentreShown(bool centre);
    void clear();
    widgets::PixelInspectorView* view() const { return m_view; }

Q_SIGNALS:
    void channelChanged(int channel);

private:
    QButtonGroup* m_channels = nullptr;
    QWidget* m_channelRow = nullptr;
    QLabel* m_grayNote = nullptr;
    widgets::PixelInspectorView* m_view = nullptr;
    bool m_colourResult = true;
};

}  // namespace convscope::gui
