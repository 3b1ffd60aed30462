#include "app/gui/features/feature_kernel_box.h"

#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>
#include <algorithm>

#include "app/gui/features/feature_tiles.h"
#include "widgets/common/number_text.h"
#include "widgets/image/tile_grid_view.h"

namespace convscope::gui {

namespace {
// Small tiles: 64 filters of a ResNet's stem should fit in a few rows of the side column.
constexpr int kKernelTileWidth = 48;
}  // namespace

FeatureKernelBox::FeatureKernelBox(QWidget* parent) : QGroupBox(tr("conv1's learned filters"), parent) {
    m_grid = new widgets::TileGridView;
    m_grid->setObjectName(QStringLiteral("featureKernels"));
    m_grid->setAccessibleName(tr("First-layer filters"));
    m_grid->setTileWidth(kKernelTileWidth);
    m_scroll = new QScrollArea;
    m_scroll->setWidget(m_grid);
    m_scroll->setWidgetResizable(true);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setMinimumHeight(150);
    m_info = new QLabel;
    m_info->setObjectName(QStringLiteral("featureKernelInfo"));
    m_info->setWordWrap(true);
    m_open = new QPushButton(tr("Open in the Frequency panel"));
    m_open->setObjectName(QStringLiteral("featureOpenKernel"));
    m_open->setToolTip(tr("See which spatial frequencies the selected filter passes"));
    auto* legend =
        new QLabel(tr("blue negative, grey zero, red positive; each filter scaled to its own "
                      "largest weight"));
    legend->setWordWrap(true);
    legend->setForegroundRole(QPalette::PlaceholderText);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_scroll, 1);
    layout->addWidget(legend);
    layout->addWidget(m_info);
    layout->addWidget(m_open);
    connect(m_grid, &widgets::TileGridView::tileActivated, this, &FeatureKernelBox::selectKernel);
    connect(m_open, &QPushButton::clicked, this, [this] {
        if (m_selected >= 0 && m_selected < m_kernels.size())
            Q_EMIT openKernelInFrequency(m_kernels[m_selected], selectedTitle());
    });
    clear();
}

void FeatureKernelBox::setKernels(const QVector<common::Kernel>& kernels, const QString& origin) {
    const int side = kernels.isEmpty() ? 1 : std::max(kernels.front().rows(), kernels.front().cols());
    m_kernels = kernels;
    m_origin = origin;
    m_grid->setTiles(kernelTiles(kernels, std::max(kKernelTileWidth, side)));
    if (m_selected >= m_kernels.size()) m_selected = 0;
    updateSelection();
}

void FeatureKernelBox::selectKernel(int index) {
    if (index < 0 || index >= m_kernels.size()) return;
    m_selected = index;
    updateSelection();
}

QString FeatureKernelBox::selectedTitle() const {
    if (m_selected < 0 || m_selected >= m_kernels.size()) return {};
    const QString title = tr("conv1 filter %1").arg(m_selected);
    return m_origin.isEmpty() ? title : tr("%1 (%2)").arg(title, m_origin);
}

void FeatureKernelBox::updateSelection() {
    const bool any = !m_kernels.isEmpty();
    m_open->setEnabled(any);
    m_scroll->setVisible(any);
    if (!any) {
        m_info->setText(tr("The filters appear with the first feature maps."));
        return;
    }
    const common::Kernel& k = m_kernels[m_selected];
    m_info->setText(tr("Filter %1 of %2 selected (click another): %3×%4, weights %5 … %6")
                        .arg(m_selected)
                        .arg(m_kernels.size())
                        .arg(k.rows())
                        .arg(k.cols())
                        .arg(widgets::formatValue(k.minValue(), 3), widgets::formatValue(k.maxValue(), 3)));
    m_grid->setToolTip(tr("Click a filter to select it"));
}

}  // namespace convscope::gui
