// The Architecture panel's form: the model, its input, the stem and the auxiliary classifiers, and which of
// them apply to the chosen model. The rest of the panel is in architecture_panel.cpp.
#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>
#include <algorithm>

#include "app/gui/architecture/architecture_model_list.h"
#include "app/gui/architecture/architecture_panel.h"
#include "core/nn/models/model_config.h"
#include "core/nn/models/model_switches.h"
#include "core/nn/zoo/model_catalog.h"

namespace convscope::gui {

QWidget* ArchitecturePanel::buildForm() {
    auto* box = new QWidget;
    auto* lines = new QVBoxLayout(box);
    lines->setContentsMargins(0, 0, 0, 0);
    lines->setSpacing(2);
    auto* row = new QHBoxLayout;
    lines->addLayout(row);
    m_model = new QComboBox;
    m_model->setObjectName(QStringLiteral("architectureModel"));
    // The longest titles ("AlexNet (slides: 96 filters, LRN, 2 groups)") would set the window's minimum
    // width; the list that drops down still shows them whole.
    m_model->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_model->setMinimumContentsLength(24);
    QString family;
    for (const nn::ModelInfo& info : nn::modelCatalog()) {
        if (QString::fromStdString(info.family) != family && m_model->count() > 0)
            m_model->insertSeparator(m_model->count());
        family = QString::fromStdString(info.family);
        m_model->addItem(QString::fromStdString(info.title), QString::fromStdString(info.name));
    }
    // The seed's network is where a learner starts (set before the signals are connected: nothing is
    // described until the tab is first shown).
    m_model->setCurrentIndex(std::max(0, m_model->findData(QStringLiteral("resnet18"))));
    m_channels = new QSpinBox;
    m_channels->setObjectName(QStringLiteral("architectureChannels"));
    m_channels->setRange(1, 64);
    m_channels->setValue(3);
    m_classes = new QSpinBox;
    m_classes->setObjectName(QStringLiteral("architectureClasses"));
    m_classes->setRange(2, 100000);
    m_classes->setValue(1000);
    m_size = new QSpinBox;
    m_size->setObjectName(QStringLiteral("architectureSize"));
    m_size->setRange(1, 1024);
    m_size->setValue(224);
    m_size->setSuffix(tr(" px"));
    m_stem = new QComboBox;
    m_stem->setObjectName(QStringLiteral("architectureStem"));
    m_stem->addItem(tr("ImageNet stem (7×7/2, pool)"), true);
    m_stem->addItem(tr("Small stem (3×3, stride 1)"), false);
    m_stem->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_stem->setMinimumContentsLength(24);
    m_stem->setToolTip(
        tr("ImageNet stem: 7×7 convolution, stride 2, then 3×3 max pooling (224×224 inputs). "
           "Small stem: one 3×3 convolution, stride 1 (28×28 or 32×32 inputs)."));
    m_aux = new QCheckBox(tr("Aux. classifiers"));
    m_aux->setObjectName(QStringLiteral("architectureAux"));
    m_aux->setToolTip(
        tr("GoogLeNet and Inception-v3: add torchvision's auxiliary classifiers (used in "
           "training only), drawn as side exits that end in their own output"));
    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("architectureStatus"));
    // On a line of its own under the form: beside it, the longest status ("27,161,264 parameters ·
    // 5,718,899,296 MACs · traced in 0.94 s") set the window's minimum width.
    m_status->setWordWrap(true);
    row->addWidget(new QLabel(tr("Model")));
    row->addWidget(m_model);
    row->addSpacing(8);
    row->addWidget(new QLabel(tr("Input channels")));
    row->addWidget(m_channels);
    row->addWidget(new QLabel(tr("Size")));
    row->addWidget(m_size);
    row->addWidget(new QLabel(tr("Classes")));
    row->addWidget(m_classes);
    row->addWidget(m_stem);
    row->addWidget(m_aux);
    row->addStretch(1);
    lines->addWidget(m_status);
    connect(m_model, &QComboBox::currentIndexChanged, this, [this] {
        if (m_applying) return;
        // A model of the zoo is shown at the input it was designed for.
        if (const nn::ModelInfo* info = nn::findModel(m_model->currentData().toString().toStdString())) {
            m_applying = true;
            m_size->setValue(info->nativeResolution);
            m_applying = false;
        } else if (const auto entry = ImportedModelStore::find(architecture_models::currentFile(m_model))) {
            // An imported model is shown at the input its file was opened with.
            m_applying = true;
            m_channels->setValue(int(entry->options.inputShape[0]));
            m_size->setValue(int(entry->options.inputShape[2]));
            if (entry->classes > 0) m_classes->setValue(entry->classes);
            m_applying = false;
        }
        updateStemBox();
        scheduleDescribe();
    });
    for (QSpinBox* s : {m_channels, m_classes, m_size})
        connect(s, &QSpinBox::valueChanged, this, [this] {
            if (!m_applying) scheduleDescribe();
        });
    connect(m_stem, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_applying) scheduleDescribe();
    });
    connect(m_aux, &QCheckBox::toggled, this, [this] {
        if (!m_applying) scheduleDescribe();
    });
    updateStemBox();
    return box;
}

void ArchitecturePanel::updateStemBox() {
    const QString model = m_model->currentData().toString();
    m_stem->setEnabled(model.startsWith(QLatin1String("resnet")) &&
                       !nn::isCifarNetwork(model.toStdString()));  // their stem is fixed
    m_aux->setEnabled(nn::auxApplies(model.toStdString()));
    // An imported model's classes are its file's (another count would replace its head).
    // The seed's Inception module is one module without a classifier: it has no classes.
    m_classes->setEnabled(!architecture_models::isImported(model) &&
                          model != QLatin1String("seed-inception"));
}

}  // namespace convscope::gui
