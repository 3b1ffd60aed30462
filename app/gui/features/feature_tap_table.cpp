#include "app/gui/features/feature_tap_table.h"

#include <QHeaderView>
#include <QScrollBar>
#include <QSignalBlocker>
#include <algorithm>

#include "widgets/common/number_text.h"

namespace convscope::gui {

namespace {

enum Column { kName, kShape, kMin, kMax, kMean, kColumns };

QTableWidgetItem* cell(const QString& text, Qt::Alignment align = Qt::AlignRight | Qt::AlignVCenter) {
    auto* i = new QTableWidgetItem(text);
    i->setTextAlignment(align);
    i->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
    return i;
}

}  // namespace

FeatureTapTable::FeatureTapTable(QWidget* parent) : QTableWidget(0, kColumns, parent) {
    setObjectName(QStringLiteral("featureTaps"));
    setAccessibleName(tr("Tap points"));
    setHorizontalHeaderLabels({tr("Tap"), tr("Shape C×H×W"), tr("min"), tr("max"), tr("mean")});
    horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    horizontalHeader()->setStretchLastSection(false);
    horizontalHeaderItem(kShape)->setToolTip(tr("channels × height × width of the activation"));
    verticalHeader()->setVisible(false);
    verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setAlternatingRowColors(true);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    connect(this, &QTableWidget::currentCellChanged, this, [this](int row) {
        if (row == m_selected) return;
        m_selected = row;
        Q_EMIT tapSelected(row);
    });
}

void FeatureTapTable::setTaps(const QVector<TapFrame>& taps) {
    const QString keep = selectedName();
    QStringList names;
    for (const TapFrame& t : taps) names << t.name;
    {
        // Rebuilding moves the current cell; the selection is announced once, below.
        const QSignalBlocker block(this);
        if (names != m_names) {
            setRowCount(0);
            setRowCount(int(taps.size()));
        }
        for (int r = 0; r < taps.size(); ++r) {
            const TapFrame& t = taps[r];
            setItem(r, kName, cell(t.name, Qt::AlignLeft | Qt::AlignVCenter));
            setItem(r, kShape, cell(QStringLiteral("%1×%2×%3").arg(t.channels).arg(t.height).arg(t.width)));
            setItem(r, kMin, cell(widgets::formatValue(t.min, 4)));
            setItem(r, kMax, cell(widgets::formatValue(t.max, 4)));
            setItem(r, kMean, cell(widgets::formatValue(t.mean, 4)));
        }
    }
    m_names = names;
    fitHeight();
    const int row = int(names.indexOf(keep));
    const QSignalBlocker block(this);
    selectTap(row >= 0 ? row : (names.isEmpty() ? -1 : 0));
}

QString FeatureTapTable::selectedName() const {
    return m_selected >= 0 && m_selected < m_names.size() ? m_names[m_selected] : QString();
}

void FeatureTapTable::selectTap(int index) {
    if (index >= rowCount()) index = -1;
    {
        const QSignalBlocker block(this);
        if (index < 0) {
            clearSelection();
            setCurrentCell(-1, -1);
        } else {
            setCurrentCell(index, kName);
            selectRow(index);
        }
    }
    const bool changed = index != m_selected;
    m_selected = index;
    if (changed) Q_EMIT tapSelected(index);
}

QSize FeatureTapTable::sizeHint() const {
    return {m_contentWidth, m_contentHeight};
}

void FeatureTapTable::fitHeight() {
    // Every tap of a ResNet-18 or LeNet-5 visible without scrolling; deeper models scroll rather than push
    // the channel grid out of sight. As wide as its columns, so the numbers stay next to their names.
    resizeRowsToContents();
    resizeColumnsToContents();
    const int rowH = rowCount() > 0 ? rowHeight(0) : fontMetrics().height() + 8;
    const int frame = 2 * frameWidth();
    const int header = horizontalHeader()->sizeHint().height();
    const int rows = std::clamp(int(rowCount()), 3, kRowsShown);
    m_contentHeight = header + frame + rows * rowH + 2;
    setMaximumHeight(header + frame + std::max(3, int(rowCount())) * rowH + 2);
    int width = frame + 2;
    for (int c = 0; c < columnCount(); ++c) width += horizontalHeader()->sectionSize(c);
    if (rowCount() > kRowsShown) width += verticalScrollBar()->sizeHint().width();
    m_contentWidth = std::max(width, 360);
    setMinimumWidth(m_contentWidth);
    updateGeometry();
}

}  // namespace convscope::gui
