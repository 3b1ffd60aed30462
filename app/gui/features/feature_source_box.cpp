#include "app/gui/features/feature_source_box.h"

#include <QButtonGroup>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

#include "app/gui/imported/model_import_flow.h"
#include "core/nn/imported/torchscript_file.h"

namespace convscope::gui {

FeatureSourceBox::FeatureSourceBox(QWidget* parent) : QWidget(parent) {
    m_testImage = new QRadioButton(tr("Fashion-MNIST test image"));
    m_testImage->setObjectName(QStringLiteral("featureTestImage"));
    m_testImage->setChecked(true);
    m_openImage = new QRadioButton(tr("The open image (converted)"));
    m_openImage->setObjectName(QStringLiteral("featureOpenImage"));
    m_openImage->setToolTip(
        tr("Its luminance, the central square, reduced to 28×28 and inverted when its "
           "background is light, like the garments the model was trained on"));
    auto* images = new QButtonGroup(this);
    images->addButton(m_testImage);
    images->addButton(m_openImage);
    m_index = new QSpinBox;
    m_index->setObjectName(QStringLiteral("featureTestIndex"));
    m_index->setRange(0, kLastTestIndex);
    m_index->setAccessibleName(tr("Test image number"));
    m_previous = new QToolButton;
    m_previous->setArrowType(Qt::LeftArrow);
    m_previous->setToolTip(tr("Previous test image"));
    m_next = new QToolButton;
    m_next->setArrowType(Qt::RightArrow);
    m_next->setToolTip(tr("Next test image"));
    m_conversion = new QLabel;
    m_conversion->setObjectName(QStringLiteral("featureConversion"));
    m_conversion->setWordWrap(true);
    m_conversion->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_liveImage = new QLabel;
    m_liveImage->setWordWrap(true);
    m_liveImage->setVisible(false);

    auto* indexRow = new QHBoxLayout;
    indexRow->setContentsMargins(24, 0, 0, 0);
    indexRow->addWidget(m_previous);
    indexRow->addWidget(m_index, 1);
    indexRow->addWidget(m_next);
    auto* imageBox = new QGroupBox(tr("Image"));
    auto* imageLayout = new QVBoxLayout(imageBox);
    imageLayout->addWidget(m_testImage);
    imageLayout->addLayout(indexRow);
    imageLayout->addWidget(m_openImage);
    auto* conversionRow = new QHBoxLayout;
    conversionRow->setContentsMargins(24, 0, 0, 0);
    conversionRow->addWidget(m_conversion);
    imageLayout->addLayout(conversionRow);
    imageLayout->addWidget(m_liveImage);

    m_live = new QRadioButton(tr("The run being trained (live)"));
    m_live->setObjectName(QStringLiteral("featureLiveModel"));
    m_live->setEnabled(false);
    m_live->setToolTip(tr("Start a run in the Training panel to watch its feature maps change"));
    m_checkpoint = new QRadioButton(tr("A checkpoint file"));
    m_checkpoint->setObjectName(QStringLiteral("featureCheckpointModel"));
    m_checkpoint->setChecked(true);
    auto* models = new QButtonGroup(this);
    models->addButton(m_live);
    models->addButton(m_checkpoint);
    m_path = new QLineEdit;
    m_path->setObjectName(QStringLiteral("featureCheckpointPath"));
    m_path->setPlaceholderText(tr("a .ckpt saved by a training run"));
    m_path->setClearButtonEnabled(true);
    m_browse = new QPushButton(tr("Browse…"));
    auto* pathRow = new QHBoxLayout;
    pathRow->setContentsMargins(24, 0, 0, 0);
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(m_browse);
    auto* modelBox = new QGroupBox(tr("Model"));
    auto* modelLayout = new QVBoxLayout(modelBox);
    modelLayout->addWidget(m_live);
    modelLayout->addWidget(m_checkpoint);
    modelLayout->addLayout(pathRow);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(modelBox);
    layout->addWidget(imageBox);

    connect(m_previous, &QToolButton::clicked, m_index, [this] { m_index->stepBy(-1); });
    connect(m_next, &QToolButton::clicked, m_index, [this] { m_index->stepBy(1); });
    connect(m_index, &QSpinBox::valueChanged, this, [this] {
        // Choosing a number means looking at that test image.
        if (!m_testImage->isChecked()) m_testImage->setChecked(true);
        Q_EMIT changed();
    });
    const auto toggled = [this](bool on) {
        updateEnabled();
        if (on) Q_EMIT changed();
    };
    connect(m_testImage, &QRadioButton::toggled, this, toggled);
    connect(m_openImage, &QRadioButton::toggled, this, toggled);
    connect(m_live, &QRadioButton::toggled, this, toggled);
    connect(m_checkpoint, &QRadioButton::toggled, this, toggled);
    // Typing a path asks for nothing until it is complete.
    connect(m_path, &QLineEdit::editingFinished, this, [this] {
        if (m_path->text() == m_lastPath) return;
        m_lastPath = m_path->text();
        if (!m_checkpoint->isChecked())
            m_checkpoint->setChecked(true);
        else
            Q_EMIT changed();
    });
    connect(m_browse, &QPushButton::clicked, this, &FeatureSourceBox::browse);
    updateEnabled();
}

FeatureSourceBox::Image FeatureSourceBox::image() const {
    return m_openImage->isChecked() ? Image::OpenImage : Image::TestImage;
}

void FeatureSourceBox::setImage(Image image) {
    (image == Image::OpenImage ? m_openImage : m_testImage)->setChecked(true);
}

int FeatureSourceBox::testIndex() const {
    return m_index->value();
}

void FeatureSourceBox::setTestIndex(int index) {
    m_index->setValue(index);
}

FeatureSourceBox::Model FeatureSourceBox::model() const {
    return m_live->isChecked() && m_liveAvailable ? Model::Live : Model::Checkpoint;
}

void FeatureSourceBox::setModel(Model model) {
    if (model == Model::Live && !m_liveAvailable) return;
    (model == Model::Live ? m_live : m_checkpoint)->setChecked(true);
}

QString FeatureSourceBox::checkpointPath() const {
    return m_path->text().trimmed();
}

void FeatureSourceBox::setCheckpointPath(const QString& path) {
    m_path->setText(path);
    m_lastPath = path;
    // Even the same path again: a run may have rewritten the file since.
    if (!m_checkpoint->isChecked())
        m_checkpoint->setChecked(true);  // emits changed()
    else
        Q_EMIT changed();
}

void FeatureSourceBox::setLiveAvailable(bool available) {
    if (available == m_liveAvailable) return;
    m_liveAvailable = available;
    m_live->setEnabled(available);
    if (!available && m_live->isChecked()) m_checkpoint->setChecked(true);
    updateEnabled();
}

void FeatureSourceBox::setConversionText(const QString& text) {
    m_conversion->setText(text);
    updateEnabled();
}

void FeatureSourceBox::setLiveImageText(const QString& text) {
    m_liveImage->setText(text);
}

void FeatureSourceBox::browse() {
    const QString start = checkpointPath().isEmpty() ? QString() : QFileInfo(checkpointPath()).absolutePath();
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open a checkpoint or a TorchScript model"), start,
        tr("Checkpoints and TorchScript models (*.ckpt *.pt *.pth *.ts *.zip);;All files (*)"));
    if (!path.isEmpty()) chooseModelFile(path);
}

void FeatureSourceBox::chooseModelFile(const QString& path) {
    // Both are zip archives, often both named .pt: only the content tells them apart (a checkpoint has no
    // forward method). Read on the GUI thread: one load, once per file the learner picks.
    if (!nn::isTorchScriptModel(path.toStdString())) {
        setCheckpointPath(path);
        return;
    }
    if (!m_import) {
        m_import = new ModelImportFlow(window(), this);
        connect(m_import, &ModelImportFlow::opened, this, [this](const ImportedModelInfo& info) {
            setCheckpointPath(QString::fromStdString(info.entry.options.file));
            Q_EMIT modelImported(info);
        });
        connect(m_import, &ModelImportFlow::failed, this,
                [this](const QString&, const QString& message) { Q_EMIT importFailed(message); });
    }
    m_import->start(path);
}

void FeatureSourceBox::updateEnabled() {
    // A training run captures its own test image; the choices here apply to saved models.
    const bool live = model() == Model::Live;
    m_testImage->setEnabled(!live);
    m_openImage->setEnabled(!live);
    m_index->setEnabled(!live);
    m_previous->setEnabled(!live);
    m_next->setEnabled(!live);
    m_conversion->setVisible(!live && m_openImage->isChecked() && !m_conversion->text().isEmpty());
    m_liveImage->setVisible(live);
    m_path->setEnabled(!live);
    m_browse->setEnabled(!live);
}

}  // namespace convscope::gui
