#include "app/gui/training/training_data_box.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QToolButton>
#include <cmath>
#include <exception>
#include <vector>

#include "app/gui/support/job_runner.h"
#include "core/imaging/dataset_image_decoder.h"
#include "core/nn/data/dataset_location.h"
#include "core/nn/data/image_folder.h"

namespace convscope::gui {

namespace {

constexpr int kThumbnailsPerClass = 4;
constexpr int kThumbnailSize = 48;
constexpr int kListed = 5;  // names listed in a warning before "and N more"

QString listOf(const std::vector<std::string>& names) {
    QStringList shown;
    for (std::size_t i = 0; i < names.size() && int(i) < kListed; ++i)
        shown << QString::fromStdString(names[i]);
    QString text = shown.join(QStringLiteral(", "));
    if (int(names.size()) > kListed)
        text += TrainingDataBox::tr(" and %1 more").arg(int(names.size()) - kListed);
    return text;
}

QWidget* row(QWidget* field, QToolButton* button) {
    auto* w = new QWidget;
    auto* l = new QHBoxLayout(w);
    l->setContentsMargins(0, 0, 0, 0);
    l->addWidget(field, 1);
    l->addWidget(button);
    return w;
}

}  // namespace

FolderPreview TrainingDataBox::scanFolder(const QString& folder, int perClass, double testFraction,
                                          std::uint64_t splitSeed) {
    FolderPreview p;
    p.folder = folder;
    nn::ImageFolderScan scan;
    try {
        nn::FolderScanOptions options;
        options.testFraction = testFraction;
        options.splitSeed = splitSeed;
        scan = nn::scanImageFolder(folder.toStdString(), options);
    } catch (const std::exception& e) {
        p.error = QString::fromUtf8(e.what());
        return p;
    }
    p.layout = QString::fromStdString(scan.layout);
    for (std::size_t c = 0; c < scan.classNames.size(); ++c) {
        p.classNames << QString::fromStdString(scan.classNames[c]);
        p.trainCounts << qint64(scan.trainCounts[c]);
        p.testCounts << qint64(scan.testCounts[c]);
    }
    if (!scan.ignored.empty())
        p.warnings << tr("%n file(s) in the class folders are not images and are left out: %1", nullptr,
                         int(scan.ignored.size()))
                          .arg(listOf(scan.ignored));
    if (!scan.emptyClasses.empty())
        p.warnings << tr("%n class(es) have no image files: %1", nullptr, int(scan.emptyClasses.size()))
                          .arg(listOf(scan.emptyClasses));
    // The first few training files of each class (the list is interleaved by class).
    std::vector<int> shown(scan.classNames.size(), 0);
    std::vector<std::string> failed;
    std::vector<std::uint8_t> rgb(std::size_t(3) * kThumbnailSize * kThumbnailSize);
    for (const nn::ImageFile& f : scan.train) {
        if (shown[std::size_t(f.label)] >= perClass) continue;
        std::string error;
        if (!imaging::decodeDatasetImage(f.path, kThumbnailSize, 3, rgb.data(), error)) {
            failed.push_back(f.path.substr(scan.root.size() + 1));
            continue;
        }
        QImage img(kThumbnailSize, kThumbnailSize, QImage::Format_RGB888);
        const int plane = kThumbnailSize * kThumbnailSize;
        for (int y = 0; y < kThumbnailSize; ++y) {
            uchar* line = img.scanLine(y);
            for (int x = 0; x < kThumbnailSize; ++x)
                for (int ch = 0; ch < 3; ++ch)
                    line[3 * x + ch] = rgb[std::size_t(ch * plane + y * kThumbnailSize + x)];
        }
        p.thumbnails << img;
        p.thumbnailClasses << f.label;
        ++shown[std::size_t(f.label)];
    }
    if (!failed.empty())
        p.warnings << tr("%n previewed file(s) did not decode and will be skipped: %1", nullptr,
                         int(failed.size()))
                          .arg(listOf(failed));
    return p;
}

TrainingDataBox::TrainingDataBox(QWidget* parent) : QGroupBox(tr("Data source"), parent) {
    m_jobs = new JobRunner(QStringLiteral("folder scan"), 1, this);
    m_source = new QComboBox;
    m_source->setObjectName(QStringLiteral("trainSource"));
    m_source->addItem(tr("Fashion-MNIST"), QStringLiteral("fashion"));
    m_source->addItem(tr("Image folder…"), QStringLiteral("folder"));
    m_fashion = new QLineEdit(QString::fromStdString(nn::defaultFashionMnistDirectory()));
    m_fashion->setObjectName(QStringLiteral("trainData"));
    auto* browseFashion = new QToolButton;
    browseFashion->setText(tr("…"));
    browseFashion->setToolTip(tr("Choose the folder that holds the four Fashion-MNIST IDX files"));
    m_folder = new QLineEdit;
    m_folder->setObjectName(QStringLiteral("trainImageFolder"));
    m_folder->setPlaceholderText(tr("DIR/train/<class>/…, DIR/test/<class>/… or DIR/<class>/…"));
    auto* browseFolder = new QToolButton;
    browseFolder->setText(tr("…"));
    browseFolder->setToolTip(tr("Choose a folder of class folders (torchvision's ImageFolder layout)"));
    m_fashionRow = row(m_fashion, browseFashion);
    m_folderRow = row(m_folder, browseFolder);
    // Percent in the box, a fraction in the settings (`train --test-fraction`).
    m_testShare = new QDoubleSpinBox;
    m_testShare->setObjectName(QStringLiteral("trainTestShare"));
    m_testShare->setRange(1.0, 90.0);
    m_testShare->setDecimals(0);
    m_testShare->setSingleStep(5.0);
    m_testShare->setSuffix(tr(" % of each class"));
    m_testShare->setValue(20.0);
    m_splitSeed = new QSpinBox;
    m_splitSeed->setObjectName(QStringLiteral("trainSplitSeed"));
    m_splitSeed->setRange(0, 1000000);
    m_splitSeed->setValue(1);
    m_summary = new QLabel;
    m_summary->setObjectName(QStringLiteral("trainFolderSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_warning = new QLabel;
    m_warning->setObjectName(QStringLiteral("trainFolderWarning"));
    m_warning->setWordWrap(true);
    m_warning->setStyleSheet(QStringLiteral("color: #a04000"));
    m_grid = new QWidget;
    m_gridLayout = new QGridLayout(m_grid);
    m_gridLayout->setContentsMargins(0, 0, 0, 0);
    m_gridLayout->setSpacing(2);

    auto* form = new QFormLayout(this);
    form->addRow(tr("Source"), m_source);
    form->addRow(tr("IDX folder"), m_fashionRow);
    form->addRow(tr("Folder"), m_folderRow);
    form->addRow(tr("Test share"), m_testShare);
    form->addRow(tr("Split seed"), m_splitSeed);
    form->addRow(m_summary);
    form->addRow(m_warning);
    form->addRow(m_grid);

    connect(browseFashion, &QToolButton::clicked, this, [this] {
        const QString dir =
            QFileDialog::getExistingDirectory(this, tr("Fashion-MNIST folder"), m_fashion->text());
        if (!dir.isEmpty()) setFashionDirectory(dir);
    });
    connect(browseFolder, &QToolButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Image folder"), m_folder->text());
        if (!dir.isEmpty()) setImageFolder(dir);
    });
    connect(m_source, &QComboBox::currentIndexChanged, this, [this] {
        updateMode();
        rescan();
        Q_EMIT changed();
    });
    connect(m_fashion, &QLineEdit::textEdited, this, &TrainingDataBox::changed);
    const auto splitEdited = [this] {
        rescan();  // the counts of the new split
        Q_EMIT changed();
    };
    connect(m_testShare, &QDoubleSpinBox::valueChanged, this, splitEdited);
    connect(m_splitSeed, &QSpinBox::valueChanged, this, splitEdited);
    connect(m_folder, &QLineEdit::editingFinished, this, [this] {
        if (m_folder->text().trimmed() == m_preview.folder) return;
        rescan();
        Q_EMIT changed();
    });
    updateMode();
}

TrainingDataBox::~TrainingDataBox() = default;

bool TrainingDataBox::usesFolder() const {
    return m_source->currentData().toString() == QLatin1String("folder");
}

QString TrainingDataBox::imageFolder() const {
    return usesFolder() ? m_folder->text().trimmed() : QString();
}

void TrainingDataBox::setImageFolder(const QString& folder) {
    m_folder->setText(folder);
    {
        const QSignalBlocker block(m_source);
        m_source->setCurrentIndex(folder.isEmpty() ? 0 : 1);
    }
    updateMode();
    rescan();
    Q_EMIT changed();
}

QString TrainingDataBox::fashionDirectory() const {
    return m_fashion->text().trimmed();
}

void TrainingDataBox::setFashionDirectory(const QString& directory) {
    m_fashion->setText(directory);
}

double TrainingDataBox::testFraction() const {
    return m_testShare->value() / 100.0;
}

std::uint64_t TrainingDataBox::splitSeed() const {
    return std::uint64_t(m_splitSeed->value());
}

void TrainingDataBox::setSplit(double testFraction, std::uint64_t splitSeed) {
    if (std::abs(testFraction - this->testFraction()) < 1e-9 && splitSeed == this->splitSeed()) return;
    {
        const QSignalBlocker blockShare(m_testShare), blockSeed(m_splitSeed);
        m_testShare->setValue(100.0 * testFraction);
        m_splitSeed->setValue(int(splitSeed));
    }
    rescan();
}

void TrainingDataBox::updateMode() {
    const bool folder = usesFolder();
    m_fashionRow->setEnabled(!folder);
    m_folderRow->setEnabled(folder);
    // Only a folder of class folders alone is split by ConvScope; train/ and test/ folders are a split.
    const bool ownSplit = !m_preview.layout.isEmpty() && m_preview.layout != QLatin1String("split");
    for (QWidget* w : std::initializer_list<QWidget*>{m_testShare, m_splitSeed}) {
        static_cast<QFormLayout*>(layout())->setRowVisible(w, folder);
        w->setEnabled(folder && !ownSplit);
        w->setToolTip(ownSplit
                          ? tr("This folder has its own split (%1): its test images are used as they are")
                                .arg(m_preview.layout)
                          : tr("The folder holds class folders alone: this share of each class, drawn "
                               "with this seed, is kept for testing (the same split every time)"));
    }
    m_summary->setVisible(folder);
    m_warning->setVisible(folder && !m_warning->text().isEmpty());
    m_grid->setVisible(folder);
}

void TrainingDataBox::rescan() {
    const QString folder = imageFolder();
    if (folder.isEmpty()) {
        m_jobs->post([](const JobToken&) {});  // cancels a scan under way
        showPreview(FolderPreview{});
        return;
    }
    m_summary->setText(tr("Reading %1…").arg(folder));
    m_jobs->run(
        0,
        [folder, fraction = testFraction(), seed = splitSeed()](const JobToken&) {
            return scanFolder(folder, kThumbnailsPerClass, fraction, seed);
        },
        [this](FolderPreview p) {
            showPreview(p);
            Q_EMIT previewReady();
        });
}

void TrainingDataBox::showPreview(const FolderPreview& p) {
    m_preview = p;
    while (QLayoutItem* item = m_gridLayout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    if (!p.error.isEmpty()) {
        m_summary->setText(p.error);
    } else if (!p.folder.isEmpty()) {
        QStringList lines{
            tr("Layout %1, %n class(es) (training/test images):", nullptr, int(p.classNames.size()))
                .arg(p.layout)};
        for (int c = 0; c < p.classNames.size(); ++c)
            lines << tr("%1: %2 / %3").arg(p.classNames[c]).arg(p.trainCounts[c]).arg(p.testCounts[c]);
        m_summary->setText(lines.join(QLatin1Char('\n')));
    } else {
        m_summary->clear();
    }
    m_warning->setText(p.warnings.join(QLatin1Char('\n')));
    // One row per class: its name, then its thumbnails.
    QVector<int> column(p.classNames.size(), 1);
    for (int c = 0; c < p.classNames.size(); ++c) {
        auto* name = new QLabel(p.classNames[c]);
        m_gridLayout->addWidget(name, c, 0);
    }
    for (int i = 0; i < p.thumbnails.size(); ++i) {
        const int c = p.thumbnailClasses[i];
        auto* thumb = new QLabel;
        thumb->setPixmap(QPixmap::fromImage(p.thumbnails[i]));
        thumb->setToolTip(p.classNames.value(c));
        m_gridLayout->addWidget(thumb, c, column[c]++);
    }
    updateMode();
}

}  // namespace convscope::gui
