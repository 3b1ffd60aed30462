#include "app/gui/convolution/parameter_sharing_page.h"

#include <QCheckBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QImage>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardPaths>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <exception>

#include "core/conv/factorisation_cost.h"
#include "widgets/plot/log_bar_chart.h"

namespace convscope::gui {

namespace {

// The seed's input sizes (compare_parameter_counts([8, 16, 32, 64, 128])).
constexpr int kSizes[] = {8, 16, 32, 64, 128};
constexpr int kExampleSize = 32;
const QSize kChartExportSize(1200, 700);

QString sizeText(int n) {
    return QStringLiteral("%1x%1").arg(n);
}

// The seed prints ratios with one decimal (pandas' 416.0); grouped here like the counts.
QString ratioText(double ratio) {
    return QLocale(QLocale::English).toString(ratio, 'f', 1);
}

QTableWidgetItem* numberItem(const QString& text) {
    auto* item = new QTableWidgetItem(text);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    item->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
    return item;
}

QSpinBox* countSpin(int lowest, int highest, int value, const QString& name) {
    auto* spin = new QSpinBox;
    spin->setRange(lowest, highest);
    spin->setValue(value);
    spin->setObjectName(name);
    return spin;
}

QString documentsPath(const QString& fileName) {
    QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (dir.isEmpty() || !QDir(dir).exists()) dir = QDir::homePath();
    return QDir(dir).filePath(fileName);
}

}  // namespace

ParameterSharingPage::ParameterSharingPage(QWidget* parent) : QWidget(parent) {
    m_kernel = countSpin(1, 15, 3, QStringLiteral("psKernel"));
    m_in = countSpin(1, 4096, 1, QStringLiteral("psInChannels"));
    m_out = countSpin(1, 4096, 1, QStringLiteral("psOutChannels"));
    auto* controls = new QGroupBox(tr("Layer"));
    auto* form = new QFormLayout(controls);
    form->addRow(tr("Kernel size:"), m_kernel);
    form->addRow(tr("Input channels:"), m_in);
    form->addRow(tr("Output channels:"), m_out);
    m_batchNorm = new QCheckBox(tr("Batch norm follows"));
    m_batchNorm->setObjectName(QStringLiteral("psBatchNorm"));
    m_batchNorm->setToolTip(
        tr("As in ResNet: the convolution then has no bias (torchvision's layers, which "
           "ConvScope follows, have none)"));
    form->addRow(QString(), m_batchNorm);

    m_table = new QTableWidget(0, 4);
    m_table->setObjectName(QStringLiteral("psTable"));
    m_table->setHorizontalHeaderLabels(
        {tr("Input size"), tr("Conv params"), tr("FC params"), tr("Ratio (FC/Conv)")});
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->setVisible(false);
    m_table->setWordWrap(false);
    m_table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_table->setToolTip(
        tr("Conv: k·k·C_in·C_out weights + C_out biases, the same for every input size.\n"
           "FC: every one of the n·n·C_in inputs to every one of the n·n·C_out outputs, "
           "plus one bias per output."));

    m_error = new QLabel;
    m_error->setObjectName(QStringLiteral("psError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_error->setVisible(false);

    m_example = new QLabel;
    m_example->setObjectName(QStringLiteral("psExample"));
    m_example->setWordWrap(true);
    m_example->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* exampleBox = new QGroupBox(tr("Example with a 32x32 input"));
    (new QVBoxLayout(exampleBox))->addWidget(m_example);

    m_sharingExample = new QLabel;
    m_sharingExample->setObjectName(QStringLiteral("psSharingExample"));
    m_sharingExample->setWordWrap(true);
    m_sharingExample->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* sharingBox = new QGroupBox(tr("64 filters of 3×3 on a 32×32 colour image"));
    (new QVBoxLayout(sharingBox))->addWidget(m_sharingExample);

    m_csv = new QPushButton(tr("Export table (CSV)…"));
    m_csv->setObjectName(QStringLiteral("psExportCsv"));
    m_png = new QPushButton(tr("Export chart (PNG)…"));
    m_png->setObjectName(QStringLiteral("psExportPng"));
    auto* exportRow = new QHBoxLayout;
    exportRow->addWidget(m_csv);
    exportRow->addWidget(m_png);
    exportRow->addStretch(1);

    auto* intro = new QLabel(tr(
        "A convolution slides one small kernel over every position, so its parameters do not depend on the "
        "input size. A fully connected layer needs a weight from every input to every output."));
    intro->setWordWrap(true);
    auto* leftPane = new QWidget;
    auto* left = new QVBoxLayout(leftPane);
    left->setContentsMargins(0, 0, 4, 0);
    left->addWidget(intro);
    left->addWidget(controls);
    left->addWidget(m_table);
    left->addWidget(m_error);
    left->addWidget(exampleBox);
    left->addWidget(sharingBox);
    left->addStretch(1);
    left->addLayout(exportRow);

    m_chart = new widgets::LogBarChart;
    m_chart->setObjectName(QStringLiteral("psChart"));
    // The numbers scroll rather than squeeze when the page is short; the chart takes what width is left.
    auto* scroll = new QScrollArea;
    scroll->setWidget(leftPane);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_leftScroll = scroll;
    auto* splitter = new QSplitter(Qt::Horizontal);
    splitter->addWidget(scroll);
    splitter->addWidget(m_chart);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setChildrenCollapsible(false);
    auto* layout = new QHBoxLayout(this);
    layout->addWidget(splitter);

    for (QSpinBox* spin : {m_kernel, m_in, m_out})
        connect(spin, &QSpinBox::valueChanged, this, &ParameterSharingPage::recompute);
    connect(m_batchNorm, &QCheckBox::toggled, this, &ParameterSharingPage::fillExamples);
    connect(m_csv, &QPushButton::clicked, this, &ParameterSharingPage::askCsvPath);
    connect(m_png, &QPushButton::clicked, this, &ParameterSharingPage::askPngPath);
    recompute();
}

void ParameterSharingPage::setParameters(int kernel, int inChannels, int outChannels) {
    {
        const QSignalBlocker a(m_kernel), b(m_in), c(m_out);
        m_kernel->setValue(kernel);
        m_in->setValue(inChannels);
        m_out->setValue(outChannels);
    }
    recompute();
}

QString ParameterSharingPage::groupedNumber(long long value) {
    return QLocale(QLocale::English).toString(value);
}

void ParameterSharingPage::recompute() {
    std::vector<conv::ParameterComparison> rows;
    try {
        for (int n : kSizes)
            rows.push_back(conv::compareParameterCounts(n, m_kernel->value(), m_in->value(), m_out->value()));
    } catch (const std::exception& e) {
        m_error->setText(QString::fromStdString(e.what()));
        m_error->setVisible(true);
        return;
    }
    m_error->setVisible(false);
    m_rows = std::move(rows);
    fillTable();
    fillChart();
    fillExamples();
}

void ParameterSharingPage::fillTable() {
    m_table->setRowCount(static_cast<int>(m_rows.size()));
    for (int r = 0; r < m_table->rowCount(); ++r) {
        const conv::ParameterComparison& c = m_rows[static_cast<std::size_t>(r)];
        m_table->setItem(r, 0, numberItem(sizeText(c.inputSize)));
        m_table->setItem(r, 1, numberItem(groupedNumber(c.convParams)));
        m_table->setItem(r, 2, numberItem(groupedNumber(c.fcParams)));
        m_table->setItem(r, 3, numberItem(ratioText(c.ratio)));
    }
    // Show every row without a scroll bar: the table is short and fixed.
    int height = m_table->horizontalHeader()->sizeHint().height() + 2 * m_table->frameWidth();
    for (int r = 0; r < m_table->rowCount(); ++r) height += m_table->rowHeight(r);
    m_table->setFixedHeight(height);
    // Wide enough for every number (the last row's are the longest); the pane never clips them.
    int width = 2 * m_table->frameWidth();
    const QFontMetrics metrics(m_table->font());
    for (int c = 0; c < m_table->columnCount(); ++c) {
        int column = m_table->horizontalHeader()->sectionSizeHint(c);
        for (int r = 0; r < m_table->rowCount(); ++r)
            column = std::max(column, metrics.horizontalAdvance(m_table->item(r, c)->text()) + 16);
        width += column;
    }
    m_table->setMinimumWidth(width);
    // QScrollArea does not pass its widget's minimum width on, so the area itself is held wide enough.
    m_leftScroll->setMinimumWidth(width + 12 + m_leftScroll->verticalScrollBar()->sizeHint().width());
}

void ParameterSharingPage::fillChart() {
    QStringList categories;
    widgets::BarSeries convSeries{tr("Convolution (shared kernel)"), QColor(230, 97, 0), {}};
    widgets::BarSeries fcSeries{tr("Fully connected"), QColor(59, 117, 175), {}};
    for (const conv::ParameterComparison& c : m_rows) {
        categories << sizeText(c.inputSize);
        convSeries.values << double(c.convParams);
        fcSeries.values << double(c.fcParams);
    }
    const int k = m_kernel->value();
    QString title = tr("Parameters: %1×%1 convolution vs fully connected").arg(k);
    if (m_in->value() != 1 || m_out->value() != 1)
        title += tr(" (%1 → %2 channels)").arg(m_in->value()).arg(m_out->value());
    m_chart->setData(title, tr("Input size"), tr("Parameters (log scale)"), categories,
                     {convSeries, fcSeries});
}

void ParameterSharingPage::fillExamples() {
    const int k = m_kernel->value();
    const int in = m_in->value();
    const int out = m_out->value();
    try {
        const conv::ParameterComparison c = conv::compareParameterCounts(kExampleSize, k, in, out);
        const double reduction = 100.0 * (1.0 - double(c.convParams) / double(c.fcParams));
        const long long pixels = static_cast<long long>(kExampleSize) * kExampleSize;
        m_example->setText(tr("CNN parameters: %1 (fixed)\nFC parameters: %2\nParameter reduction: %3%\n\n"
                              "Conv: %4·%4·%5·%6 + %6 = %1, whatever the input size.\n"
                              "FC: (%7·%5)·(%7·%6) + %7·%6 = %2.")
                               .arg(groupedNumber(c.convParams), groupedNumber(c.fcParams),
                                    QString::number(reduction, 'f', 4))
                               .arg(k)
                               .arg(in)
                               .arg(out)
                               .arg(pixels));
        // The same convolution with and without its bias; batch norm after it makes the bias redundant.
        const long long weights = c.convParams - out;
        QString bias = tr("\n\nConvolution with bias %1, without bias %2 (%3·%3·%4·%5).")
                           .arg(groupedNumber(c.convParams), groupedNumber(weights))
                           .arg(k)
                           .arg(in)
                           .arg(out);
        if (m_batchNorm->isChecked())
            bias +=
                tr(" Batch norm follows, so the layer has %1: %2.")
                    .arg(groupedNumber(weights), QString::fromStdString(conv::biasBeforeBatchNormReason()));
        m_example->setText(m_example->text() + bias);

        // The seed's other example is fixed: 64 filters of 3x3 over a 32x32x3 image.
        const conv::ParameterComparison shared = conv::compareParameterCounts(kExampleSize, 3, 3, 64);
        const long long perFilter = 3 * 3 * 3;
        const long long unshared = pixels * perFilter * 64;
        m_sharingExample->setText(tr("Each filter has 3·3·3 = %1 weights.\n\n"
                                     "With sharing, one filter serves every position:\n"
                                     "    %1·64 + 64 (bias) = %2 parameters\n"
                                     "Without sharing, a filter of its own at each of the 32·32 positions:\n"
                                     "    (32·32)·%1·64 = %3 parameters")
                                      .arg(perFilter)
                                      .arg(groupedNumber(shared.convParams), groupedNumber(unshared)));
    } catch (const std::exception& e) {
        m_example->setText(QString::fromStdString(e.what()));
    }
}

QString ParameterSharingPage::csvText() const {
    QString text = QStringLiteral("Input size,Conv params,FC params,Ratio (FC/Conv)\n");
    for (const conv::ParameterComparison& c : m_rows) {
        text += QStringLiteral("%1,%2,%3,%4\n")
                    .arg(sizeText(c.inputSize))
                    .arg(c.convParams)
                    .arg(c.fcParams)
                    .arg(QString::number(c.ratio, 'g', QLocale::FloatingPointShortest));
    }
    return text;
}

bool ParameterSharingPage::exportCsv(const QString& path, QString* error) const {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text)) {
        if (error)
            *error = tr("Cannot write “%1”: %2.").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    file.write(csvText().toUtf8());
    if (!file.commit()) {
        if (error)
            *error = tr("Cannot write “%1”: %2.").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    return true;
}

bool ParameterSharingPage::exportChartPng(const QString& path, QString* error) const {
    const QImage image = m_chart->render(kChartExportSize);
    if (image.isNull() || !image.save(path, "PNG")) {
        if (error) *error = tr("Cannot write “%1” as a PNG image.").arg(QDir::toNativeSeparators(path));
        return false;
    }
    return true;
}

void ParameterSharingPage::askCsvPath() {
    QString path = QFileDialog::getSaveFileName(this, tr("Export Parameter Table"),
                                                documentsPath(QStringLiteral("parameter-sharing.csv")),
                                                tr("Comma-separated values (*.csv)"));
    if (path.isEmpty()) return;
    if (QFileInfo(path).suffix().isEmpty()) path += QStringLiteral(".csv");
    QString error;
    if (!exportCsv(path, &error)) QMessageBox::warning(this, tr("Export Parameter Table"), error);
}

void ParameterSharingPage::askPngPath() {
    QString path = QFileDialog::getSaveFileName(this, tr("Export Parameter Chart"),
                                                documentsPath(QStringLiteral("parameter-sharing.png")),
                                                tr("PNG image (*.png)"));
    if (path.isEmpty()) return;
    if (QFileInfo(path).suffix().isEmpty()) path += QStringLiteral(".png");
    QString error;
    if (!exportChartPng(path, &error)) QMessageBox::warning(this, tr("Export Parameter Chart"), error);
}

}  // namespace convscope::gui
