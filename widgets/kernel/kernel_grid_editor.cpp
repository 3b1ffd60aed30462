#include "widgets/kernel/kernel_grid_editor.h"

#include <QDoubleSpinBox>
#include <QFontMetrics>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScrollBar>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

#include "core/common/kernel.h"
#include "widgets/common/cell_tint.h"
#include "widgets/common/number_text.h"
#include "widgets/kernel/kernel_cell_delegate.h"

namespace convscope::widgets {

namespace {
constexpr int kMinCell = 40;      // px: comfortable click target even for one-digit values
constexpr int kVisibleCells = 7;  // the minimum table shows this many standard cells; more scrolls
constexpr int kMaxQuoted = 24;    // characters of a rejected entry quoted back in the message

common::Kernel toKernel(int rows, int cols, const QVector<double>& values) {
    return common::Kernel(rows, cols, std::vector<double>(values.begin(), values.end()));
}

QVector<double> fromKernel(const common::Kernel& kernel) {
    return QVector<double>(kernel.values().begin(), kernel.values().end());
}

QString rejectionMessage(const QString& text) {
    const QString hint = KernelGridEditor::tr("enter a value such as 0.25, -1, 1e-3 or 1/9");
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty()) return KernelGridEditor::tr("An empty cell is not a number — %1").arg(hint);
    const QString quoted =
        trimmed.size() > kMaxQuoted ? trimmed.left(kMaxQuoted) + QStringLiteral("…") : trimmed;
    return KernelGridEditor::tr("“%1” is not a number — %2").arg(quoted, hint);
}
}  // namespace

KernelGridEditor::KernelGridEditor(QWidget* parent) : QWidget(parent) {
    m_rows = new QSpinBox(this);
    m_cols = new QSpinBox(this);
    for (QSpinBox* box : {m_rows, m_cols}) {
        box->setRange(1, kMaxSide);
        box->setValue(3);
        // Without this, typing "15" would resize to 1 first and lose the values outside the first cell.
        box->setKeyboardTracking(false);
    }
    m_rows->setToolTip(tr("Kernel height in rows (1 to %1); existing values are kept").arg(kMaxSide));
    m_cols->setToolTip(tr("Kernel width in columns (1 to %1); existing values are kept").arg(kMaxSide));
    auto* rowsLabel = new QLabel(tr("&Rows"), this);
    rowsLabel->setBuddy(m_rows);
    auto* colsLabel = new QLabel(tr("&Columns"), this);
    colsLabel->setBuddy(m_cols);

    m_table = new QTableWidget(3, 3, this);
    m_table->horizontalHeader()->hide();
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setMinimumSectionSize(1);
    m_table->verticalHeader()->setMinimumSectionSize(1);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                             QAbstractItemView::AnyKeyPressed | QAbstractItemView::SelectedClicked);
    m_table->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    m_table->setToolTip(tr("Kernel coefficients: type in a cell or double-click it to edit"));
    m_table->setAccessibleName(tr("Kernel coefficients"));
    auto* delegate = new KernelCellDelegate(m_table);
    m_table->setItemDelegate(delegate);

    m_errorLabel = new QLabel(this);
    m_errorLabel->setWordWrap(true);
    QPalette errorPalette = m_errorLabel->palette();
    errorPalette.setColor(QPalette::WindowText, QColor(0xd3, 0x2f, 0x2f));
    m_errorLabel->setPalette(errorPalette);
    m_errorLabel->hide();

    m_summary = new QLabel(this);
    m_summary->setToolTip(tr("Sum, smallest and largest coefficient, and the kernel size (rows × columns)"));
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* normalizeButton = new QPushButton(tr("Normalise Σ=1"), this);
    normalizeButton->setToolTip(
        tr("Divide every value by the sum so the kernel sums to 1 (the image keeps its brightness)"));
    auto* flipButton = new QPushButton(tr("Flip"), this);
    flipButton->setToolTip(
        tr("Rotate by 180° (flip both axes): correlating with the flipped kernel is convolving"));
    auto* transposeButton = new QPushButton(tr("Transpose"), this);
    transposeButton->setToolTip(tr("Swap rows and columns (turns Sobel X into Sobel Y)"));
    // Label, factor and button read as one sentence, "Scale by 2.000 [Apply]": a lone "Scale ×" button
    // beside a number did not say that the number is its factor.
    auto* scaleLabel = new QLabel(tr("Scale by"), this);
    m_scale = new QDoubleSpinBox(this);
    m_scale->setObjectName(QStringLiteral("scaleFactor"));
    m_scale->setRange(-1000.0, 1000.0);
    m_scale->setDecimals(3);
    m_scale->setSingleStep(0.5);
    m_scale->setValue(2.0);
    m_scale->setToolTip(tr("Factor that Apply multiplies every coefficient by"));
    m_scale->setAccessibleName(tr("Scale factor"));
    scaleLabel->setBuddy(m_scale);
    auto* scaleButton = new QPushButton(tr("Apply"), this);
    scaleButton->setObjectName(QStringLiteral("scaleButton"));
    scaleButton->setToolTip(tr("Multiply every coefficient by this factor"));
    scaleButton->setAccessibleName(tr("Apply scale factor"));

    auto* sizeRow = new QHBoxLayout;
    sizeRow->addWidget(rowsLabel);
    sizeRow->addWidget(m_rows);
    sizeRow->addSpacing(8);
    sizeRow->addWidget(colsLabel);
    sizeRow->addWidget(m_cols);
    sizeRow->addStretch(1);

    auto* operationRow = new QHBoxLayout;
    operationRow->addWidget(normalizeButton);
    operationRow->addWidget(flipButton);
    operationRow->addWidget(transposeButton);
    operationRow->addStretch(1);
    auto* scaleRow = new QHBoxLayout;
    scaleRow->addWidget(scaleLabel);
    scaleRow->addWidget(m_scale);
    scaleRow->addWidget(scaleButton);
    scaleRow->addStretch(1);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(sizeRow);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_errorLabel);
    layout->addWidget(m_summary);
    layout->addLayout(operationRow);
    layout->addLayout(scaleRow);
    layout->addStretch(0);

    connect(m_table, &QTableWidget::cellChanged, this, &KernelGridEditor::onCellChanged);
    connect(delegate, &KernelCellDelegate::textEntered, this, &KernelGridEditor::applyText);
    auto onSizeBox = [this] {
        if (!m_updating) resizeKernel(m_rows->value(), m_cols->value());
    };
    connect(m_rows, &QSpinBox::valueChanged, this, onSizeBox);
    connect(m_cols, &QSpinBox::valueChanged, this, onSizeBox);
    connect(normalizeButton, &QPushButton::clicked, this, &KernelGridEditor::normalize);
    connect(flipButton, &QPushButton::clicked, this, &KernelGridEditor::flip);
    connect(transposeButton, &QPushButton::clicked, this, &KernelGridEditor::transpose);
    connect(scaleButton, &QPushButton::clicked, this, [this] { scaleBy(m_scale->value()); });

    QVector<double> identity(9, 0.0);
    identity[4] = 1.0;
    setKernel(3, 3, identity);
}

void KernelGridEditor::setKernel(int rows, int cols, const QVector<double>& values) {
    // Bad input is repaired rather than trusted: sides are clamped, missing or non-finite values become 0.
    m_rowCount = std::clamp(rows, 1, kMaxSide);
    m_colCount = std::clamp(cols, 1, kMaxSide);
    m_values = QVector<double>(m_rowCount * m_colCount, 0.0);
    if (rows == m_rowCount && cols == m_colCount) {
        for (int i = 0; i < std::min(m_values.size(), values.size()); ++i) {
            m_values[i] = std::isfinite(values[i]) ? values[i] : 0.0;
        }
    }
    syncSizeBoxes();
    refreshCells();
    refreshSummary();
    setError({});
}

int KernelGridEditor::rows() const {
    return m_rowCount;
}
int KernelGridEditor::cols() const {
    return m_colCount;
}
QVector<double> KernelGridEditor::values() const {
    return m_values;
}

void KernelGridEditor::normalize() {
    try {
        m_values = fromKernel(toKernel(m_rowCount, m_colCount, m_values).normalized());
    } catch (const std::domain_error&) {
        setError(tr("This kernel sums to 0, so it cannot be normalised to sum 1"));
        return;
    }
    refreshCells();
    refreshSummary();
    setError({});
    commit();
}

void KernelGridEditor::flip() {
    m_values = fromKernel(toKernel(m_rowCount, m_colCount, m_values).flipped());
    refreshCells();
    refreshSummary();
    setError({});
    commit();
}

void KernelGridEditor::transpose() {
    m_values = fromKernel(toKernel(m_rowCount, m_colCount, m_values).transposed());
    std::swap(m_rowCount, m_colCount);
    syncSizeBoxes();
    refreshCells();
    refreshSummary();
    setError({});
    commit();
}

void KernelGridEditor::scaleBy(double factor) {
    if (!std::isfinite(factor)) {
        setError(tr("The scale factor must be a finite number"));
        return;
    }
    m_values = fromKernel(toKernel(m_rowCount, m_colCount, m_values).scaled(factor));
    refreshCells();
    refreshSummary();
    setError({});
    commit();
}

void KernelGridEditor::resizeKernel(int rows, int cols) {
    rows = std::clamp(rows, 1, kMaxSide);
    cols = std::clamp(cols, 1, kMaxSide);
    if (rows == m_rowCount && cols == m_colCount) {
        syncSizeBoxes();
        return;
    }
    // The overlapping top-left block survives; new cells start at 0.
    QVector<double> resized(rows * cols, 0.0);
    for (int r = 0; r < std::min(rows, m_rowCount); ++r) {
        for (int c = 0; c < std::min(cols, m_colCount); ++c)
            resized[r * cols + c] = m_values[r * m_colCount + c];
    }
    m_rowCount = rows;
    m_colCount = cols;
    m_values = resized;
    syncSizeBoxes();
    refreshCells();
    refreshSummary();
    setError({});
    commit();
}

void KernelGridEditor::onCellChanged(int row, int col) {
    if (m_updating) return;
    const QTableWidgetItem* item = m_table->item(row, col);
    if (item) applyText(row, col, item->text());
}

void KernelGridEditor::applyText(int row, int col, const QString& text) {
    if (row < 0 || col < 0 || row >= m_rowCount || col >= m_colCount) return;
    const auto parsed = parseNumber(text);
    if (!parsed) {
        setError(rejectionMessage(text));
        refreshCells();  // puts the previous value back into the cell
        return;
    }
    setError({});
    double& value = m_values[row * m_colCount + col];
    if (*parsed == value) {
        refreshCells();  // e.g. "0.250" is shown again as "0.25"
        return;
    }
    value = *parsed;
    refreshCells();
    refreshSummary();
    commit();
}

void KernelGridEditor::syncSizeBoxes() {
    const bool wasUpdating = m_updating;
    m_updating = true;
    m_rows->setValue(m_rowCount);
    m_cols->setValue(m_colCount);
    m_updating = wasUpdating;
}

void KernelGridEditor::refreshCells() {
    const bool wasUpdating = m_updating;
    m_updating = true;
    m_table->setRowCount(m_rowCount);
    m_table->setColumnCount(m_colCount);
    double maxAbs = 0.0;
    for (double v : std::as_const(m_values)) maxAbs = std::max(maxAbs, std::abs(v));
    for (int r = 0; r < m_rowCount; ++r) {
        for (int c = 0; c < m_colCount; ++c) refreshCell(r, c, maxAbs);
    }
    updateCellSize();
    m_updating = wasUpdating;
}

void KernelGridEditor::refreshCell(int row, int col, double maxAbs) {
    QTableWidgetItem* item = m_table->item(row, col);
    if (!item) {
        item = new QTableWidgetItem;
        item->setTextAlignment(Qt::AlignCenter);
        m_table->setItem(row, col, item);
    }
    const double value = m_values[row * m_colCount + col];
    const QColor tint = divergingTint(value, maxAbs);
    item->setData(Qt::UserRole, value);
    item->setText(compactNumber(value));
    item->setToolTip(
        tr("Row %1, column %2: %3").arg(row).arg(col).arg(withTypographicMinus(exactNumber(value))));
    item->setBackground(tint);
    item->setForeground(readableTextOn(tint));
}

void KernelGridEditor::updateCellSize() {
    // Square cells, wide enough for the widest number shown.
    const QFontMetrics fm(m_table->font());
    int widest = 0;
    for (int r = 0; r < m_rowCount; ++r) {
        for (int c = 0; c < m_colCount; ++c) {
            if (const QTableWidgetItem* item = m_table->item(r, c)) {
                widest = std::max(widest, fm.horizontalAdvance(item->text()));
            }
        }
    }
    const int side = std::max({kMinCell, widest + 14, fm.height() + 14});
    for (int c = 0; c < m_colCount; ++c) m_table->horizontalHeader()->resizeSection(c, side);
    for (int r = 0; r < m_rowCount; ++r) m_table->verticalHeader()->resizeSection(r, side);
    m_table->horizontalHeader()->setDefaultSectionSize(side);
    m_table->verticalHeader()->setDefaultSectionSize(side);

    // The table grows up to its full size; its minimum shows small kernels whole and larger ones in a
    // scrolling window of about kVisibleCells standard cells.
    const int frame = 2 * m_table->frameWidth();
    const int bar = m_table->style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, m_table);
    const int window = kVisibleCells * kMinCell;
    const bool scrollsX = m_colCount * side > window;
    const bool scrollsY = m_rowCount * side > window;
    const QSize full(m_colCount * side + frame + (scrollsY ? bar : 0),
                     m_rowCount * side + frame + (scrollsX ? bar : 0));
    const QSize shown(std::min(m_colCount * side, window) + frame + (scrollsY ? bar : 0),
                      std::min(m_rowCount * side, window) + frame + (scrollsX ? bar : 0));
    m_table->setMinimumSize(shown);
    m_table->setMaximumSize(full);
    m_table->updateGeometry();
}

void KernelGridEditor::refreshSummary() {
    double sum = 0.0;
    double magnitude = 0.0;
    for (double v : std::as_const(m_values)) {
        sum += v;
        magnitude += std::abs(v);
    }
    // Rounding leaves e.g. 1e-17 for an edge detector; showing it would suggest the sum is not zero.
    if (std::abs(sum) <= 1e-12 * std::max(1.0, magnitude)) sum = 0.0;
    const auto [lo, hi] = std::minmax_element(m_values.cbegin(), m_values.cend());
    m_summary->setText(tr("Σ = %1 · min %2 · max %3 · %4×%5")
                           .arg(compactNumber(sum), compactNumber(*lo), compactNumber(*hi))
                           .arg(m_rowCount)
                           .arg(m_colCount));
}

void KernelGridEditor::setError(const QString& message) {
    if (message == m_error) return;
    m_error = message;
    m_errorLabel->setText(message);
    m_errorLabel->setVisible(!message.isEmpty());
    Q_EMIT errorChanged(message);
}

void KernelGridEditor::commit() {
    Q_EMIT kernelEdited(m_rowCount, m_colCount, m_values);
}

}  // namespace convscope::widgets
