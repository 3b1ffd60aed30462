#pragma once

#include <QString>
#include <QTableWidget>
#include <QVector>

#include "app/gui/features/feature_frame.h"

namespace convscope::gui {

/// Every tap point of the model, in forward order: its name, shape C×H×W and the range and mean of its
/// activation. One row is selected at a time; refilling with the same taps (a live frame) keeps it.
class FeatureTapTable : public QTableWidget {
    Q_OBJECT
public:
    explicit FeatureTapTable(QWidget* parent = nullptr);

    /// Keeps the selected tap by name when the new frame has it, else selects the first row.
    void setTaps(const QVector<TapFrame>& taps);
    int selectedTap() const { return m_selected; }
    QString selectedName() const;
    void selectTap(int index);

    QSize sizeHint() const override;

Q_SIGNALS:
    /// The user (or selectTap) chose another row (-1: none); setTaps does not emit it.
    void tapSelected(int index);

private:
    void fitHeight();

    static constexpr int kRowsShown = 11;
    QStringList m_names;
    int m_contentHeight = 120;
    int m_contentWidth = 360;
    int m_selected = -1;
};

}  // namespace convscope::gui
