#include "app/gui/sample_menu.h"

#include <QDir>
#include <QFileInfo>

#include "app/gui/sample_images.h"

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
    addPhotographs(photoDirectory);
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
