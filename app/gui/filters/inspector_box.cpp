#include "app/gui/filters/inspector_box.h"

#include <QButtonGroup>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>

#include "widgets/image/pixel_inspector_view.h"

namespace convscope::gui {

InspectorBox::InspectorBox(QWidget* parent) : QGroupBox(tr("Pixel inspector"), parent) {
    setObjectName(QStringLiteral("inspectorGroup"));

    m_channelRow = new QWidget;
    auto* row = new QHBoxLayout(m_channelRow);
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(2);
    auto* label = new QLabel(tr("Channel"));
    row->addWidget(label);
    row->addSpacing(6);
    m_channels = new QButtonGroup(this);
    m_channels->setExclusive(true);
    const struct {
        int channel;
        QString text;
        QString name;
        QString tip;
    } buttons[] = {
        {2, QStringLiteral("R"), QStringLiteral("inspectRedButton"), tr("Explain the red channel")},
        {1, QStringLiteral("G"), QStringLiteral("inspectGreenButton"),
         tr("Explain the green channel (the one that carries most of the brightness)")},
        {0, QStringLiteral("B"), QStringLiteral("inspectBlueButton"), tr("Explain the blue channel")},
    };
    for (const auto& b : buttons) {
        auto* button = new QToolButton;
        button->setText(b.text);
        button->setObjectName(b.name);
        button->setToolTip(b.tip);
        button->setCheckable(true);
        button->setAutoRaise(false);
        button->setMinimumWidth(28);
        m_channels->addButton(button, b.channel);
        row->addWidget(button);
    }
    row->addStretch(1);
    // Green by default: it carries most of the luminance, so its arithmetic matches what the eye sees.
    m_channels->button(1)->setChecked(true);

    m_grayNote = new QLabel(tr("Single channel (gray)"));
    m_grayNote->setObjectName(QStringLiteral("inspectGrayNote"));
    m_grayNote->setForegroundRole(QPalette::PlaceholderText);
    m_grayNote->hide();

    m_view = new widgets::PixelInspectorView;
    m_view->setObjectName(QStringLiteral("pixelInspector"));

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_channelRow);
    layout->addWidget(m_grayNote);
    layout->addWidget(m_view, 1);
    clear();

    connect(m_channels, &QButtonGroup::idToggled, this, [this](int id, bool on) {
        if (on) Q_EMIT channelChanged(id);
    });
}

int InspectorBox::channel() const {
    return m_colourResult ? m_channels->checkedId() : 0;
}

QString InspectorBox::channelName() const {
    if (!m_colourResult) return tr("Gray");
    return m_channels->checkedButton() ? m_channels->checkedButton()->text() : QString();
}

void InspectorBox::setChannel(int channel) {
    if (QAbstractButton* button = m_channels->button(channel)) button->setChecked(true);
}

void InspectorBox::setColourResult(bool colour) {
    m_colourResult = colour;
    m_channelRow->setVisible(colour);
    m_grayNote->setVisible(!colour);
}

void InspectorBox::setData(const widgets::PixelInspectorData& data) {
    m_view->setData(data);
}

void InspectorBox::setCentreShown(bool centre) {
    setTitle(centre ? tr("Pixel inspector · the image's centre pixel (hover over an image to pick another)")
                    : tr("Pixel inspector"));
}

void InspectorBox::clear() {
    setTitle(tr("Pixel inspector"));
    m_view->clear(tr("Hover over the original or the result to see how that output pixel is computed."));
}

}  // namespace convscope::gui
