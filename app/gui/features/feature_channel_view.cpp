#include "app/gui/features/feature_channel_view.h"

#include <QLabel>
#include <QScrollArea>
#include <QSplitter>
#include <QVBoxLayout>

#include "app/gui/features/feature_tiles.h"
#include "widgets/common/number_text.h"
#include "widgets/image/tile_grid_view.h"
#include "widgets/plot/heatmap_view.h"

namespace convscope::gui {

FeatureChannelView::FeatureChannelView(QWidget* parent) : QWidget(parent) {
    m_caption = new QLabel;
    m_caption->setObjectName(QStringLiteral("featureTapCaption"));
    m_caption->setWordWrap(true);
    m_grid = new widgets::TileGridView;
    m_grid->setObjectName(QStringLiteral("featureChannels"));
    m_grid->setAccessibleName(tr("Channels of the selected tap"));
    m_grid->setTileWidth(kTileWidth);
    auto* scroll = new QScrollArea;
    scroll->setWidget(m_grid);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto* gridColumn = new QWidget;
    auto* gridLayout = new QVBoxLayout(gridColumn);
    gridLayout->setContentsMargins(0, 0, 0, 0);
    gridLayout->addWidget(m_caption);
    gridLayout->addWidget(scroll, 1);

    m_heatmap = new widgets::HeatmapView;
    m_heatmap->setObjectName(QStringLiteral("featureChannelHeatmap"));
    m_heatmap->setColormap(common::Colormap::Viridis);
    m_heatmap->setColorBarLabel(tr("activation"));
    m_heatmap->setMinimumSize(320, 300);

    auto* splitter = new QSplitter(Qt::Horizontal);
    splitter->addWidget(gridColumn);
    splitter->addWidget(m_heatmap);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setChildrenCollapsible(false);
    splitter->setSizes({560, 440});
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);
    connect(m_grid, &widgets::TileGridView::tileActivated, this, &FeatureChannelView::selectChannel);
    clear();
}

void FeatureChannelView::clear() {
    m_tap = TapFrame();
    m_grid->setTiles({});
    m_heatmap->clear();
    m_heatmap->setTitle({});
    m_caption->setText(tr("Select a tap point to see its channels."));
}

void FeatureChannelView::setTap(const TapFrame& tap, const QStringList& classNames) {
    m_tap = tap;
    m_classNames = classNames;
    m_grid->setTiles(channelTiles(tap, classNames));
    const QString shape = tap.height == 1 && tap.width == 1
                              ? tr("single values")
                              : tr("each %1×%2 pixels").arg(tap.width).arg(tap.height);
    QString text = tap.shownChannels() < tap.channels
                       ? tr("<b>%1</b>: %2 channels, %3; the first %4 are shown.")
                             .arg(tap.name)
                             .arg(tap.channels)
                             .arg(shape)
                             .arg(tap.shownChannels())
                       : tr("<b>%1</b>: %2 channels, %3.").arg(tap.name).arg(tap.channels).arg(shape);
    text +=
        QLatin1Char(' ') + (isVectorTap(tap) ? tr("The tiles share one colour scale, the tap's range; "
                                                  "click one to see all the values side by side.")
                                             : tr("Each tile is scaled to its own range; click one to see "
                                                  "its values."));
    m_caption->setText(text);
    if (m_channel >= tap.shownChannels()) m_channel = 0;
    showChannel();
}

void FeatureChannelView::selectChannel(int index) {
    if (index < 0 || index >= m_tap.shownChannels()) return;
    m_channel = index;
    showChannel();
}

void FeatureChannelView::showChannel() {
    const int shown = m_tap.shownChannels();
    if (shown == 0) {
        m_heatmap->clear();
        m_heatmap->setTitle({});
        return;
    }
    const int c = m_channel;
    if (isVectorTap(m_tap)) {
        // One value per channel: a strip of all of them says more than a single cell.
        QVector<float> values;
        for (int i = 0; i < shown; ++i) values << m_tap.channelValues[i].value(0);
        const bool classes = m_tap.name == QLatin1String("fc") && m_tap.channels == m_classNames.size();
        m_heatmap->setKeepAspect(false);
        // fc's outputs are the scores before softmax, not probabilities: say so where they are read.
        m_heatmap->setColorBarLabel(classes ? tr("logit (before softmax)") : tr("activation"));
        m_heatmap->setAxisTitles(tr("channel"), QString());
        m_heatmap->setData(1, shown, values);
        m_heatmap->setHoverText([this, classes](int, int col) {
            return classes && col < m_classNames.size() ? m_classNames[col] : QString();
        });
        const QString count = shown < m_tap.channels ? tr("%1 of %2 values").arg(shown).arg(m_tap.channels)
                                                     : tr("%1 values").arg(shown);
        const QString value = widgets::formatValue(values[c], 4);
        m_heatmap->setTitle(
            classes ? tr("%1: %2 (ch %3, %4 = %5)").arg(m_tap.name, count).arg(c).arg(m_classNames[c], value)
                    : tr("%1: %2 (ch %3 = %4)").arg(m_tap.name, count).arg(c).arg(value));
        return;
    }
    const int w = m_tap.width, h = m_tap.height;
    m_heatmap->setKeepAspect(true);
    m_heatmap->setColorBarLabel(tr("activation"));
    m_heatmap->setHoverText({});
    m_heatmap->setAxisTitles(tr("x (px)"), tr("y (px)"));
    m_heatmap->setData(h, w, m_tap.channelValues[c]);
    m_heatmap->setTitle(tr("%1, channel %2 (%3×%4)").arg(m_tap.name).arg(c).arg(w).arg(h));
}

}  // namespace convscope::gui
