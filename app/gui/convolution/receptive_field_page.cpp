#include "app/gui/convolution/receptive_field_page.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <exception>

#include "app/gui/convolution/layer_stack_editor.h"
#include "widgets/board/receptive_field_view.h"
#include "widgets/common/number_text.h"

namespace convscope::gui {

namespace {

using conv::LayerGeometry;

enum ResultColumn { ResLayer, ResOutput, ResField, ResJump, ResStart, ResArithmetic, ResultColumnCount };
constexpr int kMaxInput = 4096;
constexpr int kMaxVisibleResults = 9;

struct Preset {
    const char* title;
    int inputSize;
    std::vector<LayerGeometry> layers;
};

// The stacks the textbook discusses; AlexNet's first layers take its 227x227 input.
const std::vector<Preset>& presets() {
    static const std::vector<Preset> all = {
        {QT_TRANSLATE_NOOP("ReceptiveFieldPage", "Three 3×3 convolutions"),
         32,
         {{"conv1", 3, 1, 1, 0}, {"conv2", 3, 1, 1, 0}, {"conv3", 3, 1, 1, 0}}},
        {QT_TRANSLATE_NOOP("ReceptiveFieldPage", "3×3 conv, 2×2 pool stride 2, 3×3 conv"),
         32,
         {{"conv1", 3, 1, 1, 0}, {"pool1", 2, 2, 1, 0}, {"conv2", 3, 1, 1, 0}}},
        // Padding = dilation keeps the size, as dilated stacks are used: the field grows without shrinking.
        {QT_TRANSLATE_NOOP("ReceptiveFieldPage", "Dilated 3×3 stack d = 1, 2, 4"),
         32,
         {{"conv1", 3, 1, 1, 1}, {"conv2", 3, 1, 2, 2}, {"conv3", 3, 1, 4, 4}}},
        {QT_TRANSLATE_NOOP("ReceptiveFieldPage", "AlexNet CONV1–POOL2"),
         227,
         {{"conv1", 11, 4, 1, 0}, {"pool1", 3, 2, 1, 0}, {"conv2", 5, 1, 1, 2}, {"pool2", 3, 2, 1, 0}}},
    };
    return all;
}

QString minusText(double v) {
    return widgets::withTypographicMinus(QString::number(v, 'g', 8));
}

QString layerTitle(const std::string& name, std::size_t index) {
    return name.empty() ? ReceptiveFieldPage::tr("layer %1").arg(index + 1) : QString::fromStdString(name);
}

QString levelName(const LayerGeometry& l, std::size_t index) {
    QString text = QStringLiteral("%1 %2×%2 s%3").arg(layerTitle(l.name, index)).arg(l.kernel).arg(l.stride);
    if (l.dilation != 1) text += QStringLiteral(" d%1").arg(l.dilation);
    if (l.padding != 0) text += QStringLiteral(" p%1").arg(l.padding);
    return text;
}

QTableWidgetItem* readOnlyItem(const QString& text) {
    auto* item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
    return item;
}

}  // namespace

ReceptiveFieldPage::ReceptiveFieldPage(QWidget* parent) : QWidget(parent) {
    m_preset = new QComboBox;
    m_preset->setObjectName(QStringLiteral("rfPreset"));
    for (const Preset& p : presets()) m_preset->addItem(tr(p.title));
    m_preset->addItem(tr("Custom"));
    m_inputSize = new QSpinBox;
    m_inputSize->setObjectName(QStringLiteral("rfInputSize"));
    m_inputSize->setRange(1, kMaxInput);
    m_inputSize->setValue(32);
    m_inputSize->setSuffix(tr(" px"));

    m_editor = new LayerStackEditor;

    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    auto* recurrences =
        new QLabel(tr("r = r₋₁ + d·(k − 1)·j₋₁\nj = j₋₁·s\nn = ⌊(n₋₁ + 2p − d·(k − 1) − 1) / s⌋ + 1"));
    recurrences->setFont(mono);
    recurrences->setToolTip(
        tr("r: receptive field, j: jump (input pixels between neighbouring units), n: size"));

    auto* form = new QFormLayout;
    form->addRow(tr("Preset:"), m_preset);
    form->addRow(tr("Input size:"), m_inputSize);
    auto* stackBox = new QGroupBox(tr("Layers (input first)"));
    auto* stackLayout = new QVBoxLayout(stackBox);
    stackLayout->addWidget(m_editor);
    auto* formulaBox = new QGroupBox(tr("Recurrences"));
    auto* formulaLayout = new QVBoxLayout(formulaBox);
    formulaLayout->addWidget(recurrences);
    auto* left = new QVBoxLayout;
    left->addLayout(form);
    left->addWidget(stackBox, 1);
    left->addWidget(formulaBox);

    m_view = new widgets::ReceptiveFieldView;
    m_view->setObjectName(QStringLiteral("rfView"));
    m_view->setToolTip(tr("Click a unit of the top layer to see which units below it depends on"));
    m_unit = new QLabel;
    m_unit->setObjectName(QStringLiteral("rfUnit"));
    m_unit->setWordWrap(true);
    m_error = new QLabel;
    m_error->setObjectName(QStringLiteral("rfError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_error->setVisible(false);

    m_results = new QTableWidget(0, ResultColumnCount);
    m_results->setObjectName(QStringLiteral("rfResults"));
    m_results->setHorizontalHeaderLabels(
        {tr("Layer"), tr("Output"), tr("Receptive field"), tr("Jump"), tr("Start"), tr("Arithmetic")});
    m_results->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_results->horizontalHeader()->setStretchLastSection(true);
    m_results->verticalHeader()->setVisible(false);
    m_results->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_results->setWordWrap(false);
    m_results->horizontalHeaderItem(ResStart)->setToolTip(
        tr("Centre of the first unit's field, in input pixels (pixel i spans i … i + 1)"));
    m_results->horizontalHeaderItem(ResJump)->setToolTip(
        tr("Input pixels between the fields of neighbouring units"));

    auto* right = new QVBoxLayout;
    right->addWidget(m_view, 3);
    right->addWidget(m_unit);
    right->addWidget(m_error);
    auto* top = new QHBoxLayout;
    top->addLayout(left, 2);
    top->addLayout(right, 5);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top, 1);
    layout->addWidget(m_results);

    connect(m_preset, &QComboBox::activated, this, &ReceptiveFieldPage::selectPreset);
    connect(m_inputSize, &QSpinBox::valueChanged, this, &ReceptiveFieldPage::onEdited);
    connect(m_editor, &LayerStackEditor::edited, this, &ReceptiveFieldPage::onEdited);
    connect(m_view, &widgets::ReceptiveFieldView::unitClicked, this, &ReceptiveFieldPage::selectUnit);
    selectPreset(0);
}

int ReceptiveFieldPage::presetCount() {
    return static_cast<int>(presets().size());
}

void ReceptiveFieldPage::selectPreset(int index) {
    if (index < 0 || index >= presetCount()) return;
    const Preset& p = presets()[static_cast<std::size_t>(index)];
    setLayers(p.inputSize, p.layers);
    const QSignalBlocker block(m_preset);
    m_preset->setCurrentIndex(index);
}

void ReceptiveFieldPage::setLayers(int inputSize, const std::vector<LayerGeometry>& layers) {
    {
        const QSignalBlocker block(m_inputSize);
        m_inputSize->setValue(std::clamp(inputSize, 1, kMaxInput));
    }
    m_editor->setLayers(layers);
    {
        const QSignalBlocker block(m_preset);
        m_preset->setCurrentIndex(presetCount());
    }
    recompute();
}

int ReceptiveFieldPage::inputSize() const {
    return m_inputSize->value();
}

QTableWidget* ReceptiveFieldPage::layerTable() const {
    return m_editor->table();
}

void ReceptiveFieldPage::onEdited() {
    // A hand edit leaves the preset behind.
    {
        const QSignalBlocker block(m_preset);
        m_preset->setCurrentIndex(presetCount());
    }
    recompute();
}

QString ReceptiveFieldPage::errorText() const {
    return m_error->isHidden() ? QString() : m_error->text();
}

void ReceptiveFieldPage::showError(const QString& message) {
    m_error->setText(message + QLatin1Char(' ') + tr("Shown: the last valid stack."));
    m_error->setVisible(true);
    // The last valid stack stays on screen, greyed, so the learner sees what the edit broke.
    m_results->setEnabled(false);
    m_view->setEnabled(false);
}

void ReceptiveFieldPage::recompute() {
    std::vector<LayerGeometry> layers;
    QString error;
    if (!m_editor->readLayers(&layers, &error)) {
        showError(error);
        return;
    }
    std::vector<conv::FieldAtLayer> fields;
    try {
        fields = conv::receptiveFields(inputSize(), layers);
    } catch (const std::exception& e) {
        showError(QString::fromStdString(e.what()));
        return;
    }
    const int oldTop = m_fields.empty() ? m_validInput : m_fields.back().outputSize;
    const int newTop = fields.empty() ? inputSize() : fields.back().outputSize;
    const bool firstTime = m_validLayers.empty() && m_fields.empty();
    m_validInput = inputSize();
    m_validLayers = layers;
    m_fields = std::move(fields);
    // Keep the learner's chosen unit while the top layer keeps its size; otherwise start from the centre.
    if (firstTime || newTop != oldTop || m_selected >= newTop) m_selected = (newTop - 1) / 2;
    m_error->setVisible(false);
    m_results->setEnabled(true);
    m_view->setEnabled(true);
    fillResults(m_validInput, m_validLayers);
    updateView();
}

void ReceptiveFieldPage::fillResults(int inputSize, const std::vector<LayerGeometry>& layers) {
    m_results->setRowCount(static_cast<int>(m_fields.size()) + 1);
    m_results->setItem(0, ResLayer, readOnlyItem(tr("input")));
    m_results->setItem(0, ResOutput, readOnlyItem(QString::number(inputSize)));
    m_results->setItem(0, ResField, readOnlyItem(QStringLiteral("1")));
    m_results->setItem(0, ResJump, readOnlyItem(QStringLiteral("1")));
    m_results->setItem(0, ResStart, readOnlyItem(QStringLiteral("0.5")));
    m_results->setItem(0, ResArithmetic, readOnlyItem(tr("r₀ = 1, j₀ = 1: each input pixel sees itself")));
    for (std::size_t i = 0; i < m_fields.size(); ++i) {
        const conv::FieldAtLayer& f = m_fields[i];
        const int row = static_cast<int>(i) + 1;
        m_results->setItem(row, ResLayer, readOnlyItem(levelName(layers[i], i)));
        m_results->setItem(row, ResOutput, readOnlyItem(QString::number(f.outputSize)));
        m_results->setItem(row, ResField, readOnlyItem(QString::number(f.receptiveField)));
        m_results->setItem(row, ResJump, readOnlyItem(QString::number(f.jump)));
        m_results->setItem(row, ResStart, readOnlyItem(minusText(f.start)));
        m_results->setItem(row, ResArithmetic, readOnlyItem(QString::fromStdString(f.arithmetic)));
    }
    // As tall as its rows (a scroll bar only for long stacks), so the cone view gets the rest of the page.
    int height = m_results->horizontalHeader()->sizeHint().height() + 2 * m_results->frameWidth();
    for (int r = 0; r < std::min(m_results->rowCount(), kMaxVisibleResults); ++r)
        height += m_results->rowHeight(r);
    m_results->setFixedHeight(height);
}

void ReceptiveFieldPage::selectUnit(int unit) {
    const int top = m_fields.empty() ? m_validInput : m_fields.back().outputSize;
    m_selected = std::clamp(unit, 0, std::max(0, top - 1));
    updateView();
}

void ReceptiveFieldPage::updateView() {
    std::vector<conv::FieldSpan> spans;
    try {
        spans = conv::backProjectUnit(m_validInput, m_validLayers, m_selected);
    } catch (const std::exception& e) {
        showError(QString::fromStdString(e.what()));
        return;
    }
    QVector<widgets::FieldLevel> levels;
    for (std::size_t i = 0; i < spans.size(); ++i) {
        widgets::FieldLevel level;
        level.name = i == 0 ? tr("input %1").arg(m_validInput) : levelName(m_validLayers[i - 1], i - 1);
        level.size = spans[i].size;
        level.first = spans[i].first;
        level.last = spans[i].last;
        level.receptiveField = i == 0 ? 1 : m_fields[i - 1].receptiveField;
        levels.push_back(level);
    }
    m_view->setLevels(levels, m_selected);

    const conv::FieldSpan& input = spans.front();
    const int padded = std::max(0, -input.first) + std::max(0, input.last - (input.size - 1));
    const int field = input.last - input.first + 1;
    const QString topName = m_validLayers.empty()
                                ? tr("the input")
                                : layerTitle(m_validLayers.back().name, m_validLayers.size() - 1);
    QString text =
        tr("Unit %1 of %2 (0 … %3) depends on input pixels %4 … %5: a field of %6 px, %6×%6 in 2-D.")
            .arg(m_selected)
            .arg(topName)
            .arg(spans.back().size - 1)
            .arg(widgets::withTypographicMinus(QString::number(input.first)))
            .arg(input.last)
            .arg(field);
    if (padded > 0) text += QLatin1Char(' ') + tr("Padding supplies %1 of them.").arg(padded);
    if (!m_fields.empty() && m_fields.back().jump > 1)
        text +=
            QLatin1Char(' ') + tr("Neighbouring units' fields are %1 px apart.").arg(m_fields.back().jump);
    m_unit->setText(text);
}

}  // namespace convscope::gui
