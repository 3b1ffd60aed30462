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
#include <QPushButton>
#include <QVBoxLayout>

#include <exception>

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

    if (remembered) {
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
    } catch (const std::exception& error) {
        m_error->setText(QString::fromUtf8(error.what()));
        m_error->show();
        return;
    }
    m_error->hide();
    m_entry = e;
    QDialog::accept();
}

void ImportDialog::browseClassNames() {
    const QString start =
        m_classNames->text().isEmpty() ? QFileInfo(m_path).absolutePath() : m_classNames->text();
    const QString file = QFileDialog::getOpenFileName(this, tr("Class names, one per line"), start,
                                                      tr("Text files (*.txt);;All files (*)"));
    if (!file.isEmpty()) m_classNames->setText(file);
}

}  // namespace convscope::gui
