#pragma once

#include <QString>
#include <QVector>
#include <QWidget>

#include "app/gui/architecture/architecture_types.h"

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QStandardItemModel;
class QTableView;

namespace convscope::gui {

/// The model zoo side by side: every catalog model's parameters and multiply-accumulates as traced here,
/// next to the ImageNet accuracies the seeds quote. The measurement takes seconds, so the table only asks
/// for it (measureRequested) and shows what the caller's worker sends back (setRows); setBusy covers the
/// wait. Parameter and MAC cells carry a log-scale bar relative to the column's largest value.
class ZooTable : public QWidget {
    Q_OBJECT
public:
    enum Column { Model, Family, Input, Parameters, Macs, Top1, Top5, Source, ColumnCount };
    /// The items' sort key (qint64 counts, double accuracies, the text otherwise) and, on the Model column,
    /// the catalog name and the row's error.
    static constexpr int SortRole = Qt::UserRole;
    static constexpr int ModelRole = Qt::UserRole + 1;
    static constexpr int ErrorRole = Qt::UserRole + 2;

    explicit ZooTable(QWidget* parent = nullptr);

    /// Replaces the rows (keeping the sort column); rows with an error show it across the number columns.
    void setRows(const QVector<ZooRow>& rows);
    /// While busy the Measure controls are disabled and `text` shows next to a busy indicator; afterwards
    /// `text` stays as the status line (empty hides it).
    void setBusy(bool busy, const QString& text);
    bool isBusy() const { return m_busy; }

    /// The rows in the order setRows got them: numbers raw, UTF-8, RFC 4180.
    bool exportCsv(const QString& path, QString* error) const;
    QString csvText() const;
    int rowCount() const;

    QTableView* view() const { return m_view; }
    QComboBox* sizeCombo() const { return m_size; }
    QPushButton* measureButton() const { return m_measure; }
    QPushButton* exportButton() const { return m_export; }
    QLabel* statusLabel() const { return m_status; }
    QLabel* noteLabel() const { return m_note; }

    /// "25.6 M", "4.09 G": three significant digits with an SI prefix.
    static QString siText(qint64 value);

Q_SIGNALS:
    /// The user pressed Measure: every model at inputSize × inputSize, or (native) each at its own
    /// resolution, when inputSize is 224 and to be ignored.
    void measureRequested(int inputSize, bool native);
    /// The user double-clicked a row; `model` is the catalog name ("resnet50").
    void modelActivated(QString model);

private:
    void applySpans();
    void askCsvPath();

    QComboBox* m_size = nullptr;
    QPushButton* m_measure = nullptr;
    QPushButton* m_export = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_status = nullptr;
    QTableView* m_view = nullptr;
    QStandardItemModel* m_model = nullptr;
    QSortFilterProxyModel* m_proxy = nullptr;
    QLabel* m_note = nullptr;
    QVector<ZooRow> m_rows;
    bool m_busy = false;
};

}  // namespace convscope::gui
