#include "app/gui/shell/main_actions.h"

#include <QApplication>
#include <QIcon>
#include <QStyle>
#include <QWidget>

#include "app/gui/support/action_factory.h"

namespace convscope::gui {
namespace {

QIcon themeIcon(const QString& name, QStyle::StandardPixmap fallback) {
    return QIcon::fromTheme(name, QApplication::style()->standardIcon(fallback));
}

}  // namespace

MainActions createMainActions(QWidget* owner) {
    using Key = QKeySequence;
    MainActions a;
    a.open = makeAction(owner, QStringLiteral("openAction"), QObject::tr("&Open…"),
                        themeIcon(QStringLiteral("document-open"), QStyle::SP_DialogOpenButton),
                        shortcutsWithFallback(Key::Open, {QStringLiteral("Ctrl+O")}),
                        QObject::tr("Open an image file"));
#ifdef CONVSCOPE_HAVE_NN
    a.openModel = makeAction(owner, QStringLiteral("openModelAction"), QObject::tr("Open &Model…"),
                             themeIcon(QStringLiteral("document-open"), QStyle::SP_DialogOpenButton),
                             {QKeySequence(QStringLiteral("Ctrl+Shift+O"))},
                             QObject::tr("Open a TorchScript model of your own (torch.jit.save)"));
#endif
    a.exportResult = makeAction(
        owner, QStringLiteral("exportAction"), QObject::tr("&Export…"),
        themeIcon(QStringLiteral("document-save-as"), QStyle::SP_DialogSaveButton),
        shortcutsWithFallback(Key::Save, {QStringLiteral("Ctrl+S")}),
        QObject::tr("Save what the panel shows: the filtered image, the architecture diagram or table"));
    a.exportResult->setIconText(QObject::tr("Export"));
    a.quit = makeAction(owner, QStringLiteral("quitAction"), QObject::tr("&Quit"),
                        themeIcon(QStringLiteral("application-exit"), QStyle::SP_DialogCloseButton),
                        shortcutsWithFallback(Key::Quit, {QStringLiteral("Ctrl+Q")}),
                        QObject::tr("Quit ConvScope"));
    a.quit->setMenuRole(QAction::QuitRole);
    a.copyResult = makeAction(owner, QStringLiteral("copyResultAction"), QObject::tr("&Copy"),
                              themeIcon(QStringLiteral("edit-copy"), QStyle::SP_FileIcon),
                              shortcutsWithFallback(Key::Copy, {QStringLiteral("Ctrl+C")}),
                              QObject::tr("Copy what the panel shows, as displayed, to the clipboard"));

    a.zoomIn = makeAction(
        owner, QStringLiteral("zoomInAction"), QObject::tr("Zoom &In"), themeIcon(QStringLiteral("zoom-in")),
        shortcutsWithFallback(Key::ZoomIn, {QStringLiteral("Ctrl++"), QStringLiteral("Ctrl+=")}),
        QObject::tr("Magnify the view"));
    a.zoomOut = makeAction(owner, QStringLiteral("zoomOutAction"), QObject::tr("Zoom &Out"),
                           themeIcon(QStringLiteral("zoom-out")),
                           shortcutsWithFallback(Key::ZoomOut, {QStringLiteral("Ctrl+-")}),
                           QObject::tr("Shrink the view"));
    a.zoomToFit = makeAction(owner, QStringLiteral("zoomToFitAction"), QObject::tr("&Fit to Window"),
                             themeIcon(QStringLiteral("zoom-fit-best")), {Key(QStringLiteral("Ctrl+0"))},
                             QObject::tr("Show the whole image or diagram"));
    a.actualSize = makeAction(owner, QStringLiteral("actualSizeAction"), QObject::tr("&Actual Size"),
                              themeIcon(QStringLiteral("zoom-original")), {Key(QStringLiteral("Ctrl+1"))},
                              QObject::tr("One image pixel per screen pixel"));
    for (QAction* zoom : {a.zoomIn, a.zoomOut, a.zoomToFit, a.actualSize})
        zoom->setPriority(QAction::LowPriority);

    a.about =
        new QAction(QIcon(QStringLiteral(":/icons/convscope.svg")), QObject::tr("&About ConvScope"), owner);
    a.about->setObjectName(QStringLiteral("aboutAction"));
    a.about->setMenuRole(QAction::AboutRole);
    a.aboutQt = new QAction(QObject::tr("About &Qt"), owner);
    a.aboutQt->setObjectName(QStringLiteral("aboutQtAction"));
    a.aboutQt->setMenuRole(QAction::AboutQtRole);
    return a;
}

}  // namespace convscope::gui
