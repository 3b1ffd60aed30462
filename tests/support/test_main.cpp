#include "tests/support/test_main.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>

#include <cstdio>
#include <cstdlib>

namespace convscope::testing {

TestHome::TestHome() : m_dir(QDir::tempPath() + QStringLiteral("/convscope-test-XXXXXX")) {
    if (!m_dir.isValid()) {
        std::fprintf(stderr, "cannot create a temporary home for the test: %s\n",
                     qPrintable(m_dir.errorString()));
        std::exit(2);
    }
    const QByteArray home = QFile::encodeName(m_dir.path());
    qputenv("HOME", home);
    qputenv("XDG_CONFIG_HOME", home + "/.config");
    qputenv("XDG_DATA_HOME", home + "/.local/share");
    qputenv("XDG_CACHE_HOME", home + "/.cache");
    qputenv("XDG_STATE_HOME", home + "/.local/state");
    // Qt wants a runtime folder only its user can enter.
    const QString runtime = m_dir.path() + QStringLiteral("/runtime");
    if (QDir().mkpath(runtime))
        QFile::setPermissions(runtime,
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    qputenv("XDG_RUNTIME_DIR", QFile::encodeName(runtime));
    // The same folders again, should a test (or the code under test) switch Qt's test mode on.
    QStandardPaths::setTestModeEnabled(true);
}

TestHome::~TestHome() = default;

}  // namespace convscope::testing
