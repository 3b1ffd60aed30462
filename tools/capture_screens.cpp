// Screenshots of ConvScope's panels in known states, for looking at the GUI as a user would and for the
// README's pictures. Runs the real MainWindow (settings isolated in Qt's test mode), puts a panel into a
// scene and grabs the window.
//
//   xvfb-run -a -s "-screen 0 1600x1000x24" build/tools/capture_screens OUTDIR [SCENE ...]
//
// Without scenes it captures all of them; `--list` prints their names.
#include <QApplication>
#include <QDir>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>
#include <cstdio>

#include "app/gui/document/image_document.h"
#include "app/gui/document/sample_images.h"
#include "app/gui/shell/main_window.h"
#include "app/gui/support/settings_file.h"
#include "capture_scenes.h"  // next to this file: the tool is a program, not a library

using namespace convscope;
using convscope::tools::scenes;

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("ConvScope"));
    QApplication::setApplicationName(QStringLiteral("ConvScope"));
    QStandardPaths::setTestModeEnabled(true);  // never touch the user's settings
    const QStringList args = QApplication::arguments().mid(1);
    if (args.contains(QStringLiteral("--sizes"))) {
        // The smallest size each panel asks for: what sets the window's minimum.
        gui::MainWindow window;
        for (int i = 0; i < window.tabs()->count(); ++i) {
            const QSize s = window.tabs()->widget(i)->minimumSizeHint();
            std::printf("%-14s %d x %d\n", qPrintable(window.tabs()->tabText(i)), s.width(), s.height());
        }
        std::printf("%-14s %d x %d\n", "window", window.minimumSizeHint().width(),
                    window.minimumSizeHint().height());
        return 0;
    }
    if (args.contains(QStringLiteral("--list"))) {
        for (const auto& [name, scene] : scenes()) std::printf("%s\n", name.c_str());
        return 0;
    }
    if (args.isEmpty()) {
        std::fprintf(stderr, "usage: capture_screens OUTDIR [SCENE ...] | --list\n");
        return 2;
    }
    const QDir out(args.first());
    if (!QDir().mkpath(out.path())) {
        std::fprintf(stderr, "capture_screens: cannot create %s\n", qPrintable(out.path()));
        return 1;
    }
    QStringList wanted = args.mid(1);
    if (wanted.isEmpty())
        for (const auto& [name, scene] : scenes()) wanted << QString::fromStdString(name);

    int failures = 0;
    for (const QString& name : wanted) {
        const auto it = scenes().find(name.toStdString());
        if (it == scenes().end()) {
            std::fprintf(stderr, "capture_screens: unknown scene %s (--list shows them)\n", qPrintable(name));
            ++failures;
            continue;
        }
        // Every scene starts as a first start: panels restore what the previous scene's window saved.
        gui::SettingsFile().clear();
        gui::MainWindow window;
        window.resize(1500, 940);
        window.show();
        if (!QTest::qWaitForWindowExposed(&window)) return 1;
        window.startWith(gui::textbookImagePath());
        if (!QTest::qWaitFor([&window] { return !window.document()->isEmpty(); }, 20000))
            std::fprintf(stderr, "capture_screens: no image loaded\n");
        it->second(window);
        QTest::qWait(500);
        const QString file = out.filePath(name + QStringLiteral(".png"));
        if (!window.grab().save(file)) {
            std::fprintf(stderr, "capture_screens: cannot write %s\n", qPrintable(file));
            ++failures;
        } else {
            std::printf("%s\n", qPrintable(file));
        }
        window.close();
    }
    return failures == 0 ? 0 : 1;
}
