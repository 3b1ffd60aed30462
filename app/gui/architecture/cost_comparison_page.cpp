#include "app/gui/architecture/cost_comparison_page.h"

#include <QFontDatabase>
#include <QGridLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QScrollArea>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "app/gui/architecture/factorisation_box.h"
#include "app/gui/architecture/label_smoothing_box.h"
#include "widgets/common/number_text.h"
#include "widgets/plot/log_bar_chart.h"

namespace convscope::gui {

namespace {

// The seed's coefficients, used for the header when the rows do not reveal them (no φ > 0).
constexpr double kAlpha = 1.2, kBeta = 1.1, kGamma = 1.15;

QString fixed(double value, int decimals) {
    return QLocale(QLocale::English).toString(value, 'f', decimals);
}

QLabel* label(const QString& text, Qt::Alignment align = Qt::AlignLeft | Qt::AlignVCenter) {
    auto* l = new QLabel(text);
    l->setAlignment(align);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return l;
}

// The arithmetic under its number, one term a line like a sum worked on paper: "(1×1×256)×64", "+
// (3×3×64)×64", …, "= 69,632", right-aligned so that the total ends below the count it explains. Breaking at
// the terms rather than word-wrapping keeps each product whole however narrow the page.
QLabel* arithmeticLabel(const QString& text) {
    QString lines = text;
    lines.replace(QStringLiteral(" + "), QStringLiteral("\n+ "))
        .replace(QStringLiteral(" = "), QStringLiteral("\n= "));
    QLabel* l = label(lines, Qt::AlignRight | Qt::AlignTop);
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    mono.setPointSizeF(std::max(7.0, l->font().pointSizeF() * 0.85));
    l->setFont(mono);
    l->setForegroundRole(QPalette::PlaceholderText);
    return l;
}

QTableWidgetItem* cell(const QString& text) {
    auto* item = new QTableWidgetItem(text);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    item->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
    return item;
}

}  // namespace

CostComparisonPage::CostComparisonPage(QWidget* parent) : QWidget(parent) {
    m_content = new QWidget;
    m_content->setObjectName(QStringLiteral("costContent"));
    auto* content = new QVBoxLayout(m_content);

    auto* intro =
        label(tr("What the classic architectures' design choices buy, measured by tracing small "
                 "networks built from the same layers as the model zoo. The arithmetic behind each "
                 "count is printed under it."));
    intro->setWordWrap(true);
    content->addWidget(intro);
    m_empty = label(tr("No comparisons computed yet."));
    m_empty->setObjectName(QStringLiteral("costEmpty"));
    content->addWidget(m_empty);
    m_comparisonLayout = new QVBoxLayout;
    m_comparisonLayout->setContentsMargins(0, 0, 0, 0);
    content->addLayout(m_comparisonLayout);
    m_factorisation = new FactorisationBox;
    content->addWidget(m_factorisation);
    m_labelSmoothing = new LabelSmoothingBox;
    content->addWidget(m_labelSmoothing);

    auto* scalingBox = new QGroupBox(tr("EfficientNet's compound scaling"));
    scalingBox->setObjectName(QStringLiteral("costScaling"));
    auto* scaling = new QVBoxLayout(scalingBox);
    m_scalingHeader = label(QString());
    m_scalingHeader->setObjectName(QStringLiteral("costScalingHeader"));
    m_scalingHeader->setWordWrap(true);
    scaling->addWidget(m_scalingHeader);
    m_scalingTable = new QTableWidget(0, 7);
    m_scalingTable->setObjectName(QStringLiteral("costScalingTable"));
    m_scalingTable->setHorizontalHeaderLabels({tr("φ"), tr("depth d = α^φ"), tr("width w = β^φ"),
                                               tr("resolution r = γ^φ"), tr("input"),
                                               tr("FLOPs × (α·β²·γ²)^φ"), tr("2^φ")});
    m_scalingTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_scalingTable->verticalHeader()->setVisible(false);
    m_scalingTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_scalingTable->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_scalingTable->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_scalingTable->setWordWrap(false);
    scaling->addWidget(m_scalingTable, 0, Qt::AlignLeft);
    m_chart = new widgets::LogBarChart;
    m_chart->setObjectName(QStringLiteral("costScalingChart"));
    m_chart->setMinimumHeight(300);
    m_chart->setMaximumSize(900, 420);
    scaling->addWidget(m_chart, 0, Qt::AlignLeft);
    content->addWidget(scalingBox);
    content->addStretch(1);

    auto* scroll = new QScrollArea;
    scroll->setObjectName(QStringLiteral("costScroll"));
    scroll->setWidget(m_content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);

    fillScaling({});
}

void CostComparisonPage::setComparisons(const CostComparisons& comparisons) {
    qDeleteAll(m_boxes);
    m_boxes.clear();
    for (int i = 0; i < comparisons.comparisons.size(); ++i) {
        QGroupBox* box = comparisonBox(comparisons.comparisons[i], i);
        m_comparisonLayout->addWidget(box);
        m_boxes << box;
    }
    m_empty->setVisible(m_boxes.isEmpty());
    fillScaling(comparisons.scaling);
}

QGroupBox* CostComparisonPage::comparisonBox(const CostComparisonView& c, int index) {
    auto* box = new QGroupBox(c.title);
    box->setObjectName(QStringLiteral("costComparison%1").arg(index));
    auto* layout = new QVBoxLayout(box);
    QLabel* setting = label(c.setting);
    setting->setObjectName(QStringLiteral("costSetting"));
    setting->setWordWrap(true);
    layout->addWidget(setting);

    auto* grid = new QGridLayout;
    grid->setHorizontalSpacing(24);
    grid->setVerticalSpacing(2);
    QFont bold = font();
    bold.setBold(true);
    const auto header = [&](const QString& text, int column) {
        QLabel* h = label(text, Qt::AlignRight | Qt::AlignBottom);
        h->setFont(bold);
        grid->addWidget(h, 0, column);
    };
    header(tr("Parameters"), 1);
    header(tr("MACs"), 2);
    int row = 1;
    for (const CostRowView& r : c.rows) {
        if (row > 1) grid->setRowMinimumHeight(row++, 6);  // a gap between the alternatives
        grid->addWidget(label(r.label, Qt::AlignLeft | Qt::AlignVCenter), row, 0);
        QLabel* params = label(widgets::groupedNumber(r.parameters), Qt::AlignRight | Qt::AlignVCenter);
        params->setObjectName(QStringLiteral("costParameters"));
        grid->addWidget(params, row, 1);
        QLabel* macs = label(widgets::groupedNumber(r.macs), Qt::AlignRight | Qt::AlignVCenter);
        macs->setObjectName(QStringLiteral("costMacs"));
        grid->addWidget(macs, row, 2);
        ++row;
        grid->addWidget(arithmeticLabel(r.parameterArithmetic), row, 1);
        grid->addWidget(arithmeticLabel(r.macArithmetic), row, 2);
        ++row;
    }
    // The columns keep their natural widths and the slack goes to the right, so that a count stays next to
    // its label on a wide window.
    grid->setColumnStretch(3, 1);
    layout->addLayout(grid);

    QLabel* conclusion = label(c.conclusion);
    conclusion->setObjectName(QStringLiteral("costConclusion"));
    conclusion->setFont(bold);
    conclusion->setWordWrap(true);
    layout->addWidget(conclusion);
    return box;
}

void CostComparisonPage::fillScaling(const QVector<ScalingRowView>& rows) {
    // α, β and γ are the first φ > 0 row's factors, φ-th rooted, so the header always matches the table.
    double alpha = kAlpha, beta = kBeta, gamma = kGamma;
    for (const ScalingRowView& r : rows) {
        if (r.phi <= 0) continue;
        alpha = std::pow(r.depth, 1.0 / r.phi);
        beta = std::pow(r.width, 1.0 / r.phi);
        gamma = std::pow(r.resolution, 1.0 / r.phi);
        break;
    }
    const QLocale english(QLocale::English);
    const auto coefficient = [&](double v) { return english.toString(v, 'g', 4); };
    const double product = alpha * beta * beta * gamma * gamma;
    m_scalingHeader->setText(
        tr("α = %1, β = %2, γ = %3: α·β²·γ² = %4 ≈ 2, so each step of φ doubles the FLOPs while depth, width "
           "and resolution grow together.")
            .arg(coefficient(alpha), coefficient(beta), coefficient(gamma), fixed(product, 3)));

    m_scalingTable->setRowCount(int(rows.size()));
    QStringList categories;
    widgets::BarSeries flops{tr("FLOPs × (α·β²·γ²)^φ"), QColor(230, 97, 0), {}};
    widgets::BarSeries doubling{tr("2^φ"), QColor(59, 117, 175), {}};
    for (int i = 0; i < rows.size(); ++i) {
        const ScalingRowView& r = rows[i];
        const double power = std::pow(2.0, r.phi);
        m_scalingTable->setItem(i, 0, cell(QString::number(r.phi)));
        m_scalingTable->setItem(i, 1, cell(fixed(r.depth, 3)));
        m_scalingTable->setItem(i, 2, cell(fixed(r.width, 3)));
        m_scalingTable->setItem(i, 3, cell(fixed(r.resolution, 3)));
        m_scalingTable->setItem(i, 4, cell(QStringLiteral("%1×%1").arg(r.resolutionPixels)));
        m_scalingTable->setItem(i, 5, cell(fixed(r.flops, 2)));
        m_scalingTable->setItem(i, 6, cell(english.toString(power, 'g', 10)));
        categories << tr("φ = %1").arg(r.phi);
        flops.values << std::round(r.flops * 100.0) /
                            100.0;  // the chart prints its values; two decimals as the table
        doubling.values << power;
    }
    // Every row visible: the page scrolls as a whole, a second scroll bar inside it would only get in the
    // way.
    m_scalingTable->resizeRowsToContents();
    int height = m_scalingTable->horizontalHeader()->sizeHint().height() + 2 * m_scalingTable->frameWidth();
    for (int r = 0; r < m_scalingTable->rowCount(); ++r) height += m_scalingTable->rowHeight(r);
    m_scalingTable->setFixedHeight(height + 2);
    // As wide as its columns: the page scrolls sideways in a narrow window instead of clipping the last one.
    int width = 2 * m_scalingTable->frameWidth() + 2;
    for (int c = 0; c < m_scalingTable->columnCount(); ++c)
        width += m_scalingTable->horizontalHeader()->sectionSize(c);
    m_scalingTable->setFixedWidth(width);

    m_chart->setVisible(!rows.isEmpty());
    m_chart->setData(tr("Compound scaling: FLOPs factor against doubling"), tr("Scaling coefficient"),
                     tr("FLOPs factor (log scale)"), categories, {flops, doubling});
}

}  // namespace convscope::gui
