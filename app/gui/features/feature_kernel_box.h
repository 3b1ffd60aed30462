#pragma once

#include <QGroupBox>
#include <QString>
#include <QVector>

#include "core/common/kernel.h"

class QLabel;
class QPushButton;
class QScrollArea;

namespace convscope::widgets {
class TileGridView;
}

namespace convscope::gui {

/// The first convolution's learned filters as a small grid, one of them selected, and a button that sends
/// the selected filter to the Frequency panel.
class FeatureKernelBox : public QGroupBox {
    Q_OBJECT
public:
    explicit FeatureKernelBox(QWidget* parent = nullptr);

    /// `origin` ends the Frequency panel's title: "step 340" or a checkpoint's file name. Keeps the
    /// selected index when it still exists.
    void setKernels(const QVector<common::Kernel>& kernels, const QString& origin);
    void clear() { setKernels({}, {}); }
    int kernelCount() const { return int(m_kernels.size()); }
    const QVector<common::Kernel>& kernels() const { return m_kernels; }
    int selectedIndex() const { return m_selected; }
    void selectKernel(int index);
    /// "conv1 filter 5 (step 340)".
    QString selectedTitle() const;

    widgets::TileGridView* grid() const { return m_grid; }
    QPushButton* openButton() const { return m_open; }

Q_SIGNALS:
    void openKernelInFrequency(const convscope::common::Kernel& kernel, const QString& title);

private:
    void updateSelection();

    widgets::TileGridView* m_grid = nullptr;
    QScrollArea* m_scroll = nullptr;
    QLabel* m_info = nullptr;
    QPushButton* m_open = nullptr;
    QVector<common::Kernel> m_kernels;
    QString m_origin;
    int m_selected = 0;
};

}  // namespace convscope::gui
