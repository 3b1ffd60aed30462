#pragma once

#include <QColor>
#include <QImage>
#include <QString>
#include <QStringList>
#include <QVector>
#include <QWidget>

class QPainter;

namespace convscope::widgets {

/// One series of a grouped bar chart.
struct BarSeries {
    QString name;
    QColor color;
    QVector<double> values;  ///< one per category, > 0 (log axis)
};

/// A grouped bar chart on a logarithmic value axis (decades labelled 10⁰, 10¹, ...), with each bar's value
/// printed above it with thousands separators, axis titles, a legend and a title. Used for the seed's
/// parameter sharing table (conv vs fully connected parameters for inputs 8..128), where values span eight
/// decades.
class LogBarChart : public QWidget {
    Q_OBJECT
public:
    explicit LogBarChart(QWidget* parent = nullptr);

    void setData(const QString& title, const QString& categoryAxisTitle, const QString& valueAxisTitle,
                 const QStringList& categories, const QVector<BarSeries>& series);
    /// The chart at `size`, for export and tests.
    QImage render(const QSize& size) const;

    /// A bar's value as printed: integers with thousands separators ("268,451,840"), others compact.
    static QString valueLabel(double value);
    /// The decades the value axis spans: from the decade below the smallest positive value (10⁰ for 10, 10¹
    /// for 12) to the decade above the largest (10⁴ for 1000). False when no value is positive.
    static bool decadeRange(const QVector<BarSeries>& series, int* lowest, int* highest);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    void paintChart(QPainter& painter, const QRect& rect) const;

    QString m_title;
    QString m_categoryTitle;
    QString m_valueTitle;
    QStringList m_categories;
    QVector<BarSeries> m_series;
};

}  // namespace convscope::widgets
