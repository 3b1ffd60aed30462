#include "app/gui/training/training_form.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>
#include <thread>

#include "app/gui/training/regularisation_box.h"
#include "app/gui/training/training_data_box.h"
#include "app/gui/training/training_start_box.h"
#include "core/nn/models/model_switches.h"

namespace convscope::gui {

namespace {

// The charts get a point every five batches: enough to follow the loss, few enough to keep the GUI idle.
constexpr int kLogEvery = 5;

// Items as (shown text, data); the data are ASCII ids.
QComboBox* combo(std::initializer_list<std::pair<QString, const char*>> items) {
    auto* c = new QComboBox;
    for (const auto& [text, data] : items) c->addItem(text, QString::fromLatin1(data));
    return c;
}

void select(QComboBox* c, const QString& data) {
    const int i = c->findData(data);
    if (i >= 0) c->setCurrentIndex(i);
}

// A preset is about the model and the optimisation: the data source and the starting weights stay, and so
// does the architecture that those weights fix.
nn::TrainConfig withSource(nn::TrainConfig c, const nn::TrainConfig& from) {
    c.dataFolder = from.dataFolder;
    c.testFraction = from.testFraction;
    c.splitSeed = from.splitSeed;
    c.init = from.init;
    c.freeze = from.freeze;
    if (!from.init.empty()) {
        const bool augment = c.input.augment;
        c.model = from.model;
        c.input = from.input;
        c.input.augment = augment;
    }
    return c;
}

void setTip(QWidget* w, const QString& why) {
    if (!w->property("ownTip").isValid()) w->setProperty("ownTip", w->toolTip());
    w->setToolTip(why.isEmpty() ? w->property("ownTip").toString() : why);
}

}  // namespace

nn::TrainConfig TrainingForm::preset(const QString& id) {
    nn::TrainConfig c;
    c.model.name = "resnet18";
    c.logEvery = kLogEvery;
    if (id == QLatin1String("seed")) {
        c.model.stem = nn::Stem::Imagenet;
        c.model.inputSize = c.input.size = 224;
        c.input.augment = true;
        c.epochs = 10;
        c.batchSize = 128;
        c.optimizer = "sgd";
        c.learningRate = 0.1;
        c.momentum = 0.9;
        c.weightDecay = 5e-4;
        c.schedule = "step";
        c.device = "cuda";
    } else {
        c.model.stem = nn::Stem::Imagenet;
        c.model.inputSize = c.input.size = 28;
        c.epochs = 1;
        c.batchSize = 128;
        c.optimizer = "adam";
        c.learningRate = 2e-3;
        c.weightDecay = 0.0;
        c.schedule = "onecycle";
        c.device = "cpu";
    }
    return c;
}

TrainingForm::TrainingForm(QWidget* parent) : QWidget(parent) {
    m_preset = combo({{tr("Quick CPU run (≈2 min)"), "quick"},
                      {tr("The seed's recipe (GPU, 224 px)"), "seed"},
                      {tr("Custom"), "custom"}});
    m_preset->setObjectName(QStringLiteral("trainPreset"));
    m_model = new QComboBox;
    m_model->setObjectName(QStringLiteral("trainModel"));
    for (const std::string& n : nn::modelNames())
        m_model->addItem(QString::fromStdString(nn::modelTitle(n)), QString::fromStdString(n));
    m_stem =
        combo({{tr("ImageNet: 7×7 stride 2 + max pool"), "imagenet"}, {tr("Small: 3×3 stride 1"), "small"}});
    m_block = combo({{tr("The depth's own"), ""},
                     {tr("Basic (3×3, 3×3)"), "basic"},
                     {tr("Bottleneck (1×1, 3×3, 1×1)"), "bottleneck"}});
    m_block->setObjectName(QStringLiteral("trainBlock"));
    m_skip = new QCheckBox(tr("Skip connections"));
    m_skip->setObjectName(QStringLiteral("trainSkip"));
    m_skip->setToolTip(
        tr("Untick to remove the residual connections: the seed's exercise, comparing a plain network"));
    m_size = combo({{tr("28 px (as stored)"), "28"},
                    {QStringLiteral("56 px"), "56"},
                    {QStringLiteral("112 px"), "112"},
                    {tr("224 px (the seed's)"), "224"}});
    m_epochs = new QSpinBox;
    m_epochs->setObjectName(QStringLiteral("trainEpochs"));
    m_epochs->setRange(1, 1000);
    m_batch = new QSpinBox;
    m_batch->setRange(1, 4096);
    m_optimizer = combo({{tr("SGD with momentum"), "sgd"},
                         {QStringLiteral("Adam"), "adam"},
                         {QStringLiteral("AdamW"), "adamw"}});
    m_lr = new QDoubleSpinBox;
    m_lr->setObjectName(QStringLiteral("trainLr"));
    m_lr->setDecimals(5);
    m_lr->setRange(1e-5, 100.0);
    m_lr->setSingleStep(0.001);
    m_findLr = new QPushButton(tr("Find…"));
    m_findLr->setObjectName(QStringLiteral("trainFindLr"));
    m_findLr->setToolTip(
        tr("Learning-rate range test: train a few batches from these settings with a growing "
           "rate, plot the loss and suggest a rate"));
    connect(m_findLr, &QPushButton::clicked, this, &TrainingForm::findLearningRateRequested);
    m_momentum = new QDoubleSpinBox;
    m_momentum->setRange(0.0, 0.999);
    m_momentum->setSingleStep(0.05);
    m_decay = new QDoubleSpinBox;
    m_decay->setDecimals(5);
    m_decay->setRange(0.0, 1.0);
    m_decay->setSingleStep(1e-4);
    m_schedule = combo({{tr("Constant"), "none"},
                        {tr("Step: ÷10 at 50 % and 75 %"), "step"},
                        {tr("Cosine"), "cosine"},
                        {tr("One-cycle"), "onecycle"}});
    m_augment = new QCheckBox(tr("Augment (random crop and flip)"));
    m_device = combo({{tr("CPU"), "cpu"}, {tr("CUDA GPU (falls back to the CPU)"), "cuda"}});
    m_device->setObjectName(QStringLiteral("trainDevice"));
    m_threads = new QSpinBox;
    m_threads->setRange(0, 256);
    m_threads->setSpecialValueText(tr("all %1 cores").arg(std::max(1u, std::thread::hardware_concurrency())));
    m_seed = new QSpinBox;
    m_seed->setRange(0, 1000000);
    m_limitTrain = new QSpinBox;
    m_limitTrain->setObjectName(QStringLiteral("trainLimitTrain"));
    m_limitTrain->setRange(0, 60000);
    m_limitTrain->setSingleStep(1000);
    m_limitTrain->setSpecialValueText(tr("all 60,000"));
    m_limitTest = new QSpinBox;
    m_limitTest->setObjectName(QStringLiteral("trainLimitTest"));
    m_limitTest->setRange(0, 10000);
    m_limitTest->setSingleStep(1000);
    m_limitTest->setSpecialValueText(tr("all 10,000"));
    m_dataBox = new TrainingDataBox;
    m_dataBox->setObjectName(QStringLiteral("trainDataBox"));
    m_startBox = new TrainingStartBox;
    m_startBox->setObjectName(QStringLiteral("trainStartBox"));
    m_regularisation = new RegularisationBox;
    m_regularisation->setObjectName(QStringLiteral("trainRegularisation"));

    auto group = [](const QString& title) {
        auto* box = new QGroupBox(title);
        return std::make_pair(box, new QFormLayout(box));
    };
    auto [modelBox, modelForm] = group(tr("Model"));
    modelForm->addRow(tr("Network"), m_model);
    modelForm->addRow(tr("Stem"), m_stem);
    modelForm->addRow(tr("Blocks"), m_block);
    modelForm->addRow(QString(), m_skip);
    modelForm->addRow(tr("Input size"), m_size);
    auto [optBox, optForm] = group(tr("Optimisation"));
    optForm->addRow(tr("Epochs"), m_epochs);
    optForm->addRow(tr("Batch size"), m_batch);
    optForm->addRow(tr("Optimizer"), m_optimizer);
    auto* lrRow = new QHBoxLayout;
    lrRow->addWidget(m_lr, 1);
    lrRow->addWidget(m_findLr);
    optForm->addRow(tr("Learning rate"), lrRow);
    optForm->addRow(tr("Momentum"), m_momentum);
    optForm->addRow(tr("Weight decay"), m_decay);
    optForm->addRow(tr("Schedule"), m_schedule);
    optForm->addRow(QString(), m_augment);
    auto [dataBox, dataForm] = group(tr("Data and machine"));
    dataForm->addRow(tr("Training images"), m_limitTrain);
    dataForm->addRow(tr("Test images"), m_limitTest);
    dataForm->addRow(tr("Device"), m_device);
    dataForm->addRow(tr("Threads"), m_threads);
    dataForm->addRow(tr("Seed"), m_seed);

    auto* presetRow = new QFormLayout;
    presetRow->addRow(tr("Preset"), m_preset);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(presetRow);
    layout->addWidget(modelBox);
    layout->addWidget(m_regularisation);
    layout->addWidget(m_startBox);  // under the model it may fix
    layout->addWidget(optBox);
    layout->addWidget(dataBox);
    layout->addWidget(m_dataBox);
    layout->addStretch(1);

    connect(m_preset, &QComboBox::currentIndexChanged, this, [this] {
        if (m_updating) return;
        const QString id = m_preset->currentData().toString();
        if (id != QLatin1String("custom")) setConfig(withSource(preset(id), config()));
        Q_EMIT changed();
    });
    for (QComboBox* c : {m_model, m_stem, m_block, m_size, m_optimizer, m_schedule, m_device})
        connect(c, &QComboBox::currentIndexChanged, this, &TrainingForm::onEdited);
    for (QSpinBox* s : {m_epochs, m_batch, m_threads, m_seed, m_limitTrain, m_limitTest})
        connect(s, &QSpinBox::valueChanged, this, &TrainingForm::onEdited);
    for (QDoubleSpinBox* s : {m_lr, m_momentum, m_decay})
        connect(s, &QDoubleSpinBox::valueChanged, this, &TrainingForm::onEdited);
    for (QCheckBox* b : {m_skip, m_augment}) connect(b, &QCheckBox::toggled, this, &TrainingForm::onEdited);
    connect(m_dataBox, &TrainingDataBox::changed, this, &TrainingForm::onEdited);
    connect(m_startBox, &TrainingStartBox::changed, this, &TrainingForm::onEdited);
    connect(m_regularisation, &RegularisationBox::changed, this, &TrainingForm::onEdited);
    setConfig(preset(QStringLiteral("quick")));
}

void TrainingForm::onEdited() {
    if (m_updating) return;
    updateEnabled();
    const QString id = m_preset->currentData().toString();
    const nn::TrainConfig now = config();
    if (id != QLatin1String("custom") && now.toText() != withSource(preset(id), now).toText()) {
        const QSignalBlocker block(m_preset);
        select(m_preset, QStringLiteral("custom"));
    }
    Q_EMIT changed();
}

void TrainingForm::updateEnabled() {
    showStartModel();
    const bool fixed = m_startBox->startModel().has_value();
    const QString model = m_model->currentData().toString();
    const bool resnet = model.startsWith(QLatin1String("resnet"));
    // The CIFAR ResNets fix their stem and block; their skip connections can still be switched off.
    const bool stemAndBlock = resnet && !nn::isCifarNetwork(model.toStdString());
    m_model->setEnabled(!fixed);
    m_stem->setEnabled(stemAndBlock && !fixed);
    m_block->setEnabled(stemAndBlock && !fixed);
    m_skip->setEnabled(resnet && !fixed);
    m_regularisation->setModel(model, fixed);
    m_size->setEnabled(!fixed);
    m_momentum->setEnabled(m_optimizer->currentData().toString() == QLatin1String("sgd"));
    // Fashion-MNIST's sizes; a folder's are in its summary.
    const bool folder = m_dataBox->usesFolder();
    m_limitTrain->setSpecialValueText(folder ? tr("all") : tr("all 60,000"));
    m_limitTest->setSpecialValueText(folder ? tr("all") : tr("all 10,000"));
}

void TrainingForm::showStartModel() {
    const std::optional<nn::TrainConfig> start = m_startBox->startModel();
    const int imported = m_model->findData(QStringLiteral("torchscript"));
    const bool isImported = start && start->model.name == "torchscript";
    QSignalBlocker blocks[] = {QSignalBlocker(m_model), QSignalBlocker(m_stem), QSignalBlocker(m_block),
                               QSignalBlocker(m_skip), QSignalBlocker(m_size)};
    if (!isImported && imported >= 0) m_model->removeItem(imported);
    if (!start) {
        for (QWidget* w : std::initializer_list<QWidget*>{m_model, m_stem, m_block, m_skip, m_size})
            setTip(w, QString());
        return;
    }
    const nn::ModelConfig& m = start->model;
    if (isImported) {
        const QString text = tr("%1 (imported)").arg(QFileInfo(QString::fromStdString(m.file)).fileName());
        if (imported >= 0)
            m_model->setItemText(imported, text);
        else
            m_model->addItem(text, QStringLiteral("torchscript"));
    }
    select(m_model, QString::fromStdString(m.name));
    select(m_stem, QString::fromStdString(nn::toString(m.stem)));
    select(m_block, QString::fromStdString(m.block));
    m_skip->setChecked(m.skip);
    m_regularisation->setValues(m.batchNorm, m_regularisation->dropout());
    const QString size = QString::number(m.inputSize);
    if (m_size->findData(size) < 0) m_size->addItem(tr("%1 px (the model's)").arg(m.inputSize), size);
    select(m_size, size);
    const QString why = isImported
                            ? tr("The imported TorchScript model keeps its own layers and its input "
                                 "(%1×%2×%2): choose random weights under “Start from” to pick a network")
                                  .arg(m.inChannels)
                                  .arg(m.inputSize)
                            : tr("Fine-tuning keeps the architecture and input size of the weights it "
                                 "starts from: choose random weights under “Start from” to pick a network");
    for (QWidget* w : std::initializer_list<QWidget*>{m_model, m_stem, m_block, m_skip, m_size})
        setTip(w, why);
}

nn::TrainConfig TrainingForm::config() const {
    nn::TrainConfig c;
    c.model.name = m_model->currentData().toString().toStdString();
    c.model.stem = nn::parseStem(m_stem->currentData().toString().toStdString());
    c.model.block = c.model.name.rfind("resnet", 0) == 0 && !nn::isCifarNetwork(c.model.name)
                        ? m_block->currentData().toString().toStdString()
                        : std::string();
    c.model.skip = c.model.name.rfind("resnet", 0) != 0 || m_skip->isChecked();
    // The switches where they apply; elsewhere the model as it is (validate rejects them there).
    c.model.batchNorm = !nn::batchNormApplies(c.model.name) || m_regularisation->batchNorm();
    c.model.dropout = nn::dropoutApplies(c.model.name) ? m_regularisation->dropout() : 0.0;
    c.model.inputSize = c.input.size = m_size->currentData().toString().toInt();
    c.input.augment = m_augment->isChecked();
    c.epochs = m_epochs->value();
    c.batchSize = m_batch->value();
    c.optimizer = m_optimizer->currentData().toString().toStdString();
    c.learningRate = m_lr->value();
    c.momentum = m_momentum->value();
    c.weightDecay = m_decay->value();
    c.labelSmoothing = m_regularisation->labelSmoothing();
    c.schedule = m_schedule->currentData().toString().toStdString();
    c.device = m_device->currentData().toString().toStdString();
    c.threads = m_threads->value();
    c.seed = std::uint64_t(m_seed->value());
    c.limitTrain = m_limitTrain->value();
    c.limitTest = m_limitTest->value();
    c.logEvery = kLogEvery;
    // The folder as given: the worker makes it absolute, as the CLI does, and sets the classes it holds.
    c.dataFolder = m_dataBox->imageFolder().toStdString();
    c.testFraction = m_dataBox->testFraction();
    c.splitSeed = m_dataBox->splitSeed();
    c.init = m_startBox->initPath().toStdString();
    c.freeze = m_startBox->freeze().toStdString();
    if (const std::optional<nn::TrainConfig> start = m_startBox->startModel()) {
        // The weights' architecture and input size; the classes are the data's (the worker sets a folder's).
        c.model = start->model;
        c.model.classes = nn::ModelConfig{}.classes;
        // Dropout has no weights: a fine-tuning run chooses its own.
        c.model.dropout = nn::dropoutApplies(c.model.name) ? m_regularisation->dropout() : 0.0;
        if (c.model.name == "torchscript") {
            // importedConfig's input: the model's channels and normalisation (a folder run renormalises).
            const bool augment = c.input.augment;
            c.input = start->input;
            c.input.augment = augment;
        }
        c.input.size = c.model.inputSize;
    }
    return c;
}

void TrainingForm::setConfig(const nn::TrainConfig& c) {
    m_updating = true;
    select(m_model, QString::fromStdString(c.model.name));
    select(m_stem, QString::fromStdString(nn::toString(c.model.stem)));
    select(m_block, QString::fromStdString(c.model.block));
    m_skip->setChecked(c.model.skip);
    m_regularisation->setValues(c.model.batchNorm, c.model.dropout);
    m_regularisation->setLabelSmoothing(c.labelSmoothing);
    select(m_size, QString::number(c.input.size));
    m_augment->setChecked(c.input.augment);
    m_epochs->setValue(c.epochs);
    m_batch->setValue(c.batchSize);
    select(m_optimizer, QString::fromStdString(c.optimizer));
    m_lr->setValue(c.learningRate);
    m_momentum->setValue(c.momentum);
    m_decay->setValue(c.weightDecay);
    select(m_schedule, QString::fromStdString(c.schedule));
    select(m_device, QString::fromStdString(c.device));
    m_threads->setValue(c.threads);
    m_seed->setValue(int(c.seed));
    m_limitTrain->setValue(int(c.limitTrain));
    m_limitTest->setValue(int(c.limitTest));
    m_dataBox->setSplit(c.testFraction, c.splitSeed);
    if (QString::fromStdString(c.dataFolder) != m_dataBox->imageFolder())
        m_dataBox->setImageFolder(QString::fromStdString(c.dataFolder));
    m_startBox->setStart(c);
    m_updating = false;
    updateEnabled();
}

QComboBox* TrainingForm::freezeCombo() const {
    return m_startBox->freezeCombo();
}

QString TrainingForm::dataDirectory() const {
    return m_dataBox->fashionDirectory();
}

void TrainingForm::setDataDirectory(const QString& directory) {
    m_dataBox->setFashionDirectory(directory);
}

void TrainingForm::selectPreset(const QString& id) {
    select(m_preset, id);
}

QString TrainingForm::presetId() const {
    return m_preset->currentData().toString();
}

void TrainingForm::restore(const QString& presetId, const nn::TrainConfig& config) {
    m_updating = true;
    select(m_preset, presetId);
    m_updating = false;
    setConfig(config);
}

}  // namespace convscope::gui
