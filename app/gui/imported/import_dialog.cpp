#include "app/gui/imported/import_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

#include <exception>
#include <stdexcept>

namespace convscope::gui {

namespace {

QString normalisationValuesText(const std::vector<double>& values) {
    QStringList parts;
    for (double v : values) parts << QString::number(v);
    return parts.join(QStringLiteral(", "));
}

}  // namespace

ImportDialog::ImportDialog(const QString& path, const std::optional<ImportedModelEntry>& remembered,
                           QWidget* parent)
    : QDialog(parent), m_path(QFileInfo(path).absoluteFilePath()) {
    setObjectName(QStringLiteral("importDialog"));
    setWindowTitle(tr("Open TorchScript Model"));

    auto* intro = new QLabel(
        tr("<b>%1</b><br>A TorchScript file does not say which images it takes: give the input its training "
           "used.")
            .arg(QFileInfo(path).fileName().toHtmlEscaped()));
    intro->setWordWrap(true);
    intro->setToolTip(QDir::toNativeSeparators(m_path));

    m_shape = new QLineEdit;
    m_shape->setObjectName(QStringLiteral("importInputShape"));
    m_shape->setPlaceholderText(tr("channels × height × width, e.g. 1x28x28 or 3x224x224"));
    m_normalisation = new QComboBox;
    m_normalisation->setObjectName(QStringLiteral("importNormalisation"));
    m_normalisation->addItem(tr("None (pixels 0 … 1)"), QStringLiteral("none"));
    m_normalisation->addItem(tr("ImageNet (mean 0.485, 0.456, 0.406; std 0.229, 0.224, 0.225)"),
                             QStringLiteral("imagenet"));
    m_normalisation->addItem(tr("Fashion-MNIST (mean 0.2860, std 0.3530)"), QStringLiteral("fashion-mnist"));
    m_classNames = new QLineEdit;
    m_classNames->setObjectName(QStringLiteral("importClassNames"));
    m_classNames->setPlaceholderText(tr("optional: a text file, one class name per line"));
    m_classNames->setClearButtonEnabled(true);
    auto* browse = new QPushButton(tr("Browse…"));
    browse->setObjectName(QStringLiteral("importClassNamesBrowse"));
    connect(browse, &QPushButton::clicked, this, &ImportDialog::browseClassNames);
    auto* namesRow = new QHBoxLayout;
    namesRow->addWidget(m_classNames, 1);
    namesRow->addWidget(browse);

    m_nodes = new QLineEdit;
    m_nodes->setObjectName(QStringLiteral("importNodes"));
    m_nodes->setPlaceholderText(tr("every convolution, or nodes: conv1, layer1.add"));
    m_nodes->setToolTip(
        tr("The nodes whose feature maps are shown, by the names convscope-cli describe prints, separated by "
           "commas; once the model has opened, a list of them is offered"));
    m_nodes->setClearButtonEnabled(true);
    m_nodesList = new QListWidget;
    m_nodesList->setObjectName(QStringLiteral("importNodesList"));
    m_nodesList->setToolTip(tr("The nodes whose feature maps are shown (and offered as Grad-CAM layers)"));
    m_nodesList->setMaximumHeight(180);
    m_nodesList->hide();

    if (remembered) {
        fillNodes(*remembered);
        const nn::ImportOptions& o = remembered->options;
        m_shape->setText(ImportedModelStore::shapeText(o.inputShape));
        if (o.normalisation == "custom")  // given on the command line: kept as it was
            m_normalisation->addItem(
                tr("Custom (mean %1; std %2)")
                    .arg(normalisationValuesText(o.mean), normalisationValuesText(o.stdev)),
                QStringLiteral("custom"));
        m_normalisation->setCurrentIndex(
            std::max(0, m_normalisation->findData(QString::fromStdString(o.normalisation))));
        m_classNames->setText(remembered->classNamesFile);
        m_entry = *remembered;
    } else {
        m_shape->setText(QStringLiteral("1x28x28"));  // Fashion-MNIST's, ConvScope's own data
    }

    auto* form = new QFormLayout;
    form->addRow(tr("Input (C×H×W)"), m_shape);
    form->addRow(tr("Normalisation"), m_normalisation);
    form->addRow(tr("Class names"), namesRow);
    auto* nodes = new QVBoxLayout;
    nodes->addWidget(m_nodes);
    nodes->addWidget(m_nodesList);
    form->addRow(tr("Feature maps of"), nodes);
    m_error = new QLabel;
    m_error->setObjectName(QStringLiteral("importError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #a40000;"));
    m_error->hide();
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &ImportDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ImportDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    resize(560, sizeHint().height());
}

QString ImportDialog::errorText() const {
    return m_error->isHidden() ? QString() : m_error->text();
}

void ImportDialog::accept() {
    ImportedModelEntry e;
    e.options.file = m_path.toStdString();
    try {
        e.options.inputShape = nn::parseInputShape(m_shape->text().toStdString());
        e.options.normalisation = m_normalisation->currentData().toString().toStdString();
        if (e.options.normalisation == "custom") {
            e.options.mean = m_entry.options.mean;
            e.options.stdev = m_entry.options.stdev;
        }
        e.classNamesFile = m_classNames->text().trimmed();
        if (!e.classNamesFile.isEmpty()) {
            e.classNamesFile = QFileInfo(e.classNamesFile).absoluteFilePath();
            e.options.classNames = nn::readClassNames(e.classNamesFile.toStdString());
        }
        e.options.taps = chosenTaps();
    } catch (const std::exception& error) {
        m_error->setText(QString::fromUtf8(error.what()));
        m_error->show();
        return;
    }
    m_error->hide();
    // What is known of the file stays known until it loads again.
    e.operations = m_entry.operations;
    e.convolutions = m_entry.convolutions;
    e.classes = m_entry.classes;
    m_entry = e;
    QDialog::accept();
}

void ImportDialog::fillNodes(const ImportedModelEntry& remembered) {
    QStringList taps;
    for (const std::string& t : remembered.options.taps) taps << QString::fromStdString(t);
    m_nodes->setText(taps.join(QStringLiteral(", ")));
    if (remembered.operations.isEmpty()) return;
    const QStringList& checked = taps.isEmpty() ? remembered.convolutions : taps;
    for (const QString& op : remembered.operations) {
        auto* item = new QListWidgetItem(op, m_nodesList);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(checked.contains(op) ? Qt::Checked : Qt::Unchecked);
    }
    m_nodes->hide();
    m_nodesList->show();
}

std::vector<std::string> ImportDialog::chosenTaps() const {
    QStringList names;
    if (m_nodesList->isHidden()) {
        for (const QString& part : m_nodes->text().split(QLatin1Char(','))) {
            const QString name = part.trimmed();  // "relu (2)" keeps its inner space
            if (!name.isEmpty() && !names.contains(name)) names << name;
        }
    } else {
        for (int i = 0; i < m_nodesList->count(); ++i)
            if (m_nodesList->item(i)->checkState() == Qt::Checked) names << m_nodesList->item(i)->text();
        if (names.isEmpty())
            throw std::invalid_argument(
                tr("Check at least one node to show its feature maps.").toStdString());
        // Exactly the convolutions is the default: stored as "every convolution".
        if (names == m_entry.convolutions) names.clear();
    }
    std::vector<std::string> taps;
    for (const QString& n : names) taps.push_back(n.toStdString());
    return taps;
}

void ImportDialog::browseClassNames() {
    const QString start =
        m_classNames->text().isEmpty() ? QFileInfo(m_path).absolutePath() : m_classNames->text();
    const QString file = QFileDialog::getOpenFileName(this, tr("Class names, one per line"), start,
                                                      tr("Text files (*.txt);;All files (*)"));
    if (!file.isEmpty()) m_classNames->setText(file);
}

}  // namespace convscope::gui
