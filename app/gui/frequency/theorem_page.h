#pragma once

#include <QWidget>

#include "app/gui/frequency/frequency_types.h"

class QCheckBox;
class QLabel;
class QToolButton;

namespace convscope::widgets {
class TileGridView;
}

namespace convscope::gui {

/// The "Convolution theorem" page: the image (its luminance), its spectrum, the kernel's response at the
/// transform's size, their product, the inverse transform of the product next to the spatial result, and
/// their difference, with the largest absolute difference printed. "Pad first" gives linear convolution (the
/// spatial result to float rounding); without it the product is circular and the border shows the
/// wrap-around.
class TheoremPage : public QWidget {
    Q_OBJECT
public:
    explicit TheoremPage(QWidget* parent = nullptr);

    void setView(const TheoremView& view);
    void setBusy(const QString& message);
    void setError(const QString& message);
    bool padded() const;

    const TheoremView& view() const { return m_view; }
    widgets::TileGridView* tiles() const { return m_tiles; }
    QCheckBox* padBox() const { return m_pad; }
    QLabel* differenceLabel() const { return m_difference; }
    /// The tiles as one PNG or SVG picture (by the extension); empty on success, else why it failed.
    QString exportPicture(const QString& path) const;

Q_SIGNALS:
    void paddingChanged();

private:
    void chooseExport();

    TheoremView m_view;
    QCheckBox* m_pad = nullptr;
    QLabel* m_difference = nullptr;
    QLabel* m_note = nullptr;
    QToolButton* m_export = nullptr;
    widgets::TileGridView* m_tiles = nullptr;
};

}  // namespace convscope::gui
