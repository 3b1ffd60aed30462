#include "app/gui/filters/kernel_controls.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalBlocker>
#include <QVBoxLayout>

#include <exception>

#include "app/gui/filters/param_control.h"
#include "app/gui/shell/app_settings.h"
#include "app/gui/support/asset_paths.h"
#include "core/imaging/kernel_io.h"
#include "core/imaging/kernel_library.h"
#include "widgets/kernel/kernel_grid_editor.h"

namespace convscope::gui {

const QString KernelControls::kCustom = QStringLiteral("custom");

namespace {

const imaging::PresetInfo* presetAt(int index) {
    const auto& presets = imaging::kernelPresets();
    if (index < 0 || index >= static_cast<int>(presets.size())) return nullptr;
    return &presets[static_cast<size_t>(index)];
}

QString kernelFileFilter() {
    return QCoreApplication::translate("KernelControls", "Kernel files (*.txt *.kernel);;All files (*)");
}

}  // namespace

KernelControls::KernelControls(QWidget* parent) : QGroupBox(tr("Kernel"), parent) {
    setObjectName(QStringLiteral("kernelGroup"));

    m_combo = new QComboBox;
    m_combo->setObjectName(QStringLiteral("presetCombo"));
    for (const imaging::PresetInfo& info : imaging::kernelPresets()) {
        QString title = QString::fromStdString(info.title);
        m_combo->addItem(title, QString::fromStdString(info.name));
        m_combo->setItemData(m_combo->count() - 1, QString::fromStdString(info.description), Qt::ToolTipRole);
    }
    m_combo->insertSeparator(m_combo->count());
    m_combo->addItem(tr("Custom"), kCustom);
    m_combo->setItemData(m_combo->count() - 1, tr("Your own coefficients: edit the grid or load a file"),
                         Qt::ToolTipRole);
    m_combo->setToolTip(
        tr("Kernel presets; the first five are the filters of the textbook's "
           "show_filter_effects"));

    m_description = new QLabel;
    m_description->setObjectName(QStringLiteral("presetDescription"));
    m_description->setWordWrap(true);
    m_description->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_description->setForegroundRole(QPalette::PlaceholderText);

    m_paramsBox = new QWidget;
    m_paramsLayout = new QFormLayout(m_paramsBox);
    m_paramsLayout->setContentsMargins(0, 0, 0, 0);
    m_paramsLayout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    m_editor = new widgets::KernelGridEditor;
    m_editor->setObjectName(QStringLiteral("kernelEditor"));

    m_error = new QLabel;
    m_error->setObjectName(QStringLiteral("kernelError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_error->hide();

    m_load = new QPushButton(tr("Load Kernel…"));
    m_load->setObjectName(QStringLiteral("loadKernelButton"));
    m_load->setToolTip(tr("Read a kernel from a text file: one row per line, numbers separated by spaces"));
    m_save = new QPushButton(tr("Save Kernel…"));
    m_save->setObjectName(QStringLiteral("saveKernelButton"));
    m_save->setToolTip(tr("Write the kernel shown in the grid to a text file"));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_load);
    buttons->addWidget(m_save);
    buttons->addStretch(1);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_combo);
    layout->addWidget(m_description);
    layout->addWidget(m_paramsBox);
    layout->addWidget(m_editor);
    layout->addWidget(m_error);
    layout->addLayout(buttons);

    connect(m_combo, &QComboBox::currentIndexChanged, this, &KernelControls::onPresetIndexChanged);
    connect(m_editor, &widgets::KernelGridEditor::kernelEdited, this, &KernelControls::onEditorEdited);
    connect(m_load, &QPushButton::clicked, this, &KernelControls::loadKernel);
    connect(m_save, &QPushButton::clicked, this, &KernelControls::saveKernel);

    const QSignalBlocker block(m_combo);
    m_combo->setCurrentIndex(0);
    rebuildParams({});
    rebuildKernel();
}

QString KernelControls::presetName() const {
    return m_combo->currentData().toString();
}

QString KernelControls::presetTitle() const {
    return m_combo->currentText();
}

QVariantMap KernelControls::paramValues() const {
    QVariantMap values;
    for (const ParamControl* p : m_params) values.insert(QString::fromStdString(p->spec().key), p->value());
    return values;
}

void KernelControls::selectPreset(const QString& name, const QVariantMap& params) {
    int index = m_combo->findData(name);
    if (index < 0 || name == kCustom) index = 0;
    {
        const QSignalBlocker block(m_combo);
        m_combo->setCurrentIndex(index);
    }
    rebuildParams(params);
    rebuildKernel();
}

QString KernelControls::setCustomKernel(const common::Kernel& kernel) {
    const int limit = widgets::KernelGridEditor::kMaxSide;
    if (kernel.rows() > limit || kernel.cols() > limit) {
        return tr("The kernel is %1×%2; the editor takes kernels up to %3×%3.")
            .arg(kernel.rows())
            .arg(kernel.cols())
            .arg(limit);
    }
    m_kernel = kernel;
    switchToCustom();
    showKernel();
    Q_EMIT kernelChanged();
    return {};
}

QString KernelControls::showMatchingKernel(const common::Kernel& kernel) {
    for (const imaging::PresetInfo& preset : imaging::kernelPresets()) {
        if (imaging::makeKernel(preset.name) == kernel) {
            selectPreset(QString::fromStdString(preset.name));
            return {};
        }
    }
    return setCustomKernel(kernel);
}

void KernelControls::onPresetIndexChanged(int index) {
    if (m_combo->itemData(index).toString() == kCustom) {
        // "Custom" starts from the kernel on screen, so a preset can be taken as the starting point.
        switchToCustom();
        Q_EMIT kernelChanged();
        return;
    }
    rebuildParams({});
    rebuildKernel();
}

void KernelControls::rebuildParams(const QVariantMap& params) {
    qDeleteAll(m_params);
    m_params.clear();
    while (m_paramsLayout->rowCount() > 0) m_paramsLayout->removeRow(0);
    const imaging::PresetInfo* info = presetAt(m_combo->currentIndex());
    m_description->setText(info ? QString::fromStdString(info->description) : QString());
    if (!info) return;
    for (const imaging::ParamSpec& spec : info->params) {
        auto* control = new ParamControl(spec);
        const QString key = QString::fromStdString(spec.key);
        if (params.contains(key)) control->setValue(params.value(key).toDouble());
        connect(control, &ParamControl::valueChanged, this, &KernelControls::rebuildKernel);
        m_paramsLayout->addRow(QString::fromStdString(spec.label), control);
        m_params.append(control);
    }
    m_paramsBox->setVisible(!m_params.isEmpty());
}

void KernelControls::rebuildKernel() {
    const imaging::PresetInfo* info = presetAt(m_combo->currentIndex());
    if (!info) return;
    imaging::ParamValues values;
    for (const ParamControl* p : m_params) values[p->spec().key] = p->value();
    try {
        m_kernel = imaging::makeKernel(info->name, values);
        m_error->hide();
    } catch (const std::exception& e) {
        m_error->setText(QString::fromStdString(e.what()));
        m_error->show();
        return;
    }
    showKernel();
    Q_EMIT kernelChanged();
}

void KernelControls::onEditorEdited(int rows, int cols, const QVector<double>& values) {
    try {
        m_kernel = common::Kernel(rows, cols, std::vector<double>(values.begin(), values.end()));
        m_error->hide();
    } catch (const std::exception& e) {
        m_error->setText(QString::fromStdString(e.what()));
        m_error->show();
        return;
    }
    switchToCustom();
    Q_EMIT kernelChanged();
}

void KernelControls::switchToCustom() {
    {
        const QSignalBlocker block(m_combo);
        m_combo->setCurrentIndex(m_combo->findData(kCustom));
    }
    rebuildParams({});
    m_description->setText(
        tr("Your own kernel: type coefficients into the grid, change its size, or load a "
           "kernel file."));
}

void KernelControls::showKernel() {
    m_editor->setKernel(m_kernel.rows(), m_kernel.cols(),
                        QVector<double>(m_kernel.values().begin(), m_kernel.values().end()));
}

QString KernelControls::dialogDirectory() const {
    return AppSettings().lastDirectory();
}

void KernelControls::loadKernel() {
    // Until the learner has used a folder, the kernel files that ship with ConvScope are offered.
    const QString start =
        dialogDirectory().isEmpty() ? assetPath(QStringLiteral("kernels")) : dialogDirectory();
    const QString path = QFileDialog::getOpenFileName(this, tr("Load Kernel"), start, kernelFileFilter());
    if (path.isEmpty()) return;
    AppSettings().setLastDirectory(QFileInfo(path).absolutePath());
    QString error;
    try {
        error = setCustomKernel(imaging::readKernelFile(path.toStdString()));
    } catch (const std::exception& e) {
        error = QString::fromStdString(e.what());
    }
    if (!error.isEmpty())
        QMessageBox::warning(
            this, tr("Cannot Load Kernel"),
            tr("“%1” could not be loaded.").arg(QFileInfo(path).fileName()) + QStringLiteral("\n\n") + error);
}

void KernelControls::saveKernel() {
    QString base = presetName() == kCustom ? QStringLiteral("kernel") : presetName();
    const QString suggested =
        dialogDirectory().isEmpty()
            ? QString(base + QStringLiteral(".txt"))
            : QString(dialogDirectory() + QLatin1Char('/') + base + QStringLiteral(".txt"));
    const QString path = QFileDialog::getSaveFileName(this, tr("Save Kernel"), suggested, kernelFileFilter());
    if (path.isEmpty()) return;
    AppSettings().setLastDirectory(QFileInfo(path).absolutePath());
    try {
        imaging::writeKernelFile(path.toStdString(), m_kernel,
                                 QString(tr("ConvScope kernel: ") + presetTitle()).toStdString());
    } catch (const std::exception& e) {
        QMessageBox::warning(this, tr("Cannot Save Kernel"),
                             tr("“%1” could not be written.").arg(QFileInfo(path).fileName()) +
                                 QStringLiteral("\n\n") + QString::fromStdString(e.what()));
    }
}

}  // namespace convscope::gui
