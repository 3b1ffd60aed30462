#include "app/gui/architecture/zoo_table.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "app/gui/support/csv_text.h"
#include "app/gui/support/table_view_setup.h"
#include "widgets/common/number_text.h"

namespace convscope::gui {

namespace {

const QColor kErrorColor(176, 0, 32);
// The Parameter sharing chart's colours, a little faded.
const QColor kParameterBar(59, 117, 175, 150);
const QColor kMacBar(230, 97, 0, 150);

/// Where a value sits on a log axis from a decade below the smallest positive value to the largest, so
/// that the smallest model still gets a visible bar and a 10× larger one a clearly longer one.
struct LogScale {
    double low = 0, high = 0;
    explicit LogScale(const QVector<qint64>& values) {
        qint64 lo = 0, hi = 0;
        for (qint64 v : values) {
            if (v <= 0) continue;
            lo = lo == 0 ? v : std::min(lo, v);
            hi = std::max(hi, v);
        }
        if (hi > 0) {
            low = std::log10(double(lo)) - 1.0;
            high = std::log10(double(hi));
        }
    }
    double fraction(qint64 v) const {
        if (v <= 0 || high <= low) return 0;
        return std::clamp((std::log10(double(v)) - low) / (high - low), 0.0, 1.0);
    }
};

constexpr int kBarRole = Qt::UserRole + 3;  // the bar's length, 0 … 1 of the full bar
constexpr int kBarChars = 12;               // the full bar's length, in average character widths

/// Paints a count's bar in the left of its cell, on one scale for the whole column, with the digits right
/// of it, so that the lengths compare at a glance and the digits stay clear. (A gradient background brush
/// would need no class, but the item views fill the cell with its first colour.)
class BarDelegate : public QStyledItemDelegate {
public:
    BarDelegate(const QColor& color, QObject* parent) : QStyledItemDelegate(parent), m_color(color) {}
    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override {
        const double fraction = index.data(kBarRole).toDouble();
        if (fraction > 0 && !(option.state & QStyle::State_Selected)) {
            const double full = kBarChars * option.fontMetrics.averageCharWidth();
            const QRectF cell = QRectF(option.rect).adjusted(4, 4, -4, -4);
            painter->fillRect(
                QRectF(cell.topLeft(), QSizeF(std::min(cell.width(), full * fraction), cell.height())),
                m_color);
        }
        QStyledItemDelegate::paint(painter, option, index);
    }

private:
    QColor m_color;
};

QStandardItem* item(const QString& text, const QVariant& key, bool number = false) {
    auto* i = new QStandardItem(text);
    i->setData(key, ZooTable::SortRole);
    if (number) i->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    i->setEditable(false);
    return i;
}

// "76.0%" -> 76.0; none quoted sorts below every quoted accuracy.
double accuracyKey(const QString& text) {
    QString digits = text.trimmed();
    digits.remove(QLatin1Char('%'));
    bool ok = false;
    const double v = digits.toDouble(&ok);
    return ok ? v : -1.0;
}

}  // namespace

ZooTable::ZooTable(QWidget* parent) : QWidget(parent) {
    m_size = new QComboBox;
    m_size->setObjectName(QStringLiteral("zooInputSize"));
    m_size->addItem(tr("224×224"), 224);
    m_size->addItem(tr("each model's native resolution"), 0);
    m_size->setToolTip(
        tr("224×224 compares the architectures on equal terms; the native resolutions "
           "(EfficientNet-B7: 600×600) are what the quoted accuracies were measured at."));
    m_measure = new QPushButton(tr("Measure"));
    m_measure->setObjectName(QStringLiteral("zooMeasure"));
    m_export = new QPushButton(tr("Export CSV…"));
    m_export->setObjectName(QStringLiteral("zooExportCsv"));
    m_export->setEnabled(false);
    m_progress = new QProgressBar;
    m_progress->setRange(0, 0);
    m_progress->setMaximumWidth(120);
    m_progress->setTextVisible(false);
    m_progress->setVisible(false);
    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("zooStatus"));
    m_status->setVisible(false);
    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Input:")));
    top->addWidget(m_size);
    top->addWidget(m_measure);
    top->addWidget(m_progress);
    top->addWidget(m_status, 1);
    top->addStretch();
    top->addWidget(m_export);

    m_model = new QStandardItemModel(0, ColumnCount, this);
    m_model->setHorizontalHeaderLabels({tr("Model"), tr("Family"), tr("Input"), tr("Parameters"), tr("MACs"),
                                        tr("Top-1"), tr("Top-5"), tr("Accuracy source")});
    m_model->horizontalHeaderItem(Parameters)
        ->setToolTip(
            tr("Trainable parameters; the bar is on a log scale, full length for the largest model"));
    m_model->horizontalHeaderItem(Macs)->setToolTip(tr(
        "Multiply-accumulates for one image; the bar is on a log scale, full length for the largest model"));
    m_model->horizontalHeaderItem(Top1)->setToolTip(tr("ImageNet top-1 accuracy as a seed quotes it"));
    m_model->horizontalHeaderItem(Top5)->setToolTip(tr("ImageNet top-5 accuracy as a seed quotes it"));
    for (int c : {Input, Parameters, Macs, Top1, Top5})
        m_model->horizontalHeaderItem(c)->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(SortRole);
    m_proxy->setSortCaseSensitivity(Qt::CaseInsensitive);

    m_view = new QTableView;
    m_view->setObjectName(QStringLiteral("zooTable"));
    m_view->setAccessibleName(tr("Model zoo"));
    m_view->setModel(m_proxy);
    setUpReadOnlyTable(m_view);
    m_view->sortByColumn(-1, Qt::AscendingOrder);  // the catalog's order until a header is clicked
    m_view->setItemDelegateForColumn(Parameters, new BarDelegate(kParameterBar, m_view));
    m_view->setItemDelegateForColumn(Macs, new BarDelegate(kMacBar, m_view));

    m_note =
        new QLabel(tr("Accuracies are those the seeds quote, at each model's native resolution; parameters "
                      "and MACs are measured here by tracing each model."));
    m_note->setObjectName(QStringLiteral("zooNote"));
    m_note->setWordWrap(true);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_note);

    connect(m_measure, &QPushButton::clicked, this, [this] {
        const int size = m_size->currentData().toInt();
        Q_EMIT measureRequested(size > 0 ? size : 224, size <= 0);
    });
    connect(m_export, &QPushButton::clicked, this, &ZooTable::askCsvPath);
    connect(m_view, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        const QString model = m_proxy->index(index.row(), Model).data(ModelRole).toString();
        if (!model.isEmpty()) Q_EMIT modelActivated(model);
    });
    // Spans belong to view rows, not to the data, so they are laid again whenever sorting moves the rows.
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &ZooTable::applySpans);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &ZooTable::applySpans);
}

QString ZooTable::siText(qint64 value) {
    static const char* const prefixes[] = {"", " K", " M", " G", " T"};
    double v = double(value);
    int p = 0;
    while (std::abs(v) >= 999.5 && p < 4) {
        v /= 1000.0;
        ++p;
    }
    const int decimals = p == 0 ? 0 : (std::abs(v) < 9.995 ? 2 : (std::abs(v) < 99.95 ? 1 : 0));
    return QLocale(QLocale::English).toString(v, 'f', decimals) + QLatin1String(prefixes[p]);
}

void ZooTable::setRows(const QVector<ZooRow>& rows) {
    m_rows = rows;
    QVector<qint64> params, macs;
    for (const ZooRow& r : rows) {
        params << r.parameters;
        macs << r.macs;
    }
    const LogScale paramScale(params), macScale(macs);

    m_model->removeRows(0, m_model->rowCount());
    m_model->setRowCount(int(rows.size()));
    for (int i = 0; i < rows.size(); ++i) {
        const ZooRow& r = rows[i];
        const QString title = r.title.isEmpty() ? r.model : r.title;
        QStandardItem* name = item(title, title);
        name->setData(r.model, ModelRole);
        name->setData(r.error, ErrorRole);
        name->setToolTip(tr("%1 — double-click to show its architecture").arg(r.model));
        m_model->setItem(i, Model, name);
        m_model->setItem(i, Family, item(r.family, r.family));
        m_model->setItem(i, Input, item(QStringLiteral("%1×%1").arg(r.inputSize), r.inputSize, true));
        if (!r.error.isEmpty()) {
            QStandardItem* error = item(r.error, qint64(-1));
            error->setForeground(kErrorColor);
            error->setToolTip(r.error);
            // The text spans the number columns; without this it would widen the Parameters column.
            error->setData(QSize(1, 1), Qt::SizeHintRole);
            m_model->setItem(i, Parameters, error);
            m_model->setItem(i, Macs, item(QString(), qint64(-1)));
        } else {
            QStandardItem* p = item(widgets::groupedNumber(r.parameters), r.parameters, true);
            p->setToolTip(tr("%1 parameters").arg(siText(r.parameters)));
            p->setData(paramScale.fraction(r.parameters), kBarRole);
            m_model->setItem(i, Parameters, p);
            QStandardItem* m = item(widgets::groupedNumber(r.macs), r.macs, true);
            const QString si = siText(r.macs);  // "4.09 G", or "512" without a prefix
            m->setToolTip(tr("%1%2MAC (multiply-accumulates for one image)")
                              .arg(si, r.macs < 1000 ? QStringLiteral(" ") : QString()));
            m->setData(macScale.fraction(r.macs), kBarRole);
            m_model->setItem(i, Macs, m);
        }
        const auto accuracy = [this](const QString& text) {
            QStandardItem* a = item(text.isEmpty() ? QStringLiteral("—") : text, accuracyKey(text), true);
            if (text.isEmpty()) a->setToolTip(tr("No seed quotes this accuracy"));
            return a;
        };
        m_model->setItem(i, Top1, accuracy(r.top1));
        m_model->setItem(i, Top5, accuracy(r.top5));
        m_model->setItem(i, Source, item(r.accuracySource, r.accuracySource));
    }
    applySpans();
    m_view->resizeColumnsToContents();
    // Room for the bars left of the digits.
    for (int c : {Parameters, Macs})
        m_view->setColumnWidth(
            c, m_view->columnWidth(c) + (kBarChars + 1) * fontMetrics().averageCharWidth() + 8);
    m_export->setEnabled(!rows.isEmpty());
}

void ZooTable::applySpans() {
    m_view->clearSpans();
    for (int r = 0; r < m_proxy->rowCount(); ++r)
        if (!m_proxy->index(r, Model).data(ErrorRole).toString().isEmpty())
            m_view->setSpan(r, Parameters, 1, ColumnCount - Parameters);
}

void ZooTable::setBusy(bool busy, const QString& text) {
    m_busy = busy;
    m_size->setEnabled(!busy);
    m_measure->setEnabled(!busy);
    m_progress->setVisible(busy);
    m_status->setText(text);
    m_status->setVisible(!text.isEmpty());
}

int ZooTable::rowCount() const {
    return m_proxy->rowCount();
}

QString ZooTable::csvText() const {
    QVector<QStringList> records;
    records << QStringList{
        QStringLiteral("model"),      QStringLiteral("title"),      QStringLiteral("family"),
        QStringLiteral("input_size"), QStringLiteral("parameters"), QStringLiteral("macs"),
        QStringLiteral("top1"),       QStringLiteral("top5"),       QStringLiteral("accuracy_source"),
        QStringLiteral("error")};
    const auto count = [](qint64 v) { return v < 0 ? QString() : QString::number(v); };
    for (const ZooRow& r : m_rows)
        records << QStringList{r.model,
                               r.title,
                               r.family,
                               QString::number(r.inputSize),
                               count(r.parameters),
                               count(r.macs),
                               r.top1,
                               r.top5,
                               r.accuracySource,
                               r.error};
    return gui::csvText(records);
}

bool ZooTable::exportCsv(const QString& path, QString* error) const {
    return writeCsvFile(path, csvText(), error);
}

void ZooTable::askCsvPath() {
    QString path = QFileDialog::getSaveFileName(this, tr("Export Model Zoo"),
                                                documentsPath(QStringLiteral("model-zoo.csv")),
                                                tr("Comma-separated values (*.csv)"));
    if (path.isEmpty()) return;
    if (QFileInfo(path).suffix().isEmpty()) path += QStringLiteral(".csv");
    QString error;
    if (!exportCsv(path, &error)) QMessageBox::warning(this, tr("Export Model Zoo"), error);
}

}  // namespace convscope::gui
