#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>

#include "app/gui/document/image_file_types.h"
#include "app/gui/shell/main_window.h"
#include "core/imaging/image_loader.h"

#ifndef CONVSCOPE_VERSION
#define CONVSCOPE_VERSION "unknown"
#endif

int main(int argc, char* argv[]) {
    // Before anything can decode an image: the decoders' own size limits must match the loader's.
    convscope::imaging::installDecoderLimits(convscope::imaging::ImageLimits{});

    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("ConvScope"));
    QApplication::setApplicationName(QStringLiteral("ConvScope"));
    QApplication::setApplicationVersion(QStringLiteral(CONVSCOPE_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.github.convscope.ConvScope"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "ConvScope: learn how convolutional neural networks see."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(
        QStringLiteral("image"),
        QApplication::translate("main", "Image to open (%1). Without one, the last image is reopened.")
            .arg(convscope::gui::supportedImageSuffixes().join(QStringLiteral(", "))),
        QStringLiteral("[image]"));
    parser.process(app);
    const QStringList arguments = parser.positionalArguments();

    convscope::gui::MainWindow window;
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/convscope.svg")));
    window.show();
    window.startWith(arguments.isEmpty() ? QString() : arguments.first());
    return QApplication::exec();
}
