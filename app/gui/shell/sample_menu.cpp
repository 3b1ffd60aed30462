#include "app/gui/shell/sample_menu.h"

#include <QDir>
#include <QFileInfo>

#include "app/gui/document/sample_images.h"
#include "app/gui/support/asset_paths.h"

namespace convscope::gui {

SampleMenu::SampleMenu(const QString& photoDirectory, QWidget* parent) : QMenu(tr("Open &Sample"), parent) {
    setObjectName(QStringLiteral("sampleMenu"));
    QAction* heading = addSection(tr("Test Patterns"));
    heading->setObjectName(QStringLiteral("patternSection"));
    for (const imaging::PatternInfo& info : imaging::patternList()) {
        QAction* action = addAction(QString::fromStdString(info.title) + QStringLiteral("…"));
        action->setObjectName(QStringLiteral("samplePattern_") + QString::fromStdString(info.name));
        action->setData(QString::fromStdString(info.name));
        action->setStatusTip(QString::fromStdString(info.description));
        action->setToolTip(QString::fromStdString(info.description));
        const imaging::PatternKind kind = info.kind;
        connect(action, &QAction::triggered, this, [this, kind] { Q_EMIT patternRequested(kind); });
    }
    addAssetImages();
    addPhotographs(photoDirectory);
}

void SampleMenu::addAssetImages() {
    const QString root = assetPath(QStringLiteral("images"));
    if (root.isEmpty()) return;
    const QDir dir(root);
    for (const QString& folder : dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        const QFileInfoList files =
            QDir(dir.filePath(folder)).entryInfoList({QStringLiteral("*.png")}, QDir::Files, QDir::Name);
        if (files.isEmpty()) continue;
        // "fashion_mnist" reads "Fashion-MNIST test images"; other folders by their name.
        addSection(folder == QLatin1String("fashion_mnist")
                       ? tr("Fashion-MNIST test images")
                       : QString(folder).replace(QLatin1Char('_'), QLatin1Char(' ')));
        for (const QFileInfo& file : files) {
            // "test_0_ankle_boot.png" reads "Ankle boot (test image 0)".
            const QStringList parts = file.completeBaseName().split(QLatin1Char('_'));
            QString label = file.completeBaseName();
            if (parts.size() >= 3 && parts[0] == QLatin1String("test")) {
                QString name = parts.mid(2).join(QLatin1Char(' '));
                name[0] = name[0].toUpper();
                label = tr("%1 (test image %2)").arg(name, parts[1]);
            }
            QAction* action = addAction(label);
            action->setObjectName(QStringLiteral("sampleAsset_") + file.fileName());
            const QString path = file.absoluteFilePath();
            action->setData(path);
            action->setStatusTip(QDir::toNativeSeparators(path));
            connect(action, &QAction::triggered, this, [this, path] { Q_EMIT imageRequested(path); });
        }
    }
}

void SampleMenu::addPhotographs(const QString& photoDirectory) {
    const QStringList paths = sampleImagePaths(photoDirectory);
    if (paths.isEmpty()) return;
    addSection(tr("Photographs (OpenCV samples)"));
    // More than ninety files ship with opencv-doc: the textbook's photograph stays at hand, the rest go into
    // a submenu so this one stays short.
    QMenu* more = nullptr;
    for (const QString& path : paths) {
        const QString name = QFileInfo(path).fileName();
        const bool textbook = name == QLatin1String(kTextbookImageName);
        QMenu* target = this;
        if (!textbook) {
            if (!more) {
                more = addMenu(tr("More OpenCV Samples"));
                more->setObjectName(QStringLiteral("moreSamplesMenu"));
            }
            target = more;
        }
        QString label = name;
        label.replace(QLatin1Char('&'), QLatin1String("&&"));  // a literal '&', not a mnemonic
        QAction* action = target->addAction(textbook ? tr("%1 (textbook example)").arg(label) : label);
        action->setObjectName(QStringLiteral("sampleImage_") + name);
        action->setData(path);
        action->setStatusTip(QDir::toNativeSeparators(path));
        connect(action, &QAction::triggered, this, [this, path] { Q_EMIT imageRequested(path); });
    }
}

}  // namespace convscope::gui
