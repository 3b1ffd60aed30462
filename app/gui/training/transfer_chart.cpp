#include "app/gui/training/transfer_chart.h"

#include <algorithm>
#include <optional>

#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

#include "widgets/common/number_text.h"
#include "widgets/plot/line_plot_view.h"

namespace convscope::gui {

namespace {

// Okabe–Ito: told apart with the common colour-vision deficiencies; solid and dashed tell the starts apart.
const QColor kTransferColors[] = {QColor(0, 114, 178),   QColor(213, 94, 0),  QColor(0, 158, 115),
                                  QColor(204, 121, 167), QColor(230, 159, 0), QColor(86, 180, 233)};

QString accuracyText(double share) {
    return QStringLiteral("%1 %").arg(100.0 * share, 0, 'f', 1);
}

QTableWidgetItem* transferCell(const QString& text, const QVariant& value = {}) {
    auto* item = new QTableWidgetItem(text);
    item->setData(Qt::UserRole, value);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    return item;
}

}  // namespace

TransferChart::TransferChart(QWidget* parent) : QWidget(parent) {
    m_plot = new widgets::LinePlotView;
    m_plot->setObjectName(QStringLiteral("transferPlot"));
    m_plot->setTitle(tr("Test accuracy on the new classes"));
    m_plot->setAxisTitles(tr("epoch"), tr("test accuracy (%)"));
    m_plot->setYRange(0.0, 100.0);
    m_plot->setXTickStep(1.0);
    m_plot->setLegendPosition(Qt::BottomRightCorner);
    m_plot->setMinimumSize(480, 300);
    // Until the first curve arrives the chart says what to do, over its empty axes.
    m_empty =
        new QLabel(tr("Press Start to pretrain on the first classes and then learn the others from a "
                      "few images per class.\nEvery run's test accuracy appears here, epoch by epoch."));
    m_empty->setObjectName(QStringLiteral("transferEmptyLabel"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setStyleSheet(
        QStringLiteral("color: #555; background: rgba(255, 255, 255, 220); padding: 8px;"));
    auto* overlay = new QVBoxLayout(m_plot);
    overlay->addWidget(m_empty, 0, Qt::AlignCenter);

    m_table = new QTableWidget(0, 4);
    m_table->setObjectName(QStringLiteral("transferTable"));
    m_table->setHorizontalHeaderLabels(
        {tr("Images per class"), tr("Fine-tuned"), tr("From scratch"), tr("Difference")});
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->setFocusPolicy(Qt::NoFocus);
    m_table->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    m_summary = new QLabel;
    m_summary->setObjectName(QStringLiteral("transferSummary"));
    m_summary->setWordWrap(true);
    auto* explanation = new QLabel(
        tr("Each colour is one number of training images per class. Solid lines start from the "
           "weights pretrained on the other classes, dashed lines from random weights, on the same "
           "images with the same recipe: the gap between a colour's two lines is what the "
           "pretrained features are worth — largest when images are few, closing as they grow."));
    explanation->setObjectName(QStringLiteral("transferExplanation"));
    explanation->setWordWrap(true);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot, 1);
    layout->addWidget(m_table);
    layout->addWidget(m_summary);
    layout->addWidget(explanation);

    m_redraw.setSingleShot(true);
    m_redraw.setInterval(100);
    connect(&m_redraw, &QTimer::timeout, this, &TransferChart::redraw);
    reset({});
}

QColor TransferChart::colorFor(int countIndex) {
    return kTransferColors[std::max(0, countIndex) % int(std::size(kTransferColors))];
}

void TransferChart::reset(const QVector<qint64>& perClass) {
    m_counts = perClass;
    m_curves.clear();
    m_hasPretrain = false;
    m_final = false;
    m_summary->clear();
    fillTable();
    redraw();
}

void TransferChart::addCurve(const TransferCurve& curve) {
    if (curve.index < 0) {
        m_pretrain = curve;
        m_hasPretrain = true;
    } else {
        if (!m_counts.contains(curve.perClass)) m_counts.push_back(curve.perClass);
        m_curves[curve.index] = curve;
    }
    scheduleRedraw();
}

void TransferChart::setOutcome(const TransferOutcome& outcome) {
    if (outcome.status != QLatin1String("finished")) return;  // a stopped run keeps what it drew
    m_curves.clear();
    for (const TransferCurve& c : outcome.runs) {
        if (!m_counts.contains(c.perClass)) m_counts.push_back(c.perClass);
        m_curves[c.index] = c;
    }
    m_pretrain = outcome.pretrain;
    m_hasPretrain = true;
    m_final = true;
    m_redraw.stop();
    redraw();
    if (!outcome.pretrainClassNames.isEmpty())
        m_summary->setText(
            tr("Pretrained on %1 (%2 images, %3 test accuracy%4); then learnt %5.")
                .arg(outcome.pretrainClassNames.join(QStringLiteral(", ")))
                .arg(widgets::groupedNumber(outcome.pretrain.trainImages))
                .arg(accuracyText(outcome.pretrain.finalTestAccuracy))
                .arg(outcome.pretrain.reused ? tr(", reused from an earlier experiment") : QString())
                .arg(outcome.targetClassNames.join(QStringLiteral(", "))));
}

void TransferChart::scheduleRedraw() {
    if (!m_redraw.isActive()) m_redraw.start();
}

void TransferChart::redraw() {
    QVector<widgets::PlotSeries> series;
    for (int k = 0; k < m_counts.size(); ++k) {
        for (const bool pretrained : {true, false}) {
            for (const TransferCurve& c : std::as_const(m_curves)) {
                if (c.perClass != m_counts[k] || c.pretrained != pretrained) continue;
                widgets::PlotSeries s;
                s.name = (pretrained ? tr("%1 per class · fine-tuned") : tr("%1 per class · from scratch"))
                             .arg(m_counts[k]);
                for (int i = 0; i < std::min(c.epochs.size(), c.testAccuracy.size()); ++i) {
                    s.x.push_back(c.epochs[i]);
                    s.y.push_back(100.0 * c.testAccuracy[i]);
                }
                s.color = colorFor(k);
                s.dashed = !pretrained;
                s.markers = true;
                series.push_back(s);
            }
        }
    }
    m_plot->setSeries(series);
    m_empty->setVisible(series.isEmpty());
    if (!m_final && m_hasPretrain && m_summary->text().isEmpty())
        m_summary->setText(
            tr("Pretraining: %1 test accuracy on its own classes%2.")
                .arg(accuracyText(m_pretrain.testAccuracy.isEmpty() ? 0.0 : m_pretrain.testAccuracy.last()))
                .arg(m_pretrain.reused ? tr(" (reused from an earlier experiment)") : QString()));
    fillTable();
}

void TransferChart::fillTable() {
    m_table->setRowCount(int(m_counts.size()));
    // As tall as its rows (at least one), so that the chart above keeps the rest of the height.
    const int rows = std::max(1, int(m_counts.size()));
    m_table->setFixedHeight(m_table->horizontalHeader()->sizeHint().height() +
                            rows * m_table->verticalHeader()->defaultSectionSize() +
                            2 * m_table->frameWidth());
    for (int row = 0; row < m_counts.size(); ++row) {
        // The last point of each curve while it grows; the experiment's final accuracy once it is done.
        std::optional<double> tuned, scratch;
        for (const TransferCurve& c : std::as_const(m_curves)) {
            if (c.perClass != m_counts[row] || c.testAccuracy.isEmpty()) continue;
            const double a = m_final ? c.finalTestAccuracy : c.testAccuracy.last();
            (c.pretrained ? tuned : scratch) = a;
        }
        auto* count = transferCell(QString::number(m_counts[row]), m_counts[row]);
        count->setForeground(colorFor(row));
        m_table->setItem(row, 0, count);
        m_table->setItem(row, 1,
                         tuned ? transferCell(accuracyText(*tuned), 100.0 * *tuned) : transferCell(tr("…")));
        m_table->setItem(
            row, 2, scratch ? transferCell(accuracyText(*scratch), 100.0 * *scratch) : transferCell(tr("…")));
        if (tuned && scratch) {
            const double d = 100.0 * (*tuned - *scratch);
            const QString sign = d > 0 ? QStringLiteral("+") : QString();
            m_table->setItem(
                row, 3,
                transferCell(widgets::withTypographicMinus(sign + QString::number(d, 'f', 1)) + tr(" points"),
                             d));
        } else {
            m_table->setItem(row, 3, transferCell(tr("…")));
        }
    }
}

}  // namespace convscope::gui
