#pragma once

#include <QColor>
#include <QRect>
#include <QString>
#include <QStringList>
#include <QVector>
#include <QWidget>

namespace convscope::widgets {

/// A vertical colour bar with tick labels: which colour stands for which value. Used next to the result
/// for the diverging colormap and the offset/absolute display modes. Five ticks from low to high; the label
/// runs along the left side, reading upwards.
class ColorBar : public QWidget {
    Q_OBJECT
public:
    explicit ColorBar(QWidget* parent = nullptr);

    /// 256 colours from the low end (bottom) to the high end (top).
    void setColors(const QVector<QColor>& colors);
    /// Value at the bottom and top of the bar, and a label drawn along it (e.g. "filter output").
    void setRange(double low, double high, const QString& label = {});
    double low() const { return m_low; }
    double high() const { return m_high; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QStringList tickLabels() const;
    int barTop() const;
    int barBottom() const;
    QRect barRect() const;

    QVector<QColor> m_colors;
    double m_low = 0.0;
    double m_high = 1.0;
    QString m_label;
};

}  // namespace convscope::widgets
